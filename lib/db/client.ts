import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import { listenOnPostgres } from "./notifications";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConfig {
  /** postgres:// URL; without it an embedded PGlite database lives in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "embedded";
  migrate(): Promise<void>;
  /**
   * Hears NOTIFY on `channel` (PostgreSQL: on a connection of its own, reopened when it drops;
   * PGlite: within this process). The function it resolves with stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void, onTrouble?: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
// Any fixed number: instances starting together take turns migrating.
const MIGRATION_LOCK_ID = 4_242_017;

/** Opens the settings database: PostgreSQL when a URL is given, otherwise embedded PGlite (same schema, same migrations). */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  const databaseUrl = config.databaseUrl;
  if (databaseUrl) {
    // A connection that cannot be made within 10 s fails the request instead of holding it.
    const pool = new Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 10_000 });
    // An idle pooled connection that PostgreSQL closes (a restart, a failover, an administrator)
    // is reported here; unheard, the 'error' event would end the whole process. The pool drops
    // the connection and opens a new one for the next query. Only the code is logged.
    pool.on("error", (error: Error & { code?: string }) => console.error(`database: an idle connection was closed (${error.code ?? error.name})`));
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
          client.release();
        }
      },
      listen: (channel, onPayload, onTrouble) => listenOnPostgres(databaseUrl, channel, onPayload, { onTrouble }),
      close: () => pool.end(),
    };
  }
  const dir = config.dataDir === "memory://" ? "memory://" : path.join(config.dataDir, "db");
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "embedded",
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => client.close(),
  };
}
