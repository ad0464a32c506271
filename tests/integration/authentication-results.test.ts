import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentSession } from "@/lib/auth/current-session";
import type { DatabaseHandle } from "@/lib/db/client";
import { recordContacts } from "@/lib/db/contacts";
import { updateUserSettings } from "@/lib/db/user-settings";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { ImapPool } from "@/lib/mail/imap/pool";
import { readMessageView } from "@/lib/reads/message-view";
import type { SenderVerdictView } from "@/lib/reads/sender-verdict";
import { connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { closeRenderWorkers } from "../support/render-workers";
import { openTestDatabase } from "../support/test-database";
import { rawMessage } from "./list-support";

/**
 * Who really sent a message, read through the message view's read from real mail in Dovecot: only
 * the Authentication-Results of the company's own server (MAILROOM_AUTHSERV_ID) count, and the From
 * line is checked against the reader's correspondents.
 */
const TRUSTED = "mx.mailroom.test";
const app = vi.hoisted(() => ({ pool: undefined as unknown, db: undefined as unknown }));
vi.mock("@/lib/auth/imap-pool-instance", () => ({ imapPool: () => app.pool }));
vi.mock("@/lib/db/database", () => ({ database: async () => app.db }));
vi.mock("@/lib/env", () => ({ env: () => ({ authservId: "mx.mailroom.test" }) }));

let handle: DatabaseHandle;
let mailbox: TestMailbox;
let session: CurrentSession;
const uids = new Map<string, number>();

const MESSAGES: Record<string, { from: string; headers: string[] }> = {
  // Written by the sender (or any server on the way): claims everything passed.
  forgedOnly: {
    from: "Bank <alerts@bank.example>",
    headers: ["Authentication-Results: evil.example; spf=pass smtp.mailfrom=bank.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example"],
  },
  // Our server says DMARC failed; a forged header above it (added later by nobody we trust) says pass.
  forgedOverFail: {
    from: "Bank <alerts@bank.example>",
    headers: [
      "Authentication-Results: mx.mailroom.test.evil.example; dmarc=pass header.from=bank.example",
      `Authentication-Results: ${TRUSTED}; spf=fail smtp.mailfrom=bank.example; dkim=none; dmarc=fail (p=reject) header.from=bank.example`,
    ],
  },
  trustedPass: {
    from: "Partner <ann@acme-partner.example>",
    headers: [
      `Authentication-Results: ${TRUSTED}; spf=pass smtp.mailfrom=acme-partner.example; dkim=pass header.d=acme-partner.example; dmarc=pass header.from=acme-partner.example`,
    ],
  },
  lookalike: {
    from: "Partner <ann@acme-partnar.example>",
    headers: [`Authentication-Results: ${TRUSTED}; spf=pass smtp.mailfrom=acme-partnar.example; dmarc=pass header.from=acme-partnar.example`],
  },
  nameShowsAddress: { from: '"ann@acme-partner.example" <payments@elsewhere.example>', headers: [] },
};

beforeAll(async () => {
  handle = await openTestDatabase();
  app.db = handle.db;
  mailbox = createMailbox("authres");
  app.pool = new ImapPool({
    server: { host: mailServer().imapHost, port: mailServer().imapPort, security: "tls" },
    idleTimeoutMs: 60_000,
    maxConnections: 2,
    connect: () => connectImap(mailbox),
  });
  const user = await upsertUserOnSignIn(handle.db, mailbox.email);
  await updateUserSettings(handle.db, user.id, { conversationView: false });
  // The reader writes to Ann at acme-partner.example often.
  for (let time = 0; time < 3; time += 1) await recordContacts(handle.db, user.id, [{ address: "ann@acme-partner.example", name: "Ann" }]);
  session = { sessionId: "authres", rowId: "row-authres", userId: user.id, email: mailbox.email, imapCredentials: () => ({ user: mailbox.email, password: mailbox.password }) };

  const setup = await connectImap(mailbox);
  try {
    for (const [name, message] of Object.entries(MESSAGES)) {
      const appended = await setup.append("INBOX", rawMessage({ subject: name, from: message.from, to: mailbox.email, headers: message.headers, date: new Date() }));
      uids.set(name, Number(appended && appended.uid));
    }
  } finally {
    await setup.logout();
  }
});

afterAll(async () => {
  await (app.pool as ImapPool | undefined)?.closeAll();
  await closeRenderWorkers();
  await handle?.close();
});

async function verdictOf(name: string): Promise<SenderVerdictView> {
  const view = await readMessageView(session, { folder: "INBOX", uid: uids.get(name)! });
  if (!view.ok) throw new Error(view.error);
  const sender = view.data.entries[0]?.sender;
  if (!sender) throw new Error(`no sender verdict for ${name}`);
  return sender;
}

describe("Authentication-Results in the message view", () => {
  it("ignores results written by anyone but our own server", async () => {
    expect(await verdictOf("forgedOnly")).toEqual({ authentication: null, failed: false, warnings: [] });
  });

  it("shows our server's failure even under a forged pass, and warns", async () => {
    const verdict = await verdictOf("forgedOverFail");
    expect(verdict.authentication).toEqual([
      { method: "SPF", result: "fail", domain: "bank.example" },
      { method: "DKIM", result: "none", domain: undefined },
      { method: "DMARC", result: "fail", domain: "bank.example" },
    ]);
    expect(verdict.failed).toBe(true);
  });

  it("shows our server's pass, with no warning for a known correspondent", async () => {
    const verdict = await verdictOf("trustedPass");
    expect(verdict.authentication?.map((row) => `${row.method} ${row.result}`)).toEqual(["SPF pass", "DKIM pass", "DMARC pass"]);
    expect(verdict).toMatchObject({ failed: false, warnings: [] });
  });

  it("warns of a domain one letter away from a correspondent's, even when it passes DMARC for itself and was opened before", async () => {
    const first = await verdictOf("lookalike");
    // Opening it recorded its sender as a contact: that must not make the look-alike trusted.
    const again = await verdictOf("lookalike");
    for (const verdict of [first, again]) {
      expect(verdict.failed).toBe(false);
      expect(verdict.warnings).toEqual([
        { kind: "lookalike-domain", domain: "acme-partnar.example", displayDomain: "acme-partnar.example", resembles: "acme-partner.example", reason: "one-edit" },
      ]);
    }
  });

  it("warns when the display name shows another address than the real one", async () => {
    const verdict = await verdictOf("nameShowsAddress");
    expect(verdict.warnings).toEqual([{ kind: "display-name-address", shownAddress: "ann@acme-partner.example", realAddress: "payments@elsewhere.example" }]);
    expect(verdict.authentication).toBeNull();
  });
});
