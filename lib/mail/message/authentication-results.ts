/**
 * `Authentication-Results` (RFC 8601): what the receiving server concluded about SPF, DKIM and
 * DMARC. Anyone can write such a header into a message before it reaches us, so only headers whose
 * authserv-id is our own server's (`trustedAuthservId`) are read; the rest are counted and ignored.
 * Of several trusted headers, the topmost that reports a method wins: our server added it last, and
 * RFC 8601 §5 has it remove forged copies of its own id from incoming mail.
 */
export type AuthenticationResultValue = "pass" | "fail" | "softfail" | "none" | "neutral" | "temperror" | "permerror";
export type AuthenticationMethod = "spf" | "dkim" | "dmarc";

export interface MethodResult {
  result: AuthenticationResultValue;
  /** The domain the result is about: smtp.mailfrom (SPF), header.d (DKIM), header.from (DMARC). */
  domain?: string;
  /** `ptype.property` → value, e.g. `header.d` → `example.com`. */
  properties: Record<string, string>;
  reason?: string;
}

export interface AuthenticationResults {
  spf?: MethodResult;
  dkim?: MethodResult;
  dmarc?: MethodResult;
  /** Headers from our server that were read, and headers from anyone else that were ignored. */
  trustedHeaders: number;
  ignoredHeaders: number;
}

export interface ParsedAuthenticationResultsHeader {
  authservId: string;
  results: { method: string; result: string; reason?: string; properties: Record<string, string> }[];
}

const MAX_HEADER_LENGTH = 16_384;
const MAX_HEADERS = 50;
const MAX_RESULTS_PER_HEADER = 32;
const MAX_COMMENT_DEPTH = 8;

const RESULT_VALUES: Record<string, AuthenticationResultValue> = {
  pass: "pass",
  fail: "fail",
  softfail: "softfail",
  none: "none",
  neutral: "neutral",
  temperror: "temperror",
  permerror: "permerror",
  // Older and method-specific spellings (RFC 5451 hardfail; RFC 8601 "policy": failed local policy).
  hardfail: "fail",
  policy: "fail",
};

const DOMAIN_PROPERTY: Record<AuthenticationMethod, string[]> = {
  spf: ["smtp.mailfrom", "smtp.helo"],
  dkim: ["header.d", "header.i"],
  dmarc: ["header.from"],
};

/** Reads the trusted headers (given top to bottom, as in the message) into one result per method. */
export function readAuthenticationResults(headerValues: readonly string[], trustedAuthservId: string): AuthenticationResults {
  const trusted = trustedAuthservId.trim().toLowerCase();
  const found: AuthenticationResults = { trustedHeaders: 0, ignoredHeaders: 0 };
  for (const value of headerValues.slice(0, MAX_HEADERS)) {
    const parsed = parseAuthenticationResultsHeader(value);
    if (!parsed || trusted === "" || parsed.authservId.toLowerCase() !== trusted) {
      found.ignoredHeaders += 1;
      continue;
    }
    found.trustedHeaders += 1;
    for (const method of ["spf", "dkim", "dmarc"] as const) {
      if (found[method]) continue;
      const best = bestResult(parsed, method);
      if (best) found[method] = best;
    }
  }
  found.ignoredHeaders += Math.max(0, headerValues.length - MAX_HEADERS);
  return found;
}

/** Several DKIM signatures give several results: a pass wins, otherwise the first. */
function bestResult(header: ParsedAuthenticationResultsHeader, method: AuthenticationMethod): MethodResult | undefined {
  const candidates = header.results
    .filter((entry) => entry.method === method && RESULT_VALUES[entry.result] !== undefined)
    .map((entry): MethodResult => {
      const result = RESULT_VALUES[entry.result] ?? "none";
      const domainProperty = DOMAIN_PROPERTY[method].find((property) => entry.properties[property] !== undefined);
      const raw = domainProperty ? (entry.properties[domainProperty] ?? "") : "";
      const domain = raw.includes("@") ? raw.slice(raw.lastIndexOf("@") + 1) : raw;
      return { result, domain: domain ? domain.toLowerCase() : undefined, properties: entry.properties, reason: entry.reason };
    });
  return candidates.find((candidate) => candidate.result === "pass") ?? candidates[0];
}

/** Parses one header value, or a whole raw line with its `Authentication-Results:` name (mailparser's headerLines); undefined when it isn't one. */
export function parseAuthenticationResultsHeader(value: string): ParsedAuthenticationResultsHeader | undefined {
  if (value.length > MAX_HEADER_LENGTH) return undefined;
  const withoutName = /^authentication-results:/i.test(value) ? value.slice("authentication-results:".length) : value;
  const segments = splitOutsideQuotes(stripComments(withoutName.replace(/\r?\n[ \t]/g, " ")), ";");
  if (!segments) return undefined;
  const [head = "", ...rest] = segments;
  const headTokens = readWords(head);
  const authservId = headTokens?.[0];
  if (!authservId || (headTokens.length > 1 && !/^\d+$/.test(headTokens[1] ?? ""))) return undefined;

  const results: ParsedAuthenticationResultsHeader["results"] = [];
  for (const segment of rest.slice(0, MAX_RESULTS_PER_HEADER)) {
    if (segment.trim().toLowerCase() === "none") continue;
    const pairs = readPairs(segment);
    const [first, ...more] = pairs ?? [];
    if (!first) continue;
    const entry = {
      method: first.key.split("/")[0]?.trim().toLowerCase() ?? "",
      result: first.value.toLowerCase(),
      reason: undefined as string | undefined,
      properties: {} as Record<string, string>,
    };
    for (const pair of more) {
      const key = pair.key.toLowerCase();
      if (key === "reason") entry.reason = pair.value;
      else if (key.includes(".")) entry.properties[key] = pair.value;
    }
    results.push(entry);
  }
  return { authservId, results };
}

/** Removes RFC 5322 comments (nested, with quoted-pairs), leaving quoted strings alone; undefined if unbalanced or too deep. */
function stripComments(text: string): string | undefined {
  let output = "";
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? "";
    if (character === "\\" && (quoted || depth > 0)) {
      if (depth === 0) output += character + (text[index + 1] ?? "");
      index += 1;
      continue;
    }
    if (depth === 0 && character === '"') quoted = !quoted;
    if (!quoted && character === "(") {
      depth += 1;
      if (depth > MAX_COMMENT_DEPTH) return undefined;
      continue;
    }
    if (!quoted && depth > 0 && character === ")") {
      depth -= 1;
      if (depth === 0) output += " ";
      continue;
    }
    if (depth === 0) output += character;
  }
  return depth === 0 && !quoted ? output : undefined;
}

function splitOutsideQuotes(text: string | undefined, separator: string): string[] | undefined {
  if (text === undefined) return undefined;
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? "";
    if (character === "\\" && quoted) {
      current += character + (text[index + 1] ?? "");
      index += 1;
      continue;
    }
    if (character === '"') quoted = !quoted;
    if (!quoted && character === separator) {
      parts.push(current);
      current = "";
    } else current += character;
  }
  parts.push(current);
  return parts;
}

/** Whitespace-separated words, quoted strings unquoted. */
function readWords(text: string): string[] | undefined {
  const words: string[] = [];
  const scanner = { text, index: 0 };
  for (skipSpace(scanner); scanner.index < text.length; skipSpace(scanner)) {
    const word = readValue(scanner);
    if (word === undefined) return undefined;
    words.push(word);
  }
  return words;
}

/** `key = value` pairs, spaces allowed around "=", values possibly quoted. */
function readPairs(text: string): { key: string; value: string }[] | undefined {
  const pairs: { key: string; value: string }[] = [];
  const scanner = { text, index: 0 };
  for (skipSpace(scanner); scanner.index < text.length; skipSpace(scanner)) {
    const start = scanner.index;
    while (scanner.index < text.length && !/[\s="]/.test(text[scanner.index] ?? "")) scanner.index += 1;
    const key = text.slice(start, scanner.index);
    skipSpace(scanner);
    if (key === "" || text[scanner.index] !== "=") return pairs;
    scanner.index += 1;
    skipSpace(scanner);
    const value = readValue(scanner);
    if (value === undefined) return pairs;
    pairs.push({ key, value });
  }
  return pairs;
}

function readValue(scanner: { text: string; index: number }): string | undefined {
  const { text } = scanner;
  if (text[scanner.index] === '"') {
    let value = "";
    for (scanner.index += 1; scanner.index < text.length; scanner.index += 1) {
      const character = text[scanner.index] ?? "";
      if (character === "\\") {
        scanner.index += 1;
        value += text[scanner.index] ?? "";
      } else if (character === '"') {
        scanner.index += 1;
        return value;
      } else value += character;
    }
    return undefined;
  }
  const start = scanner.index;
  while (scanner.index < text.length && !/[\s"]/.test(text[scanner.index] ?? "")) scanner.index += 1;
  return scanner.index > start ? text.slice(start, scanner.index) : undefined;
}

function skipSpace(scanner: { text: string; index: number }): void {
  while (scanner.index < scanner.text.length && /\s/.test(scanner.text[scanner.index] ?? "")) scanner.index += 1;
}
