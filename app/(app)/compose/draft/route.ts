import { getCurrentSession } from "@/lib/auth/current-session";
import { draftSchema, saveDraftForSession } from "@/lib/actions/compose-draft";

/** Last save when the composer page is left (navigator.sendBeacon on pagehide): same as saveDraftAction. */
export async function POST(request: Request) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (request.headers.get("sec-fetch-site") === "cross-site") return Response.json({ error: "Not allowed." }, { status: 403 });
  const parsed = draftSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "The draft could not be read." }, { status: 400 });
  const result = await saveDraftForSession(parsed.data, session);
  return Response.json(result, { status: result.ok ? 200 : 422 });
}
