import { getCurrentSession } from "@/lib/auth/current-session";
import { searchContacts } from "@/lib/db/contacts";
import { database } from "@/lib/db/database";

/** Recipient autocomplete: the user's own contacts matching ?q= (address and name only). */
export async function GET(request: Request) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  if (!query.trim()) return Response.json({ contacts: [] });
  const contacts = await searchContacts(await database(), session.userId, query);
  return Response.json({ contacts }, { headers: { "Cache-Control": "private, no-store" } });
}
