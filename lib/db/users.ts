import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { users, type User } from "./schema";

/** Returns the user with this address, creating the row on first sign-in. */
export async function upsertUserOnSignIn(db: Database, email: string, at: Date = new Date()): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ email, lastSignInAt: at })
    .onConflictDoUpdate({ target: users.email, set: { lastSignInAt: sql`excluded.last_sign_in_at` } })
    .returning();
  if (!user) throw new Error("upsert returned no user row");
  return user;
}
