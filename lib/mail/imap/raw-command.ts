import type { ImapFlow } from "imapflow";

/**
 * imapflow 2.10 has no API for SORT, THREAD, FETCH PREVIEW or several byte ranges of one body in
 * one FETCH. Its own commands (search, fetch,
 * ...) all go through `exec(command, attributes, { untagged })`, which queues the command on the
 * connection like any other, so using it keeps the pooled connection's ordering and locks
 * intact. It is marked @internal in the typings, so this module is the one place that reaches it.
 */
export type RawAttribute = { type: "ATOM" | "STRING" | "SEQUENCE" | "LITERAL" | "NUMBER"; value: string; section?: RawAttribute[]; partial?: number[] } | RawAttribute[];

interface UntaggedResponse {
  attributes?: unknown[];
}

interface RawExecutor {
  exec(command: string, attributes: RawAttribute[], options: { untagged: Record<string, (response: UntaggedResponse) => Promise<void>> }): Promise<{ next(): void }>;
}

export function atom(value: string): RawAttribute {
  return { type: "ATOM", value };
}

/** BODY.PEEK[]<start.length>: `length` bytes of the whole message from `start`, not marking it read. */
export function bodyRange(start: number, length: number): RawAttribute {
  return { type: "ATOM", value: "BODY.PEEK", section: [], partial: [start, length] };
}

export function sequence(value: string): RawAttribute {
  return { type: "SEQUENCE", value };
}

/** Sends one command on the client's queue and hands every untagged `expect` response to `onUntagged`. */
export async function runRawCommand(client: ImapFlow, command: string, attributes: RawAttribute[], expect: string, onUntagged: (attributes: unknown[]) => void): Promise<void> {
  const executor = client as unknown as RawExecutor;
  const response = await executor.exec(command, attributes, {
    untagged: {
      [expect]: async (untagged) => {
        if (untagged?.attributes) onUntagged(untagged.attributes);
      },
    },
  });
  response.next();
}

/** The text of a parsed attribute (atoms, strings, numbers and literals alike). */
export function attributeText(value: unknown): string {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "";
  const inner = (value as { value?: unknown }).value;
  if (typeof inner === "string") return inner;
  if (Buffer.isBuffer(inner)) return inner.toString("utf8");
  if (inner instanceof Uint8Array) return Buffer.from(inner).toString("utf8");
  return "";
}

/** Expands an IMAP sequence set ("1,5:7") to its numbers, in the order given. */
export function expandSequenceSet(set: string): number[] {
  const numbers: number[] = [];
  for (const part of set.split(",")) {
    if (!part) continue;
    const [from, to] = part.split(":").map((n) => Number.parseInt(n, 10));
    if (from === undefined || Number.isNaN(from)) continue;
    if (to === undefined || Number.isNaN(to)) {
      numbers.push(from);
      continue;
    }
    const step = to >= from ? 1 : -1;
    for (let n = from; step > 0 ? n <= to : n >= to; n += step) numbers.push(n);
  }
  return numbers;
}
