import { readHealth } from "@/lib/reads/health";

export const dynamic = "force-dynamic";

/**
 * For load balancers: 200 when this instance can reach its database and the IMAP server, 503
 * otherwise, with `{ status, database, imap }`. Answers without a session and within a few
 * seconds whatever is down; tells nothing about anyone (no host names, no error text).
 */
export async function GET(): Promise<Response> {
  const report = await readHealth();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
