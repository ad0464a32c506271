// Server-only (the server-only package is not installed): holds sanitised mail of signed-in sessions.

/** Which sanitised document: one session's open of one message, with or without remote content. */
export interface FrameKey {
  sessionId: string;
  folder: string;
  uidValidity: string;
  uid: number;
  allowRemote: boolean;
}

export interface FrameCacheOptions {
  maxEntries: number;
  /** Upper bound of the documents' total size (UTF-16 code units × 2); one document may use an eighth of it. */
  maxBytes: number;
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  document: string;
  bytes: number;
  expires: number;
}

/**
 * The message frame's documents as the message view sanitised them, so the frame's own request
 * (moments later, same session) is served without loading and sanitising the message again.
 * Bounded in entries and bytes (least recently used goes first) and short-lived; a miss only
 * means the frame loads the message itself. Keys hold the session id: one session never reads
 * another's entries.
 */
export class MessageFrameCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: FrameCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: FrameKey): string | undefined {
    const id = cacheId(key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.remove(id, entry);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(id, entry);
    this.bytes += entry.bytes;
    return entry.document;
  }

  set(key: FrameKey, document: string): void {
    const id = cacheId(key);
    const previous = this.entries.get(id);
    if (previous) this.remove(id, previous);
    const bytes = document.length * 2;
    if (bytes > this.options.maxBytes / 8) return;
    this.entries.set(id, { document, bytes, expires: this.now() + this.options.ttlMs });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes && entry.expires > this.now()) break;
      this.remove(oldest, entry);
    }
  }

  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private remove(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.bytes -= entry.bytes;
  }
}

function cacheId(key: FrameKey): string {
  return JSON.stringify([key.sessionId, key.folder, key.uidValidity, key.uid, key.allowRemote]);
}

// One cache per server process, kept on globalThis so that pages and route handlers (and
// dev-mode module reloads) share it.
const holder = globalThis as { __mailroomFrameCache?: MessageFrameCache };

export function messageFrameCache(): MessageFrameCache {
  holder.__mailroomFrameCache ??= new MessageFrameCache({ maxEntries: 200, maxBytes: 64 * 1024 * 1024, ttlMs: 60_000 });
  return holder.__mailroomFrameCache;
}
