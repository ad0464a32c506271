/**
 * Writes generated messages straight into a Maildir++ folder the way a delivery
 * agent would (tmp/ then rename into cur/ with ":2,FLAGS"), with the message date
 * as file mtime, which Dovecot uses as the received date (INTERNALDATE).
 */
import fs from "node:fs";
import path from "node:path";
import { hashString } from "./prng";

export interface FileOwner {
  uid: number;
  gid: number;
}

/** Maildir++ directory of an IMAP folder ("/"-separated) under the Maildir root. */
export function maildirFolderPath(maildirRoot: string, folder: string): string {
  if (folder.toUpperCase() === "INBOX") return maildirRoot;
  if (!/^[\x20-\x7e]+$/.test(folder) || folder.includes(".")) {
    throw new Error(`folder name must be printable ASCII without "." (Maildir++ separator): ${folder}`);
  }
  return path.join(maildirRoot, `.${folder.split("/").join(".")}`);
}

/** Creates cur/new/tmp (and the maildirfolder marker for subfolders). */
export function ensureMaildirFolder(dir: string, isSubfolder: boolean, owner: FileOwner | null): void {
  for (const sub of ["", "cur", "new", "tmp"]) {
    const p = path.join(dir, sub);
    if (!fs.existsSync(p)) {
      fs.mkdirSync(p, { recursive: true, mode: 0o700 });
      if (owner) fs.chownSync(p, owner.uid, owner.gid);
    }
  }
  const marker = path.join(dir, "maildirfolder");
  if (isSubfolder && !fs.existsSync(marker)) {
    fs.writeFileSync(marker, "", { mode: 0o600 });
    if (owner) fs.chownSync(marker, owner.uid, owner.gid);
  }
}

/**
 * Dovecot-style unique name: "<secs>.M<usecs>P<seed>Q<index>R<ns>.mailroom-seed,S=<size>,W=<size>".
 * The timestamp prefix makes Dovecot assign UIDs in date order; S=/W= spare it a
 * stat (the bytes already use CRLF, so the virtual size equals the file size).
 */
export function maildirBaseName(date: Date, index: number, seed: number, namespace: string, size: number): string {
  const secs = Math.floor(date.getTime() / 1000);
  const usecs = index % 1_000_000;
  return `${secs}.M${usecs}P${seed}Q${index}R${hashString(namespace).toString(36)}.mailroom-seed,S=${size},W=${size}`;
}

/** Base names (before ":2,") already in cur/ and new/, to skip on re-runs. */
export function existingBaseNames(dir: string): Set<string> {
  const names = new Set<string>();
  for (const sub of ["cur", "new"]) {
    const p = path.join(dir, sub);
    if (!fs.existsSync(p)) continue;
    for (const name of fs.readdirSync(p)) names.add(name.split(":")[0]!);
  }
  return names;
}

export function writeMaildirMessage(dir: string, baseName: string, flags: string, raw: Buffer, date: Date, owner: FileOwner | null): void {
  const tmp = path.join(dir, "tmp", baseName);
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, raw);
    fs.futimesSync(fd, date, date);
    if (owner) fs.fchownSync(fd, owner.uid, owner.gid);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, "cur", `${baseName}:2,${flags}`));
}
