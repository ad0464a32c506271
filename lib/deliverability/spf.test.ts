import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { wordDeliverability, type DeliverabilityWords } from "./check-view";
import { createInMemoryDns, type InMemoryZone } from "./in-memory-dns";
import { evaluateSpf, parseSpfRecord, suggestSpfRecord } from "./spf";

const english = await catalogueTranslator("deliverability", "en");
/** Words as an English reader reads them. */
const say = (text: DeliverabilityWords) => wordDeliverability(english, "en", text);

/** The DNS data of RFC 7208 Appendix A, with the example.com record swapped per test. */
function appendixZone(record: string, extra: InMemoryZone = {}): InMemoryZone {
  return {
    ...extra,
    txt: { "example.com": [record], ...extra.txt },
    mx: {
      "example.com": [
        { exchange: "mail-a.example.com", priority: 10 },
        { exchange: "mail-b.example.com", priority: 20 },
      ],
      "example.org": [{ exchange: "mail-c.example.org", priority: 10 }],
    },
    a: {
      "example.com": ["192.0.2.10", "192.0.2.11"],
      "amy.example.com": ["192.0.2.65"],
      "bob.example.com": ["192.0.2.66"],
      "mail-a.example.com": ["192.0.2.129"],
      "mail-b.example.com": ["192.0.2.130"],
      "mail-c.example.org": ["192.0.2.140"],
      ...extra.a,
    },
    cname: { "www.example.com": "example.com" },
  };
}

async function outcomeFor(record: string, address: string, extra?: InMemoryZone) {
  return (await evaluateSpf("example.com", { kind: "address", address }, createInMemoryDns(appendixZone(record, extra)))).outcome;
}

describe("evaluateSpf on the examples of RFC 7208 Appendix A.1", () => {
  it("v=spf1 +all passes anyone", async () => {
    expect(await outcomeFor("v=spf1 +all", "198.51.100.7")).toBe("pass");
  });
  it("v=spf1 a -all: the domain's own addresses pass, others fail", async () => {
    expect(await outcomeFor("v=spf1 a -all", "192.0.2.10")).toBe("pass");
    expect(await outcomeFor("v=spf1 a -all", "192.0.2.11")).toBe("pass");
    expect(await outcomeFor("v=spf1 a -all", "192.0.2.65")).toBe("fail");
  });
  it("v=spf1 a:example.org -all: example.org has no address, so nobody passes (and it is a void lookup)", async () => {
    const result = await evaluateSpf("example.com", { kind: "address", address: "192.0.2.10" }, createInMemoryDns(appendixZone("v=spf1 a:example.org -all")));
    expect(result.outcome).toBe("fail");
    expect(result.voidLookups).toBe(1);
  });
  it("v=spf1 mx -all and mx:example.org", async () => {
    expect(await outcomeFor("v=spf1 mx -all", "192.0.2.129")).toBe("pass");
    expect(await outcomeFor("v=spf1 mx -all", "192.0.2.130")).toBe("pass");
    expect(await outcomeFor("v=spf1 mx -all", "192.0.2.140")).toBe("fail");
    expect(await outcomeFor("v=spf1 mx mx:example.org -all", "192.0.2.140")).toBe("pass");
  });
  it("v=spf1 mx/30 mx:example.org/30 -all: whole /30 around each MX", async () => {
    expect(await outcomeFor("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.131")).toBe("pass");
    expect(await outcomeFor("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.143")).toBe("pass");
    expect(await outcomeFor("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.144")).toBe("fail");
  });
  it("v=spf1 ip4:192.0.2.128/28 -all: the CIDR decides", async () => {
    expect(await outcomeFor("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.143")).toBe("pass");
    expect(await outcomeFor("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.144")).toBe("fail");
    expect(await outcomeFor("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.127")).toBe("fail");
  });
  it("v=spf1 ptr -all is counted but not evaluated", async () => {
    const result = await evaluateSpf("example.com", { kind: "address", address: "192.0.2.65" }, createInMemoryDns(appendixZone("v=spf1 ptr -all")));
    expect(result).toMatchObject({ outcome: "unevaluable", unevaluable: "ptr", lookups: 1 });
  });
});

describe("evaluateSpf: qualifiers, IPv6, all", () => {
  it("~all soft-fails and -all fails; both are reported", async () => {
    const soft = await evaluateSpf("example.com", { kind: "address", address: "203.0.113.9" }, createInMemoryDns(appendixZone("v=spf1 a ~all")));
    const hard = await evaluateSpf("example.com", { kind: "address", address: "203.0.113.9" }, createInMemoryDns(appendixZone("v=spf1 a -all")));
    expect([soft.outcome, soft.allQualifier]).toEqual(["softfail", "~"]);
    expect([hard.outcome, hard.allQualifier]).toEqual(["fail", "-"]);
  });
  it("?all is neutral, and no all at all is neutral too", async () => {
    expect(await outcomeFor("v=spf1 a ?all", "203.0.113.9")).toBe("neutral");
    const none = await evaluateSpf("example.com", { kind: "address", address: "203.0.113.9" }, createInMemoryDns(appendixZone("v=spf1 a")));
    expect([none.outcome, none.allQualifier]).toEqual(["neutral", undefined]);
  });
  it("ip6 with a CIDR matches IPv6 only", async () => {
    expect(await outcomeFor("v=spf1 ip6:2001:db8:1::/48 -all", "2001:db8:1:ffff::25")).toBe("pass");
    expect(await outcomeFor("v=spf1 ip6:2001:db8:1::/48 -all", "2001:db8:2::25")).toBe("fail");
    expect(await outcomeFor("v=spf1 ip6:::/0 -all", "192.0.2.1")).toBe("fail");
  });
  it("a//64 uses the AAAA records for an IPv6 sender", async () => {
    expect(await outcomeFor("v=spf1 a//64 -all", "2001:db8:aa::99", { aaaa: { "example.com": ["2001:db8:aa::1"] } })).toBe("pass");
  });
});

describe("evaluateSpf: include and redirect", () => {
  const chain: InMemoryZone = {
    txt: {
      "la.example.org": ["v=spf1 include:example.com include:example.net -all"],
      "example.net": ["v=spf1 ip4:198.51.100.0/24 -all"],
    },
  };
  it("an include that passes matches; one that fails doesn't, and evaluation goes on", async () => {
    const dns = createInMemoryDns(appendixZone("v=spf1 a -all", chain));
    expect((await evaluateSpf("la.example.org", { kind: "address", address: "198.51.100.20" }, dns)).outcome).toBe("pass");
    expect((await evaluateSpf("la.example.org", { kind: "address", address: "192.0.2.10" }, dns)).outcome).toBe("pass");
    expect((await evaluateSpf("la.example.org", { kind: "address", address: "203.0.113.1" }, dns)).outcome).toBe("fail");
  });
  it("an include of a domain without SPF is a permerror", async () => {
    expect(await outcomeFor("v=spf1 include:nothing.example.net -all", "192.0.2.10")).toBe("permerror");
  });
  it("redirect= applies the other domain's record when nothing matched", async () => {
    const zone = { txt: { "_spf.example.net": ["v=spf1 ip4:198.51.100.0/24 -all"] } };
    expect(await outcomeFor("v=spf1 a redirect=_spf.example.net", "198.51.100.7", zone)).toBe("pass");
    expect(await outcomeFor("v=spf1 a redirect=_spf.example.net", "203.0.113.7", zone)).toBe("fail");
    // redirect is ignored when the record has an all
    expect(await outcomeFor("v=spf1 a ?all redirect=_spf.example.net", "203.0.113.7", zone)).toBe("neutral");
  });
  it("a provider is reached through a chain of includes; a failing qualifier doesn't count", async () => {
    const zone = { txt: { "_spf.example.com": ["v=spf1 include:mailgun.org ~all"] } };
    const mailgun = { kind: "provider" as const, label: "Mailgun", includeDomains: ["mailgun.org"] };
    expect((await evaluateSpf("example.com", mailgun, createInMemoryDns(appendixZone("v=spf1 include:_spf.example.com -all", zone)))).outcome).toBe("pass");
    expect((await evaluateSpf("example.com", mailgun, createInMemoryDns(appendixZone("v=spf1 -include:mailgun.org ~all", zone)))).outcome).toBe("fail");
    expect((await evaluateSpf("example.com", mailgun, createInMemoryDns(appendixZone("v=spf1 include:sendgrid.net ~all", zone)))).outcome).toBe("permerror");
  });
});

describe("evaluateSpf: limits and records it refuses", () => {
  /** example.com includes s1, s1 includes s2 … each level one DNS lookup. */
  function includeChain(length: number): InMemoryZone {
    const txt: Record<string, string[]> = {};
    for (let level = 1; level <= length; level += 1) {
      txt[`s${level}.example.com`] = [level === length ? "v=spf1 ip4:198.51.100.0/24 include:mailgun.org -all" : `v=spf1 include:s${level + 1}.example.com -all`];
    }
    return { txt };
  }
  const mailgun = { kind: "provider" as const, label: "Mailgun", includeDomains: ["mailgun.org"] };

  it("10 lookups pass; a chain of 11 is a permerror", async () => {
    const ten = await evaluateSpf("example.com", mailgun, createInMemoryDns(appendixZone("v=spf1 include:s1.example.com -all", includeChain(9))));
    expect([ten.outcome, ten.lookups]).toEqual(["pass", 10]);
    const eleven = await evaluateSpf("example.com", mailgun, createInMemoryDns(appendixZone("v=spf1 include:s1.example.com -all", includeChain(10))));
    expect(eleven.outcome).toBe("permerror");
    expect(say(eleven.reason)).toMatch(/more than 10 DNS lookups/);
  });
  it("the lookups inside the provider's own record count too", async () => {
    const zone = { txt: { ...includeChain(8).txt, "mailgun.org": ["v=spf1 include:_spf.mailgun.org include:_spf.eu.mailgun.org ~all"] } };
    const result = await evaluateSpf("example.com", mailgun, createInMemoryDns(appendixZone("v=spf1 include:s1.example.com -all", zone)));
    expect(result.outcome).toBe("permerror");
  });
  it("an include loop ends at the lookup limit", async () => {
    const result = await evaluateSpf("example.com", { kind: "address", address: "192.0.2.1" }, createInMemoryDns(appendixZone("v=spf1 include:example.com -all")));
    expect(result.outcome).toBe("permerror");
  });
  it("more than two void lookups is a permerror", async () => {
    expect(await outcomeFor("v=spf1 a:gone1.example.net a:gone2.example.net ~all", "203.0.113.1")).toBe("softfail");
    expect(await outcomeFor("v=spf1 a:gone1.example.net a:gone2.example.net a:gone3.example.net ~all", "203.0.113.1")).toBe("permerror");
  });
  it("two SPF records are a permerror, and both are reported", async () => {
    const result = await evaluateSpf(
      "example.com",
      { kind: "address", address: "192.0.2.10" },
      createInMemoryDns({ txt: { "example.com": ["v=spf1 a -all", "v=spf1 mx ~all", "google-site-verification=x"] } }),
    );
    expect(result.outcome).toBe("permerror");
    expect(result.records).toHaveLength(2);
  });
  it("no SPF record is none", async () => {
    expect((await evaluateSpf("example.com", { kind: "address", address: "192.0.2.10" }, createInMemoryDns({ txt: { "example.com": ["something else"] } }))).outcome).toBe("none");
    expect((await evaluateSpf("nowhere.example", { kind: "address", address: "192.0.2.10" }, createInMemoryDns({}))).outcome).toBe("none");
  });
  it("macros are refused cleanly when reached (RFC 7208 A.4), not before", async () => {
    const record = "v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all";
    const result = await evaluateSpf("example.com", { kind: "address", address: "192.0.2.10" }, createInMemoryDns(appendixZone(record)));
    expect(result).toMatchObject({ outcome: "unevaluable", unevaluable: "macro" });
    expect(say(result.reason)).toMatch(/macros Mailroom doesn't evaluate/);
    expect(await outcomeFor("v=spf1 ip4:192.0.2.10 exists:%{i}.spf.example.net -all", "192.0.2.10")).toBe("pass");
  });
  it("exists is counted but not evaluated", async () => {
    const result = await evaluateSpf("example.com", { kind: "address", address: "192.0.2.99" }, createInMemoryDns(appendixZone("v=spf1 exists:spf.example.net -all")));
    expect(result).toMatchObject({ outcome: "unevaluable", unevaluable: "exists", lookups: 1 });
  });
  it("a timeout or SERVFAIL is a temperror, never a failure", async () => {
    const timeout = await evaluateSpf("example.com", { kind: "address", address: "192.0.2.10" }, createInMemoryDns({ failures: { "example.com": "timeout" } }));
    expect(timeout.outcome).toBe("temperror");
    const deep = await outcomeFor("v=spf1 include:slow.example.net -all", "192.0.2.10", { failures: { "slow.example.net": "servfail" } });
    expect(deep).toBe("temperror");
  });
});

describe("parseSpfRecord", () => {
  it("reads mechanisms with qualifiers, CIDRs and modifiers", () => {
    const parsed = parseSpfRecord("v=spf1 -ip4:192.0.2.0/24 ~a:Mail.Example.com/28//64 mx include:_spf.google.com redirect=_spf.example.com exp=explain.%{d}");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.mechanisms.map((mechanism) => [mechanism.qualifier, mechanism.name, mechanism.domain ?? mechanism.network, mechanism.cidr4, mechanism.cidr6])).toEqual([
      ["-", "ip4", "192.0.2.0", 24, undefined],
      ["~", "a", "mail.example.com", 28, 64],
      ["+", "mx", undefined, undefined, undefined],
      ["+", "include", "_spf.google.com", undefined, undefined],
    ]);
    expect(parsed.redirect?.value).toBe("_spf.example.com");
  });
  it.each([
    ["v=spf1 ip4:192.0.2.300 -all", /IPv4/],
    ["v=spf1 ip4:192.0.2.0/33 -all", /prefix/],
    ["v=spf1 include -all", /needs :domain/],
    ["v=spf1 foo -all", /not an SPF mechanism/],
    ["v=spf1 redirect=a.example redirect=b.example", /more than one redirect/],
    ["v=spf1 include:%x.example.com", /not a macro/],
  ])("refuses %s", (record, error) => {
    const parsed = parseSpfRecord(record);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(say(parsed.error)).toMatch(error);
  });
  it("stays linear on long hostile input", () => {
    const started = performance.now();
    parseSpfRecord(`v=spf1 a:${"a/".repeat(20_000)}`);
    parseSpfRecord(`v=spf1 ${"%{".repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("suggestSpfRecord", () => {
  it("writes a new record with ~all when there is none", () => {
    expect(suggestSpfRecord([], "include:mailgun.org")).toBe("v=spf1 include:mailgun.org ~all");
  });
  it("merges into the existing record before all, keeping its qualifier", () => {
    expect(suggestSpfRecord(["v=spf1 mx include:_spf.google.com -all"], "include:mailgun.org")).toBe("v=spf1 mx include:_spf.google.com include:mailgun.org -all");
  });
  it("merges several records into one, and keeps a redirect as the ending", () => {
    expect(suggestSpfRecord(["v=spf1 mx -all", "v=spf1 ip4:192.0.2.1 mx ~all"], "a:relay.example.net")).toBe("v=spf1 mx ip4:192.0.2.1 a:relay.example.net -all");
    expect(suggestSpfRecord(["v=spf1 mx redirect=_spf.example.com"], "include:sendgrid.net")).toBe("v=spf1 mx include:sendgrid.net redirect=_spf.example.com");
  });
  it("doesn't add what is already there, and never keeps +all", () => {
    expect(suggestSpfRecord(["v=spf1 include:mailgun.org +all"], "include:mailgun.org")).toBe("v=spf1 include:mailgun.org ~all");
  });
});
