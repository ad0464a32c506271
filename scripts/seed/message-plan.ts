/**
 * The skeleton of message #index in a generated mailbox: date, thread position,
 * author, recipients, kind and Message-ID. Pure per (options, index): a reply's
 * parent is an earlier index, so any message can be planned without generating
 * the ones before it (threads are recomputed by walking parents).
 */
import { rngFor, hashString, mix32 } from "./prng";
import { LOCALES } from "./international-text";
import { contactAt, CONTACT_POOL_SIZE, TIMEZONE_OFFSETS, type Contact } from "./vocabulary";
import type { Mailbox } from "./mime-encoding";

export interface MailboxOptions {
  seed: number;
  /** The mailbox owner. */
  user: Mailbox;
  /** Total messages in this generated series (spreads the dates). */
  count: number;
  /** Date of the newest message. */
  endDate: Date;
  /** Days covered by the series. */
  spanDays: number;
  /** If true, some replies are written by the user (they belong in Sent). */
  sentReplies: boolean;
  /** Distinguishes Message-IDs of series with the same seed (e.g. the folder name). */
  namespace: string;
}

export type MessageKind = "plain" | "alternative" | "attachment" | "inline-image" | "international" | "newsletter" | "deceptive-link";

export interface Person extends Mailbox {
  title?: string;
  company?: string;
  /** Minutes east of UTC used in this person's Date headers. */
  tzOffset: number;
}

export interface MessagePlan {
  index: number;
  date: Date;
  parent: number | null;
  root: number;
  depth: number;
  /** Written by the mailbox owner (goes to Sent when sentReplies). */
  own: boolean;
  kind: MessageKind;
  /** Index into LOCALES for international threads. */
  locale: number | null;
  /** Topic / template choices fixed per thread root. */
  topic: number;
  author: Person;
  to: Person[];
  cc: Person[];
  messageId: string;
}

const ROOT_KINDS: readonly (readonly [MessageKind, number])[] = [
  ["plain", 36],
  ["alternative", 25],
  ["attachment", 10],
  ["inline-image", 5],
  ["international", 16],
  ["newsletter", 5],
  ["deceptive-link", 3],
];
const REPLY_KINDS: readonly (readonly [MessageKind, number])[] = [
  ["plain", 55],
  ["alternative", 35],
  ["attachment", 10],
];
const REPLY_PROBABILITY = 0.38;
const REPLY_WINDOW = 40;
const OWN_REPLY_PROBABILITY = 0.4;
const LOCALE_TZ: Record<string, number> = {
  de: 60,
  es: 60,
  fr: 60,
  pl: 60,
  cs: 60,
  "ru-1251": 180,
  "ru-koi8": 180,
  ja: 540,
  "zh-cn": 480,
  "zh-cn-gbk": 480,
  "zh-tw": 480,
  "el-utf8": 120,
};
const USER_TZ = 60;

function contactPerson(i: number): Person {
  const c: Contact = contactAt(i);
  return { ...c, tzOffset: TIMEZONE_OFFSETS[hashString(c.address) % TIMEZONE_OFFSETS.length]! };
}

function userPerson(options: MailboxOptions): Person {
  return { ...options.user, tzOffset: USER_TZ };
}

function sameAddress(a: Mailbox, b: Mailbox): boolean {
  return a.address.toLowerCase() === b.address.toLowerCase();
}

export function messageDate(options: MailboxOptions, index: number): Date {
  const rng = rngFor(options.seed, index, "date");
  const spanMs = options.spanDays * 86_400_000;
  const start = options.endDate.getTime() - spanMs;
  const position = (index + rng.next() * 0.9) / Math.max(1, options.count);
  // Whole seconds: Maildir mtimes and Date headers have second resolution.
  return new Date(Math.floor((start + position * spanMs) / 1000) * 1000);
}

/** Cache of recent plans: parents are always close to their replies. */
const planCache = new Map<string, MessagePlan>();
const PLAN_CACHE_LIMIT = 4096;

function cacheKey(options: MailboxOptions, index: number): string {
  return `${options.seed}|${options.namespace}|${options.user.address}|${options.count}|${options.sentReplies}|${index}`;
}

export function planMessage(options: MailboxOptions, index: number): MessagePlan {
  const key = cacheKey(options, index);
  const cached = planCache.get(key);
  if (cached) return cached;
  const plan = computePlan(options, index);
  if (planCache.size >= PLAN_CACHE_LIMIT) planCache.delete(planCache.keys().next().value as string);
  planCache.set(key, plan);
  return plan;
}

function computePlan(options: MailboxOptions, index: number): MessagePlan {
  const rng = rngFor(options.seed, index, "plan");
  const user = userPerson(options);
  const date = messageDate(options, index);
  const messageIdFor = (domain: string) => `<${index.toString(36)}.${mix32(options.seed, index, hashString(options.namespace)).toString(16)}@${domain}>`;

  let parentPlan: MessagePlan | null = null;
  if (index > 0 && rng.chance(REPLY_PROBABILITY)) {
    const candidate = planMessage(options, index - 1 - rng.int(Math.min(index, REPLY_WINDOW)));
    // Bulk mail gets no replies.
    if (candidate.kind !== "newsletter" && candidate.kind !== "deceptive-link") parentPlan = candidate;
  }

  if (!parentPlan) {
    const kind = rng.weighted(ROOT_KINDS);
    const locale = kind === "international" ? rng.int(LOCALES.length) : null;
    let author: Person;
    if (locale !== null) {
      const loc = LOCALES[locale]!;
      const person = rng.pick(loc.people);
      author = { ...person, tzOffset: LOCALE_TZ[loc.id] ?? 0 };
    } else {
      author = contactPerson(rng.int(CONTACT_POOL_SIZE));
    }
    const to: Person[] = [user];
    const cc: Person[] = [];
    if (kind !== "newsletter" && kind !== "deceptive-link" && locale === null) {
      if (rng.chance(0.15)) to.push(contactPerson(rng.int(CONTACT_POOL_SIZE)));
      if (rng.chance(0.2)) {
        const n = rng.range(1, 2);
        for (let i = 0; i < n; i++) cc.push(contactPerson(rng.int(CONTACT_POOL_SIZE)));
      }
    }
    const dedupedCc = cc.filter((p) => !sameAddress(p, author) && !to.some((t) => sameAddress(t, p)));
    const dedupedTo = to.filter((p, i) => i === 0 || !sameAddress(p, author));
    return {
      index,
      date,
      parent: null,
      root: index,
      depth: 0,
      own: false,
      kind,
      locale,
      topic: rng.int(1 << 30),
      author,
      to: dedupedTo,
      cc: dedupedCc,
      messageId: messageIdFor(author.address.split("@")[1]!),
    };
  }

  const parent = parentPlan;
  const kind: MessageKind = parent.locale !== null ? "international" : rng.weighted(REPLY_KINDS);
  const own = options.sentReplies && !parent.own && rng.chance(OWN_REPLY_PROBABILITY);
  let author: Person;
  let to: Person[];
  let cc: Person[];
  if (own) {
    author = user;
    to = [parent.author];
    cc = [...parent.to, ...parent.cc].filter((p) => !sameAddress(p, user) && !sameAddress(p, parent.author));
  } else if (parent.own) {
    author = parent.to[0]!;
    to = [user];
    cc = parent.cc.filter((p) => !sameAddress(p, author));
  } else if (parent.cc.length > 0 && rng.chance(0.5)) {
    // Someone on Cc answers everyone.
    author = parent.cc[0]!;
    to = [parent.author];
    cc = [user, ...parent.cc.slice(1)];
  } else {
    // The original author follows up.
    author = parent.author;
    to = [user];
    cc = parent.cc;
  }
  return {
    index,
    date,
    parent: parent.index,
    root: parent.root,
    depth: parent.depth + 1,
    own,
    kind,
    locale: parent.locale,
    topic: parent.topic,
    author,
    to,
    cc,
    messageId: messageIdFor(own ? options.user.address.split("@")[1]! : author.address.split("@")[1]!),
  };
}

/** Message-IDs of the ancestors, oldest first (for References). */
export function ancestorIds(options: MailboxOptions, plan: MessagePlan): string[] {
  const ids: string[] = [];
  let current = plan.parent;
  while (current !== null) {
    const p = planMessage(options, current);
    ids.push(p.messageId);
    current = p.parent;
  }
  return ids.reverse();
}
