import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import { listAttachments } from "@/lib/mail/message/parts";
import { messageStructure } from "@/lib/mail/message/structure";
import { connectImap, createMailbox } from "../support/mail-server";
import { bodyHasText } from "../support/visible-text";
import { ENGLISH_LINK_WARNINGS } from "../support/link-warning-words";

// In CI the shared folder sits beside the project root; on a workstation it may be /work/shared.
const CORPORA = [path.resolve(process.cwd(), "../shared/corpora"), "/work/shared/corpora"].find((dir) => existsSync(dir))!;
const MIME = path.join(CORPORA, "mime");
const PER_MESSAGE_MS = 15_000;
const BATCH = 25;

interface Sample {
  name: string;
  raw: Buffer;
}

const skipped: { file: string; reason: string }[] = [];

/** Every message file of the corpus; mbox containers are split into their messages. */
function corpusSamples(): Sample[] {
  const samples: Sample[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const name = path.relative(MIME, full);
      if (!/\.(eml|msg|txt)$/i.test(entry)) continue;
      if (/^(LICENSE|COPYING|NOTICE)/i.test(entry)) {
        skipped.push({ file: name, reason: "licence text, not a message" });
      } else if (/-summary\.txt$/i.test(entry)) {
        skipped.push({ file: name, reason: "expected-results summary of an mbox test, not a message" });
      } else if (/\.mbox\.txt$/i.test(entry)) {
        splitMbox(readFileSync(full)).forEach((raw, index) => samples.push({ name: `${name}#${index + 1}`, raw }));
      } else {
        samples.push({ name, raw: readFileSync(full) });
      }
    }
  };
  walk(MIME);
  return samples;
}

/** Splits an mbox container at its "From " separator lines (the separator line itself is dropped). */
function splitMbox(data: Buffer): Buffer[] {
  const text = data.toString("latin1");
  const starts: number[] = [];
  const separator = /(?:^|\n)From [^\n]*\n/g;
  for (let match = separator.exec(text); match; match = separator.exec(text)) starts.push(match.index + match[0].length);
  return starts
    .map((start, index) => {
      const end = index + 1 < starts.length ? text.lastIndexOf("\nFrom ", starts[index + 1]! - 1) : text.length;
      return Buffer.from(text.slice(start, end), "latin1");
    })
    .filter((message) => message.length > 0);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

describe("MIME corpus through the message view", () => {
  const samples = corpusSamples();
  let client: ImapFlow;
  const appended = new Map<number, string>();
  const rejectedByServer: string[] = [];

  beforeAll(async () => {
    const mailbox = createMailbox("corpus");
    client = await connectImap(mailbox);
    // Appended in batches over the one connection; the server assigns the UIDs we open them by.
    for (let start = 0; start < samples.length; start += BATCH) {
      const batch = samples.slice(start, start + BATCH);
      const results = await Promise.all(
        batch.map((sample) =>
          client.append("INBOX", normaliseLineEnds(sample.raw)).then(
            (result) => ({ sample, uid: result && result.uid ? result.uid : null }),
            () => ({ sample, uid: null }),
          ),
        ),
      );
      for (const { sample, uid } of results) {
        if (uid) appended.set(uid, sample.name);
        else rejectedByServer.push(sample.name);
      }
    }
  }, 170_000);

  afterAll(async () => {
    await client?.logout().catch(() => undefined);
  });

  it("opens every message without a throw or a hang, and lists those with no readable text", async () => {
    expect(samples.length).toBeGreaterThan(300);
    const failures: string[] = [];
    const unreadable: string[] = [];
    for (const [uid, name] of appended) {
      try {
        const view = await withTimeout(
          // As the reader's open does it: one FETCH, then parsed, its parts listed and rendered in one render-worker job.
          fetchRenderedMessage(client, "INBOX", uid, { markRead: true, allowRemote: async () => false, linkWarnings: ENGLISH_LINK_WARNINGS }).then(({ rendered }) => rendered.view),
          PER_MESSAGE_MS,
          name,
        );
        JSON.stringify(view);
        if (!bodyHasText(view.body)) unreadable.push(`${name} (${view.body.kind}${view.attachments.length ? `, ${view.attachments.length} attachments` : ""})`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    console.log(
      [
        `MIME corpus: ${samples.length} messages, ${appended.size} appended, ${failures.length} failed.`,
        `Skipped files (${skipped.length}): ${skipped.map((entry) => `${entry.file} (${entry.reason})`).join("; ") || "none"}`,
        `Refused by the IMAP server on APPEND (${rejectedByServer.length}): ${rejectedByServer.join(", ") || "none"}`,
        `No readable text (${unreadable.length}):`,
        ...unreadable.map((entry) => `  - ${entry}`),
      ].join("\n"),
    );
    expect(failures).toEqual([]);
    expect(appended.size).toBeGreaterThan(samples.length * 0.9);
  }, 180_000);

  it("lists the attachments the server's BODYSTRUCTURE lists, read from the source (same part numbers, names and types)", async () => {
    const differences: string[] = [];
    await client.mailboxOpen("INBOX");
    for (const [uid, name] of appended) {
      const fetched = await client.fetchOne(String(uid), { uid: true, bodyStructure: true, source: true }, { uid: true });
      if (!fetched || !fetched.bodyStructure || !fetched.source) throw new Error(`${name}: not fetched`);
      const summary = (attachments: ReturnType<typeof listAttachments>) => attachments.map(({ part, filename, contentType }) => `${part} ${contentType} ${filename}`);
      const server = summary(listAttachments(fetched.bodyStructure));
      const source = summary(listAttachments(messageStructure(fetched.source)));
      if (JSON.stringify(server) !== JSON.stringify(source)) differences.push(`${name}: server ${JSON.stringify(server)}, source ${JSON.stringify(source)}`);
    }
    expect(differences).toEqual([]);
  }, 180_000);
});

/** IMAP wants CRLF line ends; corpus files come with either. Bare CRs are left as they are. */
function normaliseLineEnds(raw: Buffer): Buffer {
  return Buffer.from(raw.toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1");
}
