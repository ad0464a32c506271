import http from "node:http";
import { randomInt } from "node:crypto";
import type { TestMailbox } from "./mail-server";

/**
 * Plain HTTP to an app instance from a chosen loopback source address, for tests about who the
 * client is: the app sees `localAddress` as the socket peer, whatever headers say.
 */

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  form?: Record<string, string>;
  /** The source address of the connection (any 127.x.y.z works on Linux loopback). */
  localAddress?: string;
  /** Read at most this much of the body, then close (for event streams). */
  readUntil?: (body: string) => boolean;
  agent?: http.Agent;
}

/** A loopback address other than 127.0.0.1, unique enough that a test's counts are its own. */
export function randomLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function httpRequest(baseUrl: string, path: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const url = new URL(path, baseUrl);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? (body ? "POST" : "GET"),
        localAddress: options.localAddress,
        agent: options.agent,
        headers: {
          ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) } : {}),
          ...options.headers,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        const done = () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text });
        response.on("data", (chunk: string) => {
          text += chunk;
          if (options.readUntil?.(text)) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The name=value pairs of an answer's Set-Cookie headers. */
export function cookiesOf(answer: HttpAnswer): Record<string, string> {
  const pairs = (answer.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0] ?? "");
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

/** Auth.js's CSRF token with the cookie it must come back with. */
export async function csrf(baseUrl: string, options: HttpOptions = {}): Promise<{ token: string; cookies: Record<string, string> }> {
  const answer = await httpRequest(baseUrl, "/api/auth/csrf", options);
  return { token: (JSON.parse(answer.body) as { csrfToken: string }).csrfToken, cookies: cookiesOf(answer) };
}

export interface SignInAttempt {
  /** Signed in: the cookies of the new session. */
  cookies?: Record<string, string>;
  /** Refused: Auth.js's error code ("invalid", "locked:<ms>", ...). */
  refusal?: string;
}

/** One sign-in through Auth.js's own credentials endpoint (what the form's server action calls too). */
export async function postSignIn(
  baseUrl: string,
  credentials: TestMailbox,
  token: { token: string; cookies: Record<string, string> },
  options: HttpOptions = {},
): Promise<SignInAttempt> {
  const answer = await httpRequest(baseUrl, "/api/auth/callback/credentials", {
    ...options,
    form: { csrfToken: token.token, email: credentials.email, password: credentials.password, callbackUrl: "/mail/INBOX" },
    headers: { ...options.headers, cookie: cookieHeader(token.cookies) },
  });
  const location = String(answer.headers.location ?? "");
  const error = /[?&]error=/.test(location) ? (new URL(location, baseUrl).searchParams.get("code") ?? "error") : undefined;
  if (error || answer.status >= 400) return { refusal: error ?? `HTTP ${answer.status}` };
  return { cookies: { ...token.cookies, ...cookiesOf(answer) } };
}

/** Signs in over HTTP and returns the session's cookies; throws when refused. */
export async function httpSignIn(baseUrl: string, mailbox: TestMailbox, options: HttpOptions = {}): Promise<Record<string, string>> {
  const attempt = await postSignIn(baseUrl, mailbox, await csrf(baseUrl, options), options);
  if (!attempt.cookies) throw new Error(`sign-in refused: ${attempt.refusal}`);
  return attempt.cookies;
}

export interface OpenStream {
  /** The first event's name ("ready", "unavailable"), or "HTTP <status>" when no stream came. */
  event: string;
  close(): void;
}

/** Opens the live-update stream on INBOX and keeps it open until `close()`. */
export function openStream(baseUrl: string, cookies: Record<string, string>): Promise<OpenStream> {
  const url = new URL("/api/events?folder=INBOX", baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { cookie: cookieHeader(cookies) } }, (response) => {
      let text = "";
      let settled = false;
      const close = () => response.destroy();
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
        const event = /event: (\w+)/.exec(text)?.[1];
        if (event && !settled) {
          settled = true;
          resolve({ event, close });
        }
      });
      response.on("end", () => {
        if (!settled) resolve({ event: `HTTP ${response.statusCode}`, close });
      });
      response.on("error", () => undefined);
    });
    request.on("error", reject);
  });
}
