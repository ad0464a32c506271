import { sql } from "drizzle-orm";
import type { Database } from "./client";

/** The cheapest query that proves the database answers. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
