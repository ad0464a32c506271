import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deriveKey, seal } from "@/lib/auth/vault";
import type { DatabaseHandle } from "@/lib/db/client";
import { deleteIdentity, insertIdentity, listIdentities, setDefaultIdentity, updateIdentity } from "@/lib/db/identities";
import { identities, smtpRelays } from "@/lib/db/schema";
import { findSmtpRelay, saveSmtpRelay } from "@/lib/db/smtp-relays";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { sealRelayPassword } from "@/lib/outgoing/relay-password";
import { relayForChoice, RelaySettingsError, resolveRelayForUser, saveOutgoingChoice } from "@/lib/outgoing/relay-policy";
import { TEST_AUTH_SECRET } from "../support/app-server";
import { mailServer } from "../support/mail-server";
import { openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;

async function newUser(prefix = "relay") {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@${mailServer().domain}`;
  const user = await upsertUserOnSignIn(handle.db, email);
  const mailboxPassword = `mailbox-${randomBytes(6).toString("hex")}`;
  return { user, email, session: { userId: user.id, imapCredentials: () => ({ user: email, password: mailboxPassword }) }, mailboxPassword };
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(mailServer().appEnv)) vi.stubEnv(name, value);
  vi.stubEnv("AUTH_SECRET", TEST_AUTH_SECRET);
  vi.stubEnv("MAILROOM_SMTP_ALLOW_INSECURE", "false");
  handle = await openTestDatabase();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await handle?.close();
});

describe("relay settings at rest", () => {
  it("keeps only a sealed password in the database and opens it for sending", async () => {
    const { user, session } = await newUser();
    const password = `relay-secret-${randomBytes(6).toString("hex")}`;
    await saveSmtpRelay(handle.db, user.id, {
      useCompanyRelay: false,
      saveSentCopy: false,
      ownRelay: { host: "smtp.example.com", port: 465, security: "tls", username: "me@example.com", sealedPassword: sealRelayPassword(password, user.id) },
    });

    const [raw] = await handle.db.select().from(smtpRelays).where(eq(smtpRelays.userId, user.id));
    expect(JSON.stringify(raw)).not.toContain(password);
    expect(raw?.sealedPassword).toMatch(/^v1\./);

    await expect(resolveRelayForUser(handle.db, session)).resolves.toEqual({
      host: "smtp.example.com",
      port: 465,
      security: "tls",
      auth: { user: "me@example.com", pass: password },
      saveSentCopy: false,
      isCompanyRelay: false,
    });
  });

  it("keeps the saved password when none is given, and removes it on request", async () => {
    const { user } = await newUser();
    const own = { host: "smtp.example.com", port: 587, security: "starttls" as const, username: "me" };
    await saveSmtpRelay(handle.db, user.id, { useCompanyRelay: false, saveSentCopy: true, ownRelay: { ...own, sealedPassword: sealRelayPassword("first", user.id) } });
    await saveSmtpRelay(handle.db, user.id, { useCompanyRelay: false, saveSentCopy: true, ownRelay: { ...own, port: 2525, sealedPassword: undefined } });
    expect((await findSmtpRelay(handle.db, user.id))?.sealedPassword).toMatch(/^v1\./);
    expect((await findSmtpRelay(handle.db, user.id))?.port).toBe(2525);
    await saveSmtpRelay(handle.db, user.id, { useCompanyRelay: false, saveSentCopy: true, ownRelay: { ...own, sealedPassword: null } });
    expect((await findSmtpRelay(handle.db, user.id))?.sealedPassword).toBeNull();
  });

  it("sends through the company relay with the mailbox login when the user has no relay or chose the company relay", async () => {
    const { user, email, session, mailboxPassword } = await newUser();
    const company = {
      host: mailServer().smtpHost,
      port: mailServer().smtpPort,
      security: "starttls",
      auth: { user: email, pass: mailboxPassword },
      saveSentCopy: true,
      isCompanyRelay: true,
    };
    await expect(resolveRelayForUser(handle.db, session)).resolves.toEqual(company);

    await saveSmtpRelay(handle.db, user.id, {
      useCompanyRelay: false,
      saveSentCopy: true,
      ownRelay: { host: "smtp.example.com", port: 587, security: "starttls", username: "", sealedPassword: null },
    });
    await saveSmtpRelay(handle.db, user.id, { useCompanyRelay: true, saveSentCopy: false });
    expect((await findSmtpRelay(handle.db, user.id))?.host).toBe("smtp.example.com");
    await expect(resolveRelayForUser(handle.db, session)).resolves.toEqual({ ...company, saveSentCopy: false });
  });

  it("does not open a password sealed for another user", async () => {
    const { user, session } = await newUser();
    const other = await newUser();
    await saveSmtpRelay(handle.db, user.id, {
      useCompanyRelay: false,
      saveSentCopy: true,
      ownRelay: { host: "smtp.example.com", port: 587, security: "starttls", username: "me", sealedPassword: sealRelayPassword("pw", other.user.id) },
    });
    await expect(resolveRelayForUser(handle.db, session)).rejects.toThrow(RelaySettingsError);
    // Nor one sealed with a key for another purpose.
    await saveSmtpRelay(handle.db, user.id, {
      useCompanyRelay: false,
      saveSentCopy: true,
      ownRelay: { host: "smtp.example.com", port: 587, security: "starttls", username: "me", sealedPassword: seal("pw", deriveKey(TEST_AUTH_SECRET, "other"), user.id) },
    });
    await expect(resolveRelayForUser(handle.db, session)).rejects.toMatchObject({ problem: "savedPasswordUnreadable" });
  });

  it("refuses an unencrypted relay when the administrator does not allow one", async () => {
    const { user, session } = await newUser();
    await saveSmtpRelay(handle.db, user.id, {
      useCompanyRelay: false,
      saveSentCopy: true,
      ownRelay: { host: "smtp.example.com", port: 25, security: "none", username: "", sealedPassword: null },
    });
    await expect(resolveRelayForUser(handle.db, session)).rejects.toMatchObject({ problem: "insecure" });
  });

  it("reuses the saved password only for the same host, port, security and username", async () => {
    const { user, session } = await newUser();
    const account = { host: "smtp.example.com", port: 587, security: "starttls" as const, username: "me" };
    const choice = { ...account, useCompanyRelay: false as const, saveSentCopy: true, password: "", removePassword: false };
    await expect(saveOutgoingChoice(handle.db, user.id, { ...choice, password: "typed-once" })).resolves.toEqual({ ok: true, passwordSaved: true });

    await expect(saveOutgoingChoice(handle.db, user.id, choice)).resolves.toEqual({ ok: true, passwordSaved: true });
    await expect(relayForChoice(handle.db, session, choice)).resolves.toMatchObject({ ok: true, relay: { auth: { user: "me", pass: "typed-once" } } });
    for (const changed of [{ host: "smtp.other.example" }, { port: 2525 }, { security: "tls" as const }, { username: "you" }]) {
      await expect(saveOutgoingChoice(handle.db, user.id, { ...choice, ...changed })).resolves.toMatchObject({ ok: false, passwordProblem: "passwordChanged" });
      await expect(relayForChoice(handle.db, session, { ...choice, ...changed })).resolves.toMatchObject({ ok: false });
    }
    expect((await findSmtpRelay(handle.db, user.id))?.port).toBe(587);
  });
});

describe("identities", () => {
  it("always lists the sign-in address first, as the default until another is chosen", async () => {
    const { user, email } = await newUser("ident");
    const first = await listIdentities(handle.db, user.id, email.toUpperCase());
    expect(first.map((i) => [i.email, i.isDefault])).toEqual([[email, true]]);

    const sales = await insertIdentity(handle.db, user.id, { email: `Sales@${mailServer().domain}`, displayName: "Sales", signatureHtml: "<p>Sales</p>", replyTo: null });
    expect(sales?.email).toBe(`sales@${mailServer().domain}`);
    expect(await insertIdentity(handle.db, user.id, { email: `sales@${mailServer().domain}`, displayName: "", signatureHtml: "", replyTo: null })).toBeUndefined();

    const listed = await listIdentities(handle.db, user.id, email);
    expect(listed.map((i) => i.email)).toEqual([email, `sales@${mailServer().domain}`]);

    expect(await setDefaultIdentity(handle.db, user.id, sales!.id)).toBe(true);
    expect((await listIdentities(handle.db, user.id, email)).map((i) => i.isDefault)).toEqual([false, true]);

    expect(await updateIdentity(handle.db, user.id, sales!.id, { displayName: "Sales team", signatureHtml: "", replyTo: `help@${mailServer().domain}` })).toBe(true);
    expect((await listIdentities(handle.db, user.id, email))[1]).toMatchObject({ displayName: "Sales team", replyTo: `help@${mailServer().domain}` });

    expect(await deleteIdentity(handle.db, user.id, sales!.id, email)).toBe(true);
    expect((await listIdentities(handle.db, user.id, email)).map((i) => [i.email, i.isDefault])).toEqual([[email, true]]);
  });

  it("never deletes the sign-in address, nor touches another user's identities", async () => {
    const { user, email } = await newUser("ident");
    const other = await newUser("ident");
    const [own] = await listIdentities(handle.db, user.id, email);
    expect(await deleteIdentity(handle.db, user.id, own!.id, email)).toBe(false);
    expect(await deleteIdentity(handle.db, other.user.id, own!.id, other.email)).toBe(false);
    expect(await setDefaultIdentity(handle.db, other.user.id, own!.id)).toBe(false);
    expect(await updateIdentity(handle.db, other.user.id, own!.id, { displayName: "x", signatureHtml: "", replyTo: null })).toBe(false);
    expect(await handle.db.select().from(identities).where(eq(identities.userId, user.id))).toHaveLength(1);
  });
});
