import { openDatabase, type DatabaseHandle } from "@/lib/db/client";

/**
 * The database the suite runs against: PostgreSQL when DATABASE_URL is set (CI's second run),
 * otherwise an in-memory embedded PGlite, migrated either way.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const handle = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://" });
  await handle.migrate();
  return handle;
}
