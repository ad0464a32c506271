import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { checkDeliverability, type DeliverabilityCheckInput, type DeliverabilityReport } from "./check-deliverability";
import { wordDeliverability, type DeliverabilityWords } from "./check-view";
import { createInMemoryDns, type InMemoryZone } from "./in-memory-dns";

const english = await catalogueTranslator("deliverability", "en");
/** The report's words as an English reader reads them. */
const say = (text: DeliverabilityWords) => wordDeliverability(english, "en", text);

const key2048 = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "der", type: "spki" }).toString("base64");

/** acme.example sends through Mailgun EU: SPF includes mailgun.org, DKIM at mx._domainkey, DMARC reject. */
function acmeZone(overrides: { txt?: Record<string, string[]> } & Omit<InMemoryZone, "txt"> = {}): InMemoryZone {
  return {
    ...overrides,
    txt: {
      "acme.example": ["v=spf1 mx include:mailgun.org ~all"],
      "mx._domainkey.acme.example": [`k=rsa; p=${key2048}`],
      "_dmarc.acme.example": ["v=DMARC1; p=reject; rua=mailto:dmarc@acme.example"],
      "mailgun.org": ["v=spf1 include:_spf.mailgun.org ~all"],
      "_spf.mailgun.org": ["v=spf1 ip4:198.51.100.0/24 ~all"],
      ...overrides.txt,
    },
    mx: { "acme.example": [{ exchange: "in.acme.example", priority: 10 }], ...overrides.mx },
    a: { "in.acme.example": ["192.0.2.25"], "smtp.eu.mailgun.org": ["198.51.100.5"], "relay.acme.example": ["192.0.2.40"], ...overrides.a },
    ptr: { "198.51.100.5": ["smtp.eu.mailgun.org"], "192.0.2.40": ["relay.acme.example"], ...overrides.ptr },
  };
}

const throughMailgun: DeliverabilityCheckInput = { relay: { kind: "preset", presetId: "mailgun-eu" }, fromAddress: "sales@acme.example" };

async function report(zone: InMemoryZone, input: DeliverabilityCheckInput = throughMailgun): Promise<DeliverabilityReport> {
  const result = await checkDeliverability(input, createInMemoryDns(zone));
  if (!result.ok) throw new Error(say(result.error));
  return result.report;
}

function check(found: DeliverabilityReport, id: string) {
  const item = found.checks.find((entry) => entry.id === id);
  if (!item) throw new Error(`no ${id} check`);
  return item;
}

describe("checkDeliverability", () => {
  it("all set up: every check green, and the summary says DMARC passes via DKIM", async () => {
    const found = await report(acmeZone());
    expect(found.checks.map((entry) => [entry.id, entry.status])).toEqual([
      ["spf", "green"],
      ["dkim", "green"],
      ["dmarc", "green"],
      ["mx", "green"],
      ["reverse-dns", "green"],
    ]);
    expect({ ...found.summary, text: say(found.summary.text) }).toEqual({ status: "green", text: "Mail from sales@acme.example through Mailgun (EU) will pass DMARC via DKIM." });
  });

  it("SPF green for a relay whose return path is the From address (Microsoft 365), and DMARC passes via both", async () => {
    const zone = acmeZone({
      txt: { "acme.example": ["v=spf1 include:spf.protection.outlook.com -all"], "selector1._domainkey.acme.example": [`p=${key2048}`] },
      a: { "smtp.office365.com": ["203.0.113.8"] },
      ptr: { "203.0.113.8": ["smtp.office365.com"] },
    });
    const found = await report(zone, { relay: { kind: "preset", presetId: "microsoft-365" }, fromAddress: "sales@acme.example" });
    expect(check(found, "spf").status).toBe("green");
    expect(check(found, "spf").details.map(say)).toContain("-all: mail from anywhere else fails SPF (strict)");
    expect(say(found.summary.text)).toBe("Mail from sales@acme.example through Microsoft 365 will pass DMARC via DKIM and SPF.");
  });

  it("no SPF authorisation: gives the merged record to publish", async () => {
    const found = await report(acmeZone({ txt: { "acme.example": ["v=spf1 mx -all"] } }), {
      relay: { kind: "other", host: "relay.acme.example" },
      fromAddress: "sales@acme.example",
      dkimSelectors: ["mx"],
    });
    const spf = check(found, "spf");
    expect(spf.status).toBe("red");
    expect(spf.fix?.records[0]?.zoneLine).toBe('acme.example. TXT "v=spf1 mx a:relay.acme.example -all"');
  });

  it("p=reject with neither SPF nor DKIM aligned: red, and the summary says rejected and why", async () => {
    const zone = acmeZone({ txt: { "acme.example": ["v=spf1 mx -all"], "mx._domainkey.acme.example": [] } });
    const found = await report(zone, { relay: { kind: "other", host: "relay.acme.example" }, fromAddress: "sales@acme.example", dkimSelectors: ["mx"] });
    expect(check(found, "dmarc").status).toBe("red");
    expect(check(found, "dkim").status).toBe("red");
    expect(found.summary.status).toBe("red");
    expect(say(found.summary.text)).toBe(
      "Mail from sales@acme.example through relay.acme.example is likely to be rejected: SPF doesn't authorise relay.acme.example and no usable DKIM key for acme.example.",
    );
  });

  it("no DMARC record: amber with the record to add at the organizational domain", async () => {
    const found = await report(acmeZone({ txt: { "_dmarc.acme.example": [] } }), { ...throughMailgun, fromAddress: "news@mail.acme.example", dkimDomain: "acme.example" });
    const dmarc = check(found, "dmarc");
    expect(dmarc.status).toBe("amber");
    expect(dmarc.fix?.records[0]?.zoneLine).toBe('_dmarc.acme.example. TXT "v=DMARC1; p=none; rua=mailto:postmaster@acme.example"');
    expect(found.summary.status).toBe("amber");
  });

  it("presets whose selectors are per account ask for them instead of failing", async () => {
    const found = await report(acmeZone(), { relay: { kind: "preset", presetId: "amazon-ses-eu-west-1" }, fromAddress: "sales@acme.example" });
    expect(check(found, "dkim").status).toBe("amber");
    expect(say(check(found, "dkim").explanation)).toMatch(
      /^Enter the DKIM selector Amazon SES Europe \(Ireland\) signs with, .* Easy DKIM publishes three CNAMEs .*\(<token>\._domainkey/,
    );
  });

  it("a resolver that times out makes checks unknown, never red", async () => {
    const found = await report({
      failures: { "acme.example": "timeout", "mx._domainkey.acme.example": "timeout", "_dmarc.acme.example": "timeout", "smtp.eu.mailgun.org": "timeout" },
    });
    expect(found.checks.map((entry) => entry.status)).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown"]);
    expect(found.summary.status).toBe("unknown");
  });

  it("the From domain without MX falls back to its address (amber), a null MX is red", async () => {
    const noMx = await report(acmeZone({ mx: { "acme.example": [] }, a: { "acme.example": ["192.0.2.80"] } }));
    expect(check(noMx, "mx").status).toBe("amber");
    const nullMx = await report(acmeZone({ mx: { "acme.example": [{ exchange: ".", priority: 0 }] } }));
    expect(check(nullMx, "mx").status).toBe("red");
  });

  it("reverse DNS: missing PTR on your own relay is red, a PTR that doesn't resolve back is amber", async () => {
    const own = { relay: { kind: "other" as const, host: "relay.acme.example" }, fromAddress: "sales@acme.example", dkimSelectors: ["mx"] };
    expect(check(await report(acmeZone({ ptr: { "192.0.2.40": [] } }), own), "reverse-dns").status).toBe("red");
    expect(check(await report(acmeZone({ ptr: { "192.0.2.40": ["elsewhere.example.net"] } }), own), "reverse-dns").status).toBe("amber");
  });

  it("a relay with several addresses: each is checked, the worst decides, and each name is asked once", async () => {
    const dns = createInMemoryDns(acmeZone({ txt: { "acme.example": ["v=spf1 ip4:192.0.2.40 -all"] }, a: { "relay.acme.example": ["192.0.2.40", "192.0.2.41"] } }));
    const result = await checkDeliverability({ relay: { kind: "other", host: "relay.acme.example" }, fromAddress: "sales@acme.example", dkimSelectors: ["mx"] }, dns);
    if (!result.ok) throw new Error(say(result.error));
    expect(check(result.report, "spf").status).toBe("red");
    expect(say(check(result.report, "spf").explanation)).toMatch(/relay\.acme\.example \(at 192\.0\.2\.41\)/);
    expect(dns.queries.filter((query) => query === "txt acme.example")).toHaveLength(1);
  });

  it("authenticated, but the DMARC lookup timed out: unknown, not 'no DMARC record'", async () => {
    const found = await report(acmeZone({ failures: { "_dmarc.acme.example": "servfail" } }));
    expect(check(found, "dmarc").status).toBe("unknown");
    expect(found.summary.status).toBe("unknown");
    expect(say(found.summary.text)).toMatch(/couldn't look up the DMARC record/);
  });

  it("words every result it gives from keys that both catalogues have", async () => {
    const german = await catalogueTranslator("deliverability", "de");
    const own = { relay: { kind: "other" as const, host: "relay.acme.example" }, fromAddress: "sales@acme.example", dkimSelectors: ["mx"] };
    const reports = await Promise.all([
      report(acmeZone()),
      report(acmeZone({ txt: { "acme.example": ["v=spf1 mx -all"], "mx._domainkey.acme.example": [] } }), own),
      report(acmeZone({ txt: { "_dmarc.acme.example": [] }, ptr: { "192.0.2.40": [] } }), own),
      report(acmeZone(), { relay: { kind: "preset", presetId: "amazon-ses-eu-west-1" }, fromAddress: "sales@acme.example" }),
      report({ failures: { "acme.example": "timeout", "_dmarc.acme.example": "timeout", "smtp.eu.mailgun.org": "timeout" } }),
      report(acmeZone(), { relay: { kind: "company", host: "relay.acme.example" }, fromAddress: "sales@acme.example" }),
    ]);
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") {
        if ("key" in value && typeof value.key === "string") keys.add(value.key);
        Object.values(value).forEach(collect);
      }
    };
    collect(reports);
    expect(keys.size).toBeGreaterThan(25);
    expect([...keys].filter((key) => !english.has(key) || !german.has(key))).toEqual([]);
    expect(wordDeliverability(german, "de", reports[0]?.summary.text ?? { key: "" })).toBe("E-Mail von sales@acme.example über Mailgun (EU) besteht DMARC per DKIM.");
  });

  it("refuses a From address or relay that can't be checked", async () => {
    expect(await checkDeliverability({ ...throughMailgun, fromAddress: "not an address" }, createInMemoryDns({}))).toMatchObject({ ok: false });
    expect(await checkDeliverability({ ...throughMailgun, relay: { kind: "preset", presetId: "nope" } }, createInMemoryDns({}))).toMatchObject({ ok: false });
    expect(await checkDeliverability({ ...throughMailgun, dkimSelectors: ["bad selector!"] }, createInMemoryDns({}))).toMatchObject({ ok: false });
  });
});
