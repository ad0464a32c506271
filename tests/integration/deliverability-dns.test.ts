import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDeliverability, type DeliverabilityCheckInput, type DeliverabilityReport } from "@/lib/deliverability/check-deliverability";
import { wordDeliverability, type DeliverabilityWords } from "@/lib/deliverability/check-view";
import { checkDkimSelector } from "@/lib/deliverability/dkim";
import { createDnsLookup, type DnsLookup } from "@/lib/deliverability/dns";
import { evaluateSpf } from "@/lib/deliverability/spf";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { startDnsServer, startSilentDnsServer, type RunningDnsServer, type TestDnsZone } from "../support/dns-server";

/**
 * The deliverability check against a real DNS server (dnsmasq on loopback) answering for one zone
 * per case, and against a port that never answers: "couldn't check", never a red mark.
 */
const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "der", type: "spki" }).toString("base64");
const RELAY = "relay.pass.example";
const RELAY_ADDRESS = "192.0.2.40";

function manyLookups(): [string, string][] {
  const records: [string, string][] = [["many.example", "v=spf1 include:l1.many.example -all"]];
  for (let level = 1; level <= 10; level += 1) {
    records.push([`l${level}.many.example`, level === 10 ? `v=spf1 a:${RELAY} -all` : `v=spf1 include:l${level + 1}.many.example -all`]);
  }
  return records;
}

const zone: TestDnsZone = {
  localDomains: ["pass.example", "softfail.example", "missing.example", "many.example", "nodkim.example", "reject.example", "preset.example", "mailgun.org"],
  txt: [
    ["pass.example", `v=spf1 mx a:${RELAY} -all`],
    ["mail._domainkey.pass.example", `v=DKIM1; k=rsa; p=${key}`],
    ["_dmarc.pass.example", "v=DMARC1; p=reject; rua=mailto:dmarc@pass.example"],
    ["softfail.example", "v=spf1 ip4:203.0.113.0/24 ~all"],
    ["mail._domainkey.softfail.example", `v=DKIM1; k=rsa; p=${key}`],
    ["_dmarc.softfail.example", "v=DMARC1; p=none"],
    ...manyLookups(),
    ["nodkim.example", `v=spf1 a:${RELAY} ~all`],
    ["_dmarc.nodkim.example", "v=DMARC1; p=quarantine"],
    ["reject.example", "v=spf1 ip4:203.0.113.0/24 -all"],
    ["_dmarc.reject.example", "v=DMARC1; p=reject"],
    ["preset.example", "v=spf1 include:mailgun.org ~all"],
    ["_dmarc.preset.example", "v=DMARC1; p=quarantine"],
    ["mx.dkim.mailgun.org", `k=rsa; p=${key}`],
    ["mailgun.org", "v=spf1 ip4:198.51.100.0/24 ~all"],
  ],
  mx: [
    ["pass.example", "in.pass.example", 10],
    ["softfail.example", "in.pass.example", 10],
    ["nodkim.example", "in.pass.example", 10],
    ["reject.example", "in.pass.example", 10],
    ["preset.example", "in.pass.example", 10],
  ],
  hosts: [
    [RELAY, RELAY_ADDRESS],
    ["in.pass.example", "192.0.2.25"],
    ["missing.example", "192.0.2.26"],
    ["smtp.eu.mailgun.org", "198.51.100.5"],
  ],
  ptr: [
    [RELAY_ADDRESS, RELAY],
    ["198.51.100.5", "smtp.eu.mailgun.org"],
  ],
  cname: [["mx._domainkey.preset.example", "mx.dkim.mailgun.org"]],
};

let dnsServer: RunningDnsServer;
let dns: DnsLookup;

beforeAll(async () => {
  dnsServer = await startDnsServer(zone);
  dns = createDnsLookup({ servers: [dnsServer.server], timeoutMs: 2000, tries: 2 });
});
afterAll(async () => {
  await dnsServer?.stop();
});

const english = await catalogueTranslator("deliverability", "en");
/** The report's words as an English reader reads them. */
const say = (text: DeliverabilityWords) => wordDeliverability(english, "en", text);

function ownRelay(fromAddress: string): DeliverabilityCheckInput {
  return { relay: { kind: "other", host: RELAY }, fromAddress, dkimSelectors: ["mail"] };
}

async function run(input: DeliverabilityCheckInput, lookup: DnsLookup = dns): Promise<DeliverabilityReport> {
  const result = await checkDeliverability(input, lookup);
  if (!result.ok) throw new Error(say(result.error));
  return result.report;
}

function statuses(report: DeliverabilityReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

describe("the deliverability check on a real DNS server", () => {
  it("pass: SPF authorises the relay, DKIM 2048, DMARC passes, MX and forward-confirmed reverse DNS", async () => {
    const report = await run(ownRelay("sales@pass.example"));
    expect(statuses(report)).toEqual({ spf: "green", dkim: "green", dmarc: "green", mx: "green", "reverse-dns": "green" });
    expect({ ...report.summary, text: say(report.summary.text) }).toEqual({
      status: "green",
      text: `Mail from sales@pass.example through ${RELAY} will pass DMARC via DKIM and SPF.`,
    });
  });

  it("softfail: the relay isn't in the record (~all): red with the merged record to publish", async () => {
    expect((await evaluateSpf("softfail.example", { kind: "address", address: RELAY_ADDRESS }, dns)).outcome).toBe("softfail");
    const report = await run(ownRelay("sales@softfail.example"));
    const spf = report.checks.find((check) => check.id === "spf");
    expect(spf?.status).toBe("red");
    expect(spf?.fix?.records[0]?.zoneLine).toBe(`softfail.example. TXT "v=spf1 ip4:203.0.113.0/24 a:${RELAY} ~all"`);
    expect(report.summary.status).toBe("green");
  });

  it("missing SPF record: red, with a new record to publish", async () => {
    const report = await run(ownRelay("sales@missing.example"));
    const spf = report.checks.find((check) => check.id === "spf");
    expect(spf?.status).toBe("red");
    expect(spf && say(spf.explanation)).toMatch(/has no SPF record/);
    expect(spf?.fix?.records[0]?.zoneLine).toBe(`missing.example. TXT "v=spf1 a:${RELAY} ~all"`);
  });

  it("too many lookups: a chain of 11 is a permerror", async () => {
    const evaluation = await evaluateSpf("many.example", { kind: "address", address: RELAY_ADDRESS }, dns);
    expect(evaluation.outcome).toBe("permerror");
    const report = await run(ownRelay("sales@many.example"));
    const spf = report.checks.find((check) => check.id === "spf");
    expect(spf?.status).toBe("red");
    expect(spf && say(spf.explanation)).toMatch(/more than 10 DNS lookups/);
  });

  it("missing DKIM: red, while DMARC still passes through aligned SPF", async () => {
    expect(await checkDkimSelector("nodkim.example", "mail", dns)).toMatchObject({ status: "red", lookupFailure: "nxdomain" });
    const report = await run(ownRelay("sales@nodkim.example"));
    expect(statuses(report)).toMatchObject({ spf: "green", dkim: "red", dmarc: "green" });
  });

  it("p=reject without alignment: red, likely rejected", async () => {
    const report = await run(ownRelay("sales@reject.example"));
    expect(statuses(report)).toMatchObject({ spf: "red", dkim: "red", dmarc: "red" });
    expect(report.summary.status).toBe("red");
    expect(say(report.summary.text)).toMatch(/^Mail from sales@reject\.example through relay\.pass\.example is likely to be rejected: /);
  });

  it("a preset: SPF reaches its include, DKIM follows the CNAME to the provider's key", async () => {
    const report = await run({ relay: { kind: "preset", presetId: "mailgun-eu" }, fromAddress: "news@preset.example", dkimSelectors: ["mx"] });
    expect(statuses(report)).toMatchObject({ spf: "green", dkim: "green", dmarc: "green", "reverse-dns": "green" });
    expect(
      report.checks
        .find((check) => check.id === "dkim")
        ?.details.map(say)
        .join(" "),
    ).toMatch(/CNAME to mx\.dkim\.mailgun\.org/);
    expect(say(report.summary.text)).toBe("Mail from news@preset.example through Mailgun (EU) will pass DMARC via DKIM.");
  });

  it("the resolver reports nxdomain and nodata as such", async () => {
    expect(await dns.txt("nothing.pass.example")).toEqual({ ok: false, kind: "nxdomain" });
    expect(await dns.txt("in.pass.example")).toEqual({ ok: false, kind: "nodata" });
    expect(await dns.ptr(RELAY_ADDRESS)).toEqual({ ok: true, records: [RELAY] });
  });
});

describe("a resolver that never answers", () => {
  let silent: Awaited<ReturnType<typeof startSilentDnsServer>>;
  beforeAll(async () => {
    silent = await startSilentDnsServer();
  });
  afterAll(async () => {
    await silent?.stop();
  });

  it("gives timeouts, and every check says it couldn't check, never red", async () => {
    const slow = createDnsLookup({ servers: [silent.server], timeoutMs: 300, tries: 1 });
    expect(await slow.txt("pass.example")).toEqual({ ok: false, kind: "timeout" });
    expect((await evaluateSpf("pass.example", { kind: "address", address: RELAY_ADDRESS }, slow)).outcome).toBe("temperror");
    const report = await run(ownRelay("sales@pass.example"), slow);
    expect(report.checks.map((check) => check.status)).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown"]);
    expect(report.summary.status).toBe("unknown");
    expect(silent.queries()).toBeGreaterThan(0);
  });
});
