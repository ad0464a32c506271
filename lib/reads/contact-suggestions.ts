// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { searchContacts, type ContactSuggestion } from "@/lib/db/contacts";
import { database } from "@/lib/db/database";

const MAX_QUERY = 100;

/** Recipient autocomplete: the user's own contacts matching what was typed (address and name only). */
export async function readContactSuggestions(session: CurrentSession, typed: string): Promise<ContactSuggestion[]> {
  const query = typed.slice(0, MAX_QUERY);
  if (!query.trim()) return [];
  return searchContacts(await database(), session.userId, query);
}
