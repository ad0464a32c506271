import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { contacts, type Contact } from "./schema";

export type ContactSuggestion = Pick<Contact, "address" | "name">;

/** Remembers addresses the user wrote to (address and name only), counting how often. */
export async function recordContacts(db: Database, userId: string, people: { address: string; name: string }[], at = new Date()): Promise<void> {
  const unique = new Map<string, { address: string; name: string }>();
  for (const person of people) {
    const address = person.address.trim().toLowerCase();
    if (address) unique.set(address, { address, name: person.name.trim().slice(0, 200) });
  }
  if (unique.size === 0) return;
  await db
    .insert(contacts)
    .values([...unique.values()].map((person) => ({ userId, address: person.address, name: person.name, lastUsedAt: at })))
    .onConflictDoUpdate({
      target: [contacts.userId, contacts.address],
      set: {
        useCount: sql`${contacts.useCount} + 1`,
        lastUsedAt: sql`excluded.last_used_at`,
        name: sql`case when excluded.name <> '' then excluded.name else ${contacts.name} end`,
      },
    });
}

/** Autocomplete: the user's contacts whose address or name contains `query`, most used first. */
export async function searchContacts(db: Database, userId: string, query: string, limit = 8): Promise<ContactSuggestion[]> {
  const pattern = `%${query.trim().replace(/[\\%_]/g, "\\$&")}%`;
  return db
    .select({ address: contacts.address, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.userId, userId), or(ilike(contacts.address, pattern), ilike(contacts.name, pattern))))
    .orderBy(desc(contacts.useCount), desc(contacts.lastUsedAt))
    .limit(limit);
}

/** The domains of the user's most used contacts, most used first (what a look-alike sender would imitate). */
export async function frequentContactDomains(db: Database, userId: string, limit = 300): Promise<string[]> {
  const rows = await db
    .select({ address: contacts.address })
    .from(contacts)
    .where(eq(contacts.userId, userId))
    .orderBy(desc(contacts.useCount), desc(contacts.lastUsedAt))
    .limit(limit);
  return [...new Set(rows.map((row) => row.address.slice(row.address.lastIndexOf("@") + 1)).filter((domain) => domain !== ""))];
}
