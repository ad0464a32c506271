/** For load balancers: answers without a session and tells nothing about anyone. */
export function GET() {
  return Response.json({ ok: true });
}
