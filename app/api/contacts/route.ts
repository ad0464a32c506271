import { getCurrentSession } from "@/lib/auth/current-session";
import { readContactSuggestions } from "@/lib/reads/contact-suggestions";

/** Recipient autocomplete: the user's own contacts matching ?q= (address and name only). */
export async function GET(request: Request) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const contacts = await readContactSuggestions(session, new URL(request.url).searchParams.get("q") ?? "");
  return Response.json({ contacts }, { headers: { "Cache-Control": "private, no-store" } });
}
