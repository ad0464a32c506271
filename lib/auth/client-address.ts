/**
 * The client's address for the sign-in rate limit: the first X-Forwarded-For entry. Next.js sets
 * that header from the socket when no proxy did; behind a reverse proxy, the proxy must set it
 * (see README, "Hosting on a company domain").
 */
export function clientAddressFrom(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip") || "unknown").slice(0, 64);
}
