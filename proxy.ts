import { NextResponse, type NextRequest } from "next/server";
import { appContentSecurityPolicy, newCspNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/security/content-security-policy";

/**
 * Every app page gets a Content-Security-Policy with a nonce of its own. Next.js reads the policy
 * from the request headers and puts the nonce on the scripts it renders; the root layout makes
 * every page dynamic, so no prerendered page goes out without it. Route handlers (/api) set
 * their own headers (the message frame's sandboxing policy, downloads).
 */
export function proxy(request: NextRequest) {
  const nonce = newCspNonce();
  const policy = appContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (servedOverHttps(request)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function servedOverHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icons/|manifest.webmanifest).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
