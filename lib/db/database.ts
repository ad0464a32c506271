import { env } from "@/lib/env";
import { openDatabase, type Database, type DatabaseHandle } from "./client";

// One handle per server process, kept on globalThis so that dev-mode module reloads reuse it.
const holder = globalThis as { __mailroomDb?: Promise<DatabaseHandle> };

/** The app's database, migrated before first use. */
export async function database(): Promise<Database> {
  return (await databaseHandle()).db;
}

/** The handle behind database(), for what needs more than queries (listening for notifications). */
export async function databaseHandle(): Promise<DatabaseHandle> {
  holder.__mailroomDb ??= (async () => {
    const { databaseUrl, dataDir } = env();
    const handle = openDatabase({ databaseUrl, dataDir });
    await handle.migrate();
    return handle;
  })();
  try {
    return await holder.__mailroomDb;
  } catch (error) {
    holder.__mailroomDb = undefined;
    throw error;
  }
}
