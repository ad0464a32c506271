import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { LANGUAGE_SETTINGS } from "../i18n/locales";

/** A mailbox owner who has signed in at least once. Mail itself stays on the IMAP server. */
export const users = pgTable("users", {
  id: uuid("id")
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  email: text("email").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
});

/**
 * A signed-in browser. The row id is the SHA-256 of the session id held in the cookie, and the
 * IMAP password is sealed with a key that exists only in the (encrypted) cookie: a database dump
 * alone reveals neither the session nor the password, and neither does the cookie alone.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
    sealedImapPassword: text("sealed_imap_password").notNull(),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

/**
 * Rate-limit counters shared by all app instances (sign-in attempts per address and per client,
 * connection tests and sends per user). One row per key: `count` attempts in the window that
 * ends at `resetsAt`. Bumped with one atomic upsert, so parallel attempts are counted exactly.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("rate_limits_resets_at_idx").on(table.resetsAt)],
);

export type User = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** Seconds a sent message can still be undone, for a user who never changed it. */
export const DEFAULT_UNDO_SEND_SECONDS = 5;

/** Reading preferences of one user. */
/** The colour schemes a user can choose; "system" follows the device's setting. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** Where the message view goes after its message is archived, deleted or moved away. */
export const AFTER_MOVE_CHOICES = ["next", "list"] as const;
export type AfterMove = (typeof AFTER_MOVE_CHOICES)[number];

export const userSettings = pgTable("user_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  markReadOnOpen: boolean("mark_read_on_open").notNull().default(true),
  conversationView: boolean("conversation_view").notNull().default(true),
  /** Seconds a sent message can still be undone; 0 turns undo off. */
  undoSendSeconds: integer("undo_send_seconds").notNull().default(DEFAULT_UNDO_SEND_SECONDS),
  /** Colour scheme: follow the system's, or always light or dark. */
  theme: text("theme", { enum: THEMES }).notNull().default("system"),
  /** Language of the interface: "auto" follows the browser's Accept-Language. */
  language: text("language", { enum: LANGUAGE_SETTINGS }).notNull().default("auto"),
  /** After Archive/Delete/Move in the message view: open the next message, or go back to the list. */
  afterMove: text("after_move", { enum: AFTER_MOVE_CHOICES }).notNull().default("next"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The special folders a user can choose by hand (for servers without SPECIAL-USE). */
export const FOLDER_ROLES = ["archive", "trash", "junk", "sent", "drafts"] as const;
export type FolderRoleName = (typeof FOLDER_ROLES)[number];

/** A user's own choice of folder for a role, overriding what the server's attributes and names say. */
export const folderRoleChoices = pgTable(
  "folder_role_choices",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: FOLDER_ROLES }).notNull(),
    path: text("path").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.role] })],
);

/** Senders whose remote content (images, CSS, fonts) a user always loads. */
export const remoteContentSenders = pgTable(
  "remote_content_senders",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sender: text("sender").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.sender] })],
);

/** A user's outgoing relay. Without a row, or with useCompanyRelay, mail goes through MAILROOM_SMTP_*. */
export const smtpRelays = pgTable("smtp_relays", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  useCompanyRelay: boolean("use_company_relay").notNull().default(true),
  host: text("host"),
  port: integer("port"),
  security: text("security", { enum: ["tls", "starttls", "none"] }),
  username: text("username"),
  /** AES-256-GCM, sealed and opened only by lib/outgoing/relay-password.ts. Never sent to the browser. */
  sealedPassword: text("sealed_password"),
  /** Append a copy to Sent after sending; off for relays that keep their own copy. */
  saveSentCopy: boolean("save_sent_copy").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** From addresses a user may send as. The sign-in address is always one of them. */
export const identities = pgTable(
  "identities",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    displayName: text("display_name").notNull().default(""),
    /** Sanitised HTML. */
    signatureHtml: text("signature_html").notNull().default(""),
    replyTo: text("reply_to"),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the user proved they receive mail at this address (the code mailed to it); null: not usable for sending. */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** SHA-256 of the confirmation code mailed to the address, while one is outstanding. */
    confirmationCodeHash: text("confirmation_code_hash"),
    confirmationExpiresAt: timestamp("confirmation_expires_at", { withTimezone: true }),
    /** Wrong codes entered for the outstanding code; too many void it. */
    confirmationFailures: integer("confirmation_failures").notNull().default(0),
  },
  (table) => [uniqueIndex("identities_user_email_idx").on(table.userId, table.email)],
);

/** Addresses a user wrote to or received from, for recipient autocomplete: address and name only. */
export const contacts = pgTable(
  "contacts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    name: text("name").notNull().default(""),
    useCount: integer("use_count").notNull().default(1),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.address] })],
);

/**
 * A message on its way: "Send" records it here and returns; at `dueAt` (the end of the undo delay)
 * any instance claims it (state pending → sending, atomically) and sends the draft with this
 * Message-ID from the user's Drafts. Undo turns a pending row into cancelled. The IMAP login it
 * needs is sealed (AES-256-GCM, key derived from AUTH_SECRET) and wiped once the row is settled.
 */
export const pendingSends = pgTable(
  "pending_sends",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The draft's Message-ID: its newest version in Drafts is what goes out. */
    messageId: text("message_id").notNull(),
    subject: text("subject").notNull().default(""),
    attachmentIds: text("attachment_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "cancelled"] }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** The instance sending it, and until when its claim holds; a claim that lapses is settled as failed, never retried. */
    claimedBy: text("claimed_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    sealedCredentials: text("sealed_credentials"),
    /** Why it was not sent, in words for the user (failed). */
    error: text("error"),
    /** What went wrong after the relay accepted it (sent). */
    warning: text("warning"),
    sentCopySaved: boolean("sent_copy_saved"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("pending_sends_user_message_idx").on(table.userId, table.messageId), index("pending_sends_state_due_idx").on(table.state, table.dueAt)],
);

export type UserSettings = typeof userSettings.$inferSelect;
export type PendingSend = typeof pendingSends.$inferSelect;
export type SmtpRelay = typeof smtpRelays.$inferSelect;
export type SmtpRelaySecurity = NonNullable<SmtpRelay["security"]>;
export type Identity = typeof identities.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
