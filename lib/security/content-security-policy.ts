/**
 * The Content-Security-Policy of every app page. Scripts run only when they carry this request's
 * nonce, or when a nonced script loaded them ('strict-dynamic'); nothing inline or eval'd runs
 * otherwise. Styles may be inline (React's style props, the editor), which cannot run code.
 * The message body has its own, stricter policy (lib/mail/message/body.ts messageFrameCsp).
 */
export function appContentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error("A CSP nonce must be base64 of at least 12 random bytes");
  // Next.js's development server evaluates modules (React Refresh); production never does.
  const evalInDevelopment = options.development ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${evalInDevelopment}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce for one response: 16 random bytes, base64. */
export function newCspNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS only when the page was served over https (directly or as the proxy reports), never on plain http. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
