import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { wordDeliverability, type DeliverabilityWords } from "./check-view";
import { checkDkimSelector, inspectDkimKey, parseDkimRecord } from "./dkim";
import { createInMemoryDns } from "./in-memory-dns";

const english = await catalogueTranslator("deliverability", "en");
/** Words as an English reader reads them. */
const say = (text: DeliverabilityWords) => wordDeliverability(english, "en", text);

function rsaPublicKey(bits: number, type: "spki" | "pkcs1" = "spki"): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return publicKey.export({ format: "der", type }).toString("base64");
}

/** RFC 8463: the raw 32-byte key, which is the last 32 bytes of its SubjectPublicKeyInfo. */
function ed25519PublicKey(): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  return publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
}

const rsa2048 = rsaPublicKey(2048);
const rsa1024 = rsaPublicKey(1024);

async function statusOf(record: string | string[]) {
  const dns = createInMemoryDns({ txt: { "sel._domainkey.example.com": Array.isArray(record) ? record : [record] } });
  return checkDkimSelector("example.com", "sel", dns);
}

describe("parseDkimRecord", () => {
  it("reads v, k, p, t and h", () => {
    expect(parseDkimRecord(`v=DKIM1; k=rsa; h=sha256; t=y:s; p=${rsa2048}`)).toMatchObject({
      ok: true,
      keyType: "rsa",
      revoked: false,
      testing: true,
      strictSubdomains: true,
      hashAlgorithms: ["sha256"],
    });
  });
  it("defaults k to rsa, and reads a key split by spaces", () => {
    const spaced = `p=${rsa2048.slice(0, 100)} ${rsa2048.slice(100)}`;
    expect(parseDkimRecord(spaced)).toMatchObject({ ok: true, keyType: "rsa", publicKey: rsa2048 });
  });
  it("an empty p= is a revoked key", () => {
    expect(parseDkimRecord("v=DKIM1; p=")).toMatchObject({ ok: true, revoked: true });
  });
  it.each([
    ["k=rsa", /no p=/],
    ["k=rsa; v=DKIM1; p=abc", /v= must come first/],
    ["v=DKIM2; p=abc", /v= must come first and be DKIM1/],
    ["v=DKIM1; p=a; p=b", /appears twice/],
    ["v=DKIM1; garbage; p=abc", /not tag=value/],
  ])("refuses %s", (record, error) => {
    const parsed = parseDkimRecord(record);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(say(parsed.error)).toMatch(error);
  });
});

describe("inspectDkimKey", () => {
  it("reads the RSA modulus length from the SubjectPublicKeyInfo (and from a bare RSAPublicKey)", () => {
    expect(inspectDkimKey("rsa", rsa2048)).toEqual({ ok: true, keyType: "rsa", bits: 2048 });
    expect(inspectDkimKey("rsa", rsa1024)).toEqual({ ok: true, keyType: "rsa", bits: 1024 });
    expect(inspectDkimKey("rsa", rsaPublicKey(1024, "pkcs1"))).toEqual({ ok: true, keyType: "rsa", bits: 1024 });
  });
  it("accepts a 32-byte ed25519 key and nothing else for ed25519", () => {
    expect(inspectDkimKey("ed25519", ed25519PublicKey())).toEqual({ ok: true, keyType: "ed25519", bits: 256 });
    expect(inspectDkimKey("ed25519", rsa1024).ok).toBe(false);
  });
  it("refuses what isn't a key", () => {
    expect(inspectDkimKey("rsa", "bm90IGEga2V5").ok).toBe(false);
    expect(inspectDkimKey("rsa", "not base64!").ok).toBe(false);
    expect(inspectDkimKey("dsa", rsa2048).ok).toBe(false);
  });
});

describe("checkDkimSelector grades the key", () => {
  it("RSA 2048 is green, 1024 amber, 512 red", async () => {
    expect(await statusOf(`v=DKIM1; k=rsa; p=${rsa2048}`)).toMatchObject({ status: "green", bits: 2048 });
    expect(await statusOf(`v=DKIM1; k=rsa; p=${rsa1024}`)).toMatchObject({ status: "amber", bits: 1024 });
    expect(await statusOf(`v=DKIM1; k=rsa; p=${rsaPublicKey(512)}`)).toMatchObject({ status: "red", bits: 512 });
  });
  it("ed25519 is green", async () => {
    expect(await statusOf(`v=DKIM1; k=ed25519; p=${ed25519PublicKey()}`)).toMatchObject({ status: "green", keyType: "ed25519" });
  });
  it("a revoked key is red, and testing mode (t=y) amber", async () => {
    const revoked = await statusOf("v=DKIM1; k=rsa; p=");
    expect(revoked.status).toBe("red");
    expect(say(revoked.explanation)).toMatch(/revoked/);
    const testing = await statusOf(`v=DKIM1; t=y; p=${rsa2048}`);
    expect(testing.status).toBe("amber");
    expect(say(testing.explanation)).toMatch(/testing mode/);
  });
  it("no key is red; two keys are red", async () => {
    expect(await checkDkimSelector("example.com", "sel", createInMemoryDns({}))).toMatchObject({ status: "red", lookupFailure: "nxdomain" });
    const two = await statusOf([`p=${rsa2048}`, `p=${rsa1024}`]);
    expect(two.status).toBe("red");
    expect(say(two.explanation)).toMatch(/2 DKIM keys/);
  });
  it("follows a CNAME to the provider's key and says so", async () => {
    const dns = createInMemoryDns({
      cname: { "s1._domainkey.example.com": "s1.domainkey.u1.wl.sendgrid.net" },
      txt: { "s1.domainkey.u1.wl.sendgrid.net": [`k=rsa; p=${rsa2048}`] },
    });
    expect(await checkDkimSelector("example.com", "s1", dns)).toMatchObject({ status: "green", cnameTarget: "s1.domainkey.u1.wl.sendgrid.net" });
  });
  it("follows a CNAME itself when the resolver returns only the alias", async () => {
    const onlyAlias = createInMemoryDns({ cname: { "s1._domainkey.example.com": "key.provider.example" }, txt: { "key.provider.example": [`p=${rsa2048}`] } });
    const withoutChasing = {
      ...onlyAlias,
      txt: (name: string) => (name.startsWith("s1._domainkey") ? Promise.resolve({ ok: false as const, kind: "nodata" as const }) : onlyAlias.txt(name)),
    };
    expect(await checkDkimSelector("example.com", "s1", withoutChasing)).toMatchObject({ status: "green", cnameTarget: "key.provider.example" });
  });
  it("a timeout is unknown, never red", async () => {
    expect(await checkDkimSelector("example.com", "sel", createInMemoryDns({ failures: { "sel._domainkey.example.com": "timeout" } }))).toMatchObject({ status: "unknown" });
  });
});
