import { describe, expect, it } from "vitest";
import { wordDeliverability } from "@/lib/deliverability/check-view";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { createInMemoryDns, type InMemoryZone } from "@/lib/deliverability/in-memory-dns";
import { checkIdentitiesDeliverability, deliverabilityRelay, redDeliverabilityWarnings } from "./deliverability";

/** shop.example lacks Mailgun's DKIM key under p=reject (red); ok.example has it (green). */
const zone: InMemoryZone = {
  txt: {
    "shop.example": ["v=spf1 mx ~all"],
    "_dmarc.shop.example": ["v=DMARC1; p=reject"],
    "ok.example": ["v=spf1 include:mailgun.org ~all"],
    "_dmarc.ok.example": ["v=DMARC1; p=reject"],
    "mx._domainkey.ok.example": ["k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="],
    "mailgun.org": ["v=spf1 ip4:198.51.100.0/24 ~all"],
  },
  a: { "smtp.eu.mailgun.org": ["198.51.100.5"] },
  ptr: { "198.51.100.5": ["smtp.eu.mailgun.org"] },
};

let users = 0;
const newUser = () => `user-${(users += 1)}`;
const mailgun = deliverabilityRelay({ useCompanyRelay: false, host: "SMTP.EU.MAILGUN.ORG" });
const allowed = async () => undefined;

describe("checkIdentitiesDeliverability", () => {
  it("recognises a preset by its host and keys the cache by it", () => {
    expect(mailgun).toEqual({ key: "own:smtp.eu.mailgun.org", choice: { kind: "preset", presetId: "mailgun-eu" }, presetId: "mailgun-eu" });
    expect(deliverabilityRelay({ useCompanyRelay: false, host: "relay.example.com" })).toEqual({
      key: "own:relay.example.com",
      choice: { kind: "other", host: "relay.example.com" },
    });
  });

  it("checks each address in order, then answers from the cache until forced", async () => {
    const user = newUser();
    const dns = createInMemoryDns(zone);
    const first = await checkIdentitiesDeliverability(user, mailgun, ["a@shop.example", "b@ok.example"], { selectors: [], force: false, allowLookups: allowed, dns });
    if (!first.ok) throw new Error(first.error);
    expect(first.identities.map((identity) => [identity.fromAddress, identity.result.ok && identity.result.report.summary.status])).toEqual([
      ["a@shop.example", "red"],
      ["b@ok.example", "green"],
    ]);
    const asked = dns.queries.length;
    expect(asked).toBeGreaterThan(0);

    const cached = await checkIdentitiesDeliverability(user, mailgun, ["a@shop.example", "b@ok.example"], { selectors: [], force: false, allowLookups: allowed, dns });
    expect(cached).toEqual(first);
    expect(dns.queries.length).toBe(asked);

    // Other selectors, or a forced check, ask DNS again.
    await checkIdentitiesDeliverability(user, mailgun, ["b@ok.example"], { selectors: ["mx"], force: false, allowLookups: allowed, dns });
    const afterSelectors = dns.queries.length;
    expect(afterSelectors).toBeGreaterThan(asked);
    await checkIdentitiesDeliverability(user, mailgun, ["b@ok.example"], { selectors: ["mx"], force: true, allowLookups: allowed, dns });
    expect(dns.queries.length).toBeGreaterThan(afterSelectors);
  });

  it("asks allowLookups before any lookup, and stops when it refuses", async () => {
    const dns = createInMemoryDns(zone);
    let asked = 0;
    const refused = await checkIdentitiesDeliverability(newUser(), mailgun, ["a@shop.example"], {
      selectors: [],
      force: true,
      allowLookups: async () => {
        asked += 1;
        return "Too many checks.";
      },
      dns,
    });
    expect(refused).toEqual({ ok: false, error: "Too many checks." });
    expect(asked).toBe(1);
    expect(dns.queries).toEqual([]);
  });

  it("gives the composer the red checks of red addresses only, for the relay they were checked through", async () => {
    const user = newUser();
    await checkIdentitiesDeliverability(user, mailgun, ["a@shop.example", "b@ok.example"], { selectors: [], force: false, allowLookups: allowed, dns: createInMemoryDns(zone) });
    const warnings = redDeliverabilityWarnings(user, mailgun, ["A@Shop.example", "b@ok.example"]);
    expect([...warnings.keys()]).toEqual(["a@shop.example"]);
    const reasons = warnings.get("a@shop.example") ?? [];
    // The cache holds words (keys and values), which each reader gets in their own language.
    expect(JSON.stringify(reasons)).not.toMatch(/None of the selectors/);
    const [english, german] = await Promise.all([catalogueTranslator("deliverability", "en"), catalogueTranslator("deliverability", "de")]);
    expect(reasons.map((reason) => wordDeliverability(english, "en", reason)).join(" ")).toMatch(
      /^DKIM: None of the selectors mx, smtp, k1, pic has a usable DKIM key at shop\.example\. DMARC: /,
    );
    expect(reasons.map((reason) => wordDeliverability(german, "de", reason)).join(" ")).toMatch(
      /^DKIM: Keiner der Selektoren mx, smtp, k1, pic hat einen verwendbaren DKIM-Schlüssel bei shop\.example\. DMARC: Weder SPF noch DKIM/,
    );
    const other = deliverabilityRelay({ useCompanyRelay: false, host: "relay.example.com" });
    expect(redDeliverabilityWarnings(user, other, ["a@shop.example"]).size).toBe(0);
    expect(redDeliverabilityWarnings(newUser(), mailgun, ["a@shop.example"]).size).toBe(0);
  });
});
