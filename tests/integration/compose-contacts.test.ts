import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { recordContacts, searchContacts } from "@/lib/db/contacts";
import { upsertUserOnSignIn } from "@/lib/db/users";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://" });
  await handle.migrate();
});
afterAll(() => handle.close());

describe("contacts for recipient autocomplete", () => {
  it("records addresses written to, most used first, per user only", async () => {
    const me = await upsertUserOnSignIn(handle.db, `me-${Date.now()}@mailroom.test`);
    const other = await upsertUserOnSignIn(handle.db, `other-${Date.now()}@mailroom.test`);
    await recordContacts(handle.db, me.id, [
      { address: "Ann@Example.org", name: "Ann Archer" },
      { address: "bob@example.org", name: "" },
    ]);
    await recordContacts(handle.db, me.id, [{ address: "bob@example.org", name: "Bob Baker" }]);
    await recordContacts(handle.db, other.id, [{ address: "carol@example.org", name: "Carol" }]);

    expect(await searchContacts(handle.db, me.id, "example")).toEqual([
      { address: "bob@example.org", name: "Bob Baker" },
      { address: "ann@example.org", name: "Ann Archer" },
    ]);
    expect(await searchContacts(handle.db, me.id, "archer")).toEqual([{ address: "ann@example.org", name: "Ann Archer" }]);
    expect(await searchContacts(handle.db, me.id, "carol")).toEqual([]);
    // LIKE wildcards typed by the user are taken literally.
    expect(await searchContacts(handle.db, me.id, "%")).toEqual([]);
  });
});
