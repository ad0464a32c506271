/** Messages built to make a mail reader slow or fail: each one must still open quickly, with bounded memory. */
export interface HostileMessage {
  name: string;
  /** The whole message, CRLF line ends. */
  source: string;
}

const CRLF = "\r\n";

function message(name: string, headers: string[], body: string, override: { subject?: string; to?: string } = {}): HostileMessage {
  const head = [
    "From: \u202EHostile\u202C <hostile@evil.example>",
    `To: ${override.to ?? "reader@mailroom.test"}`,
    `Subject: Hostile ${name}${override.subject ?? ""}`,
    `Date: ${new Date(Date.UTC(2026, 10, 1, 9, 0, 0)).toUTCString()}`,
    `Message-ID: <hostile-${name}-${Date.now()}@evil.example>`,
    "MIME-Version: 1.0",
    ...headers,
  ];
  return { name, source: `${head.join(CRLF)}${CRLF}${CRLF}${body}${CRLF}` };
}

function base64Lines(text: string | Buffer): string {
  return Buffer.from(text).toString("base64").replace(/.{76}/g, `$&${CRLF}`);
}

function quotedPrintableLine(text: string): string {
  // A soft line break every 74 characters: one logical line of any length.
  return text.replace(/.{74}/g, `$&=${CRLF}`);
}

const DEEP_NESTING = `<p>hi</p>${"<div>".repeat(15_000)}`;
// 2.2 MB: 200,000 nested elements, each closed (above the sanitiser's size cap, so it is shown as text).
const DEEP_NESTING_2MB = `<p>hi</p>${"<div>".repeat(200_000)}${"</div>".repeat(200_000)}`;
const A_DOT_LINE = "a.".repeat(25_000);

export function hostileMessages(): HostileMessage[] {
  const html = ["Content-Type: text/html; charset=utf-8"];
  const plain = ["Content-Type: text/plain; charset=utf-8"];
  const boundary = "b-hostile";
  const manyParts = Array.from({ length: 3_000 }, (_, index) =>
    [`--${boundary}`, "Content-Type: text/plain; charset=utf-8", `Content-Disposition: attachment; filename="part-${index}.txt"`, "", `part ${index}`].join(CRLF),
  ).join(CRLF);
  const attachment = Buffer.alloc(10 * 1024 * 1024, 7);
  return [
    message("deep-nesting", html, DEEP_NESTING),
    message("deep-nesting-2mb", html, DEEP_NESTING_2MB),
    message("deep-nesting-base64", [...html, "Content-Transfer-Encoding: base64"], base64Lines(DEEP_NESTING)),
    message("huge-flat-html-2mb", [...html, "Content-Transfer-Encoding: base64"], base64Lines(`<p>flat</p>${"<br>".repeat(500_000)}`)),
    message("huge-flat-html-5mb", [...html, "Content-Transfer-Encoding: base64"], base64Lines(`<p>flat</p>${"<br>".repeat(1_250_000)}`)),
    message("many-elements-under-the-size-cap", html, `<p>busy</p>${"<br>".repeat(200_000)}`),
    message("a-dot-line-base64", [...plain, "Content-Transfer-Encoding: base64"], base64Lines(A_DOT_LINE)),
    message("a-dot-line-8bit", [...plain, "Content-Transfer-Encoding: 8bit"], A_DOT_LINE),
    message("long-line-base64", [...plain, "Content-Transfer-Encoding: base64"], Buffer.from("x".repeat(1024 * 1024)).toString("base64")),
    message("long-line-quoted-printable", [...plain, "Content-Transfer-Encoding: quoted-printable"], quotedPrintableLine("a.b@c.".repeat(175_000))),
    message("long-line-8bit", [...plain, "Content-Transfer-Encoding: 8bit"], "y@".repeat(512 * 1024)),
    message("long-line-html-quoted-printable", [...html, "Content-Transfer-Encoding: quoted-printable"], quotedPrintableLine(`<p>${"www.a.".repeat(150_000)}</p>`)),
    message("thousands-of-parts", [`Content-Type: multipart/mixed; boundary="${boundary}"`], `${manyParts}${CRLF}--${boundary}--`),
    message("huge-subject", plain, "The subject is one megabyte long.", { subject: ` ${"s".repeat(1024 * 1024)}` }),
    message("huge-to", plain, "Sixty thousand recipients.", { to: Array.from({ length: 60_000 }, (_, index) => `r${index}@x.example`).join(`,${CRLF} `) }),
    message(
      "malformed-boundaries",
      ['Content-Type: multipart/mixed; boundary="never-closed"'],
      [
        "--never-closed",
        'Content-Type: multipart/alternative; boundary=""',
        "",
        "--",
        "--never-closed-not-quite",
        "Content-Type: text/html",
        "",
        "<p>half</p>",
        "--never-closed",
        "Content-Type: text/plain",
        "",
      ].join(CRLF),
    ),
    message(
      "ten-megabyte-attachment",
      [`Content-Type: multipart/mixed; boundary="${boundary}"`],
      [
        `--${boundary}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "See the attachment.",
        `--${boundary}`,
        "Content-Type: application/octet-stream",
        'Content-Disposition: attachment; filename="big\u202Egpj.exe"',
        "Content-Transfer-Encoding: base64",
        "",
        base64Lines(attachment),
        `--${boundary}--`,
      ].join(CRLF),
    ),
  ];
}
