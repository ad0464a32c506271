/**
 * Deterministic mailbox seeder: writes generated RFC 5322 messages straight into a
 * user's Maildir on the development Dovecot (scripts/mail-server.sh), then has
 * Dovecot index them.
 *
 *   npx tsx scripts/seed-mailbox.ts --user alice@mailroom.test --count 100000 --seed 42 \
 *     [--folder INBOX] [--sent-replies] [--maildir PATH] [--end-date ISO] [--span-days N] \
 *     [--name "Alice"] [--no-index]
 *
 * Run from the project root, as root (files are chowned to the Maildir's owner).
 * State dir: $MAILROOM_MAIL_STATE, default ./.mail-server. With --maildir PATH
 * (a Maildir root) only files are written and Dovecot is not asked anything.
 * Re-running with the same arguments skips messages that are already there.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assertLocalesRepresentable } from "./seed/international-text";
import { defaultMailboxOptions, generateMessage } from "./seed/generate-message";
import { ensureMaildirFolder, existingBaseNames, maildirBaseName, maildirFolderPath, writeMaildirMessage, type FileOwner } from "./seed/maildir-writer";

interface Args {
  user: string;
  count: number;
  seed: number;
  folder: string;
  sentReplies: boolean;
  maildir: string | null;
  endDate: Date | undefined;
  spanDays: number | undefined;
  name: string | undefined;
  index: boolean;
}

function usage(message: string): never {
  console.error(`seed-mailbox: ${message}`);
  console.error(
    "usage: npx tsx scripts/seed-mailbox.ts --user EMAIL [--count N] [--seed N] [--folder NAME] [--sent-replies]" +
      " [--maildir PATH] [--end-date ISO] [--span-days N] [--name NAME] [--no-index]",
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    user: "",
    count: 100,
    seed: 42,
    folder: "INBOX",
    sentReplies: false,
    maildir: null,
    endDate: undefined,
    spanDays: undefined,
    name: undefined,
    index: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i] ?? usage(`${flag} needs a value`);
    const integer = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) usage(`${flag} needs a non-negative integer`);
      return v;
    };
    switch (flag) {
      case "--user":
        args.user = value();
        break;
      case "--count":
        args.count = integer();
        break;
      case "--seed":
        args.seed = integer();
        break;
      case "--folder":
        args.folder = value();
        break;
      case "--sent-replies":
        args.sentReplies = true;
        break;
      case "--maildir":
        args.maildir = path.resolve(value());
        break;
      case "--end-date": {
        const d = new Date(value());
        if (Number.isNaN(d.getTime())) usage("--end-date needs an ISO date");
        args.endDate = d;
        break;
      }
      case "--span-days":
        args.spanDays = integer();
        break;
      case "--name":
        args.name = value();
        break;
      case "--no-index":
        args.index = false;
        break;
      default:
        usage(`unknown argument ${flag}`);
    }
  }
  if (!/^[^@\s:]+@[^@\s:]+$/.test(args.user)) usage("--user EMAIL is required");
  return args;
}

function defaultDisplayName(email: string): string {
  const local = email.split("@")[0]!;
  return local.charAt(0).toUpperCase() + local.slice(1);
}

function makeDoveadm(conf: string) {
  return (...argv: string[]): string => execFileSync("doveadm", ["-c", conf, ...argv], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function seconds(since: bigint): string {
  return `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(1)} s`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  assertLocalesRepresentable();
  const stateDir = path.resolve(process.env.MAILROOM_MAIL_STATE ?? ".mail-server");
  const conf = path.join(stateDir, "dovecot", "dovecot.conf");
  const useDovecot = args.maildir === null;
  const doveadm = makeDoveadm(conf);
  const [local, domain] = args.user.split("@") as [string, string];
  const maildirRoot = args.maildir ?? path.join(stateDir, "mail", domain, local, "Maildir");
  const folders = { main: args.folder, sent: "Sent" };

  if (useDovecot) {
    if (!fs.existsSync(conf)) usage(`no Dovecot config at ${conf}; run 'bash scripts/mail-server.sh up' or pass --maildir`);
    // Creates home, Maildir and the auto-created special-use folders.
    doveadm("mailbox", "status", "-u", args.user, "messages", "INBOX");
    const existing = doveadm("mailbox", "list", "-u", args.user)
      .split("\n")
      .map((l) => l.trim());
    for (const folder of [args.folder, ...(args.sentReplies ? ["Sent"] : [])]) {
      if (folder.toUpperCase() !== "INBOX" && !existing.includes(folder)) {
        doveadm("mailbox", "create", "-s", "-u", args.user, folder);
      }
    }
  }
  if (!fs.existsSync(maildirRoot)) fs.mkdirSync(maildirRoot, { recursive: true, mode: 0o700 });
  const st = fs.statSync(maildirRoot);
  const owner: FileOwner | null = process.getuid?.() === 0 ? { uid: st.uid, gid: st.gid } : null;

  const dirs = {
    main: maildirFolderPath(maildirRoot, folders.main),
    sent: maildirFolderPath(maildirRoot, folders.sent),
  };
  ensureMaildirFolder(dirs.main, folders.main.toUpperCase() !== "INBOX", owner);
  if (args.sentReplies) ensureMaildirFolder(dirs.sent, true, owner);
  const present = {
    main: existingBaseNames(dirs.main),
    sent: args.sentReplies ? existingBaseNames(dirs.sent) : new Set<string>(),
  };

  const options = defaultMailboxOptions({
    seed: args.seed,
    user: { name: args.name ?? defaultDisplayName(args.user), address: args.user },
    count: args.count,
    endDate: args.endDate,
    spanDays: args.spanDays,
    sentReplies: args.sentReplies,
    namespace: args.folder,
  });

  console.log(`seed-mailbox: ${args.count} messages for ${args.user} into ${args.folder}${args.sentReplies ? " (+ own replies into Sent)" : ""}, seed ${args.seed}`);
  const started = process.hrtime.bigint();
  const written = { main: 0, sent: 0 };
  let skipped = 0;
  let bytes = 0;
  const progressEvery = Math.max(10_000, Math.ceil(args.count / 10));
  for (let i = 0; i < args.count; i++) {
    const message = generateMessage(i, options);
    const target = message.folder;
    const baseName = maildirBaseName(message.date, i, args.seed, args.folder, message.raw.length);
    if (present[target].has(baseName)) {
      skipped++;
      continue;
    }
    writeMaildirMessage(dirs[target], baseName, message.flags, message.raw, message.date, owner);
    written[target]++;
    bytes += message.raw.length;
    if ((i + 1) % progressEvery === 0 && i + 1 < args.count) console.log(`  ${i + 1} generated (${seconds(started)})`);
  }
  console.log(
    `seed-mailbox: wrote ${written.main} to ${folders.main}${args.sentReplies ? `, ${written.sent} to Sent` : ""}` +
      `${skipped ? `, skipped ${skipped} already present` : ""} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds(started)}`,
  );

  if (useDovecot && args.index) {
    const indexing = process.hrtime.bigint();
    const touched = [args.folder, ...(args.sentReplies ? ["Sent"] : [])];
    // Twice: when a file name reappears (seeding again after an expunge), Dovecot
    // gives it a new UID only on the sync after the one that noticed it.
    for (const folder of touched) {
      doveadm("force-resync", "-u", args.user, folder);
      doveadm("force-resync", "-u", args.user, folder);
    }
    const status = touched.map((folder) => `${folder}: ${doveadm("-f", "flow", "mailbox", "status", "-u", args.user, "messages unseen", folder).trim()}`).join("; ");
    console.log(`seed-mailbox: Dovecot indexed in ${seconds(indexing)}; ${status}`);
  }
  console.log(`seed-mailbox: total ${seconds(started)}`);
}

main();
