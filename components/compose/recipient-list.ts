/** A To, Cc or Bcc value ("Ann <ann@example.org>, bob@example.org, ca") as the composer keeps it. Pure. */

export interface RecipientParts {
  /** Complete entries, each shown as a chip. */
  entries: string[];
  /** What is still being typed after the last comma or semicolon. */
  typing: string;
}

/** Splits at commas and semicolons outside quoted names and angle brackets, in one pass. */
export function splitRecipients(value: string): RecipientParts {
  const entries: string[] = [];
  let current = "";
  let quoted = false;
  let angle = false;
  for (let index = 0; index < value.length; index++) {
    const char = value[index] ?? "";
    if (quoted && char === "\\") {
      current += char + (value[index + 1] ?? "");
      index++;
      continue;
    }
    if (char === '"' && !angle) quoted = !quoted;
    else if (char === "<" && !quoted) angle = true;
    else if (char === ">" && !quoted) angle = false;
    if ((char === "," || char === ";") && !quoted && !angle) {
      if (current.trim()) entries.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  return { entries, typing: current.trimStart() };
}

export function joinRecipients({ entries, typing }: RecipientParts): string {
  return entries.map((entry) => `${entry}, `).join("") + typing;
}

/** The value with what was being typed turned into an entry (a chip), if anything was. */
export function commitTyping(value: string): string {
  const parts = splitRecipients(value);
  const typed = parts.typing.trim();
  return typed ? joinRecipients({ entries: [...parts.entries, typed], typing: "" }) : value;
}

/** The value as a header wants it: entries joined by ", ", no separator left dangling at the end. */
export function tidyRecipients(value: string): string {
  const { entries, typing } = splitRecipients(value);
  return [...entries, typing.trim()].filter(Boolean).join(", ");
}

/** The bare addresses in a value, for the checks made before sending. */
export function recipientAddresses(value: string): string[] {
  const { entries, typing } = splitRecipients(value);
  return [...entries, typing]
    .map((entry) => /<([^<>]*)>\s*$/.exec(entry)?.[1] ?? entry)
    .map((address) => address.trim())
    .filter((address) => /^[^\s@]+@[^\s@]+$/.test(address));
}
