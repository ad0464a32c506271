import { getCurrentSession } from "@/lib/auth/current-session";
import { draftSchema, saveDraftForSession } from "@/lib/actions/compose-draft";
import { BodyTooLargeError, readBoundedText } from "@/lib/uploads/bounded-body";

/**
 * The most a draft sent here may be. Next.js hands a route at most the first 10 MB of a body that
 * passed through proxy.ts (proxyClientMaxBodySize), so the limit sits below that: a longer body
 * is refused rather than cut and misread.
 */
const DRAFT_BODY_MAX_BYTES = 9 * 1024 * 1024;

/** Last save when the composer page is left (navigator.sendBeacon on pagehide): same as saveDraftAction. */
export async function POST(request: Request) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (request.headers.get("sec-fetch-site") === "cross-site") return Response.json({ error: "Not allowed." }, { status: 403 });
  const tooLarge = () => Response.json({ error: "The draft is too large to save." }, { status: 413 });
  if (Number(request.headers.get("content-length") ?? 0) > DRAFT_BODY_MAX_BYTES) return tooLarge();
  let text: string;
  try {
    text = await readBoundedText(request.body, DRAFT_BODY_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge();
    return Response.json({ error: "The draft could not be read." }, { status: 400 });
  }
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // refused below
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success) return Response.json({ error: "The draft could not be read." }, { status: 400 });
  const result = await saveDraftForSession(parsed.data, session);
  return Response.json(result, { status: result.ok ? 200 : 422 });
}
