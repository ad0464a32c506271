import { describe, expect, it } from "vitest";
import {
  allowlistPermitsAddress,
  allowlistPermitsHost,
  classifyAddress,
  embeddedIPv4,
  isHostName,
  parseAllowlist,
  RelayGuardError,
  resolveRelayTarget,
  type LookupAll,
} from "./guard";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["100.64.0.1", "shared"],
    ["100.100.100.200", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["[::1]", "loopback"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd00::1", "unique-local"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:c0a8:0101::1", "private"],
  ])("refuses %s as %s", (address, category) => {
    expect(classifyAddress(address)).toBe(category);
  });

  it.each(["93.184.216.34", "2606:4700::1", "172.32.0.1", "100.128.0.1", "::ffff:93.184.216.34", "8.8.8.8"])("allows public %s", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });

  it("refuses to classify a host name", () => {
    expect(() => classifyAddress("localhost")).toThrow(/not an IP address/);
  });
});

describe("embeddedIPv4", () => {
  it("reads the IPv4 address inside mapped, NAT64 and 6to4 addresses", () => {
    expect(embeddedIPv4("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(embeddedIPv4("64:ff9b::a01:203")).toBe("10.1.2.3");
    expect(embeddedIPv4("2002:0a01:0203::")).toBe("10.1.2.3");
    expect(embeddedIPv4("2606:4700::1")).toBeUndefined();
  });
});

describe("isHostName", () => {
  it("accepts host names and rejects other text", () => {
    expect(isHostName("smtp.example.com")).toBe(true);
    expect(isHostName("smtp.example.com.")).toBe(true);
    expect(isHostName("localhost")).toBe(true);
    expect(isHostName("bad_host.example")).toBe(false);
    expect(isHostName("-bad.example")).toBe(false);
    expect(isHostName("smtp example.com")).toBe(false);
    expect(isHostName("a".repeat(64) + ".example")).toBe(false);
    expect(isHostName("")).toBe(false);
  });
});

describe("allowlist", () => {
  const allowlist = parseAllowlist(["smtp.corp.example", "relay.corp.example:2525", "10.20.0.0/16", "127.0.0.1:10587", "[fd00::25]", "fd00:1::/32"]);

  it("matches host names, with or without a port", () => {
    expect(allowlistPermitsHost(allowlist, "SMTP.corp.example", 587)).toBe(true);
    expect(allowlistPermitsHost(allowlist, "relay.corp.example", 2525)).toBe(true);
    expect(allowlistPermitsHost(allowlist, "relay.corp.example", 587)).toBe(false);
    expect(allowlistPermitsHost(allowlist, "other.corp.example", 587)).toBe(false);
  });

  it("matches addresses, address:port and CIDR ranges", () => {
    expect(allowlistPermitsAddress(allowlist, "10.20.3.4", 25)).toBe(true);
    expect(allowlistPermitsAddress(allowlist, "10.21.0.1", 25)).toBe(false);
    expect(allowlistPermitsAddress(allowlist, "127.0.0.1", 10587)).toBe(true);
    expect(allowlistPermitsAddress(allowlist, "127.0.0.1", 10465)).toBe(false);
    expect(allowlistPermitsAddress(allowlist, "fd00::25", 587)).toBe(true);
    expect(allowlistPermitsAddress(allowlist, "fd00:1:2::3", 587)).toBe(true);
    expect(allowlistPermitsAddress(allowlist, "fd00::26", 587)).toBe(false);
  });

  it("lets a range allow the metadata service only by its exact address", () => {
    expect(allowlistPermitsAddress(parseAllowlist(["169.254.0.0/16"]), "169.254.169.254", 25)).toBe(false);
    expect(allowlistPermitsAddress(parseAllowlist(["169.254.169.254"]), "169.254.169.254", 25)).toBe(true);
  });

  it("names an entry it cannot read", () => {
    expect(() => parseAllowlist(["10.0.0.0/40"])).toThrow(/"10.0.0.0\/40"/);
    expect(() => parseAllowlist(["bad host"])).toThrow(/"bad host"/);
    expect(() => parseAllowlist(["smtp.example:70000"])).toThrow(/70000/);
  });
});

describe("resolveRelayTarget", () => {
  const lookupTo =
    (...addresses: string[]): LookupAll =>
    async () =>
      addresses;
  const none = parseAllowlist([]);

  it("connects to the checked address and keeps the typed name for the certificate", async () => {
    await expect(resolveRelayTarget("smtp.example.com", 587, { allowlist: none, lookup: lookupTo("93.184.216.34") })).resolves.toEqual({
      address: "93.184.216.34",
      servername: "smtp.example.com",
    });
  });

  it("refuses a name resolving only to private addresses", async () => {
    const refusal = resolveRelayTarget("evil.example.com", 587, { allowlist: none, lookup: lookupTo("10.0.0.1", "::1") });
    await expect(refusal).rejects.toBeInstanceOf(RelayGuardError);
    await expect(refusal).rejects.toThrow(/evil.example.com points to a private address \(10.0.0.1/);
  });

  it("skips private addresses among public ones", async () => {
    const target = await resolveRelayTarget("mixed.example.com", 587, { allowlist: none, lookup: lookupTo("10.0.0.1", "93.184.216.34") });
    expect(target.address).toBe("93.184.216.34");
  });

  it("never looks up an IP literal and refuses a private one", async () => {
    let lookedUp = false;
    const lookup: LookupAll = async () => {
      lookedUp = true;
      return ["93.184.216.34"];
    };
    await expect(resolveRelayTarget("[::1]", 25, { allowlist: none, lookup })).rejects.toBeInstanceOf(RelayGuardError);
    expect(lookedUp).toBe(false);
  });

  it("allows what the administrator listed", async () => {
    await expect(resolveRelayTarget("127.0.0.1", 10587, { allowlist: parseAllowlist(["127.0.0.1"]) })).resolves.toEqual({
      address: "127.0.0.1",
      servername: undefined,
    });
    const byName = await resolveRelayTarget("relay.corp.example", 25, { allowlist: parseAllowlist(["relay.corp.example"]), lookup: lookupTo("10.9.9.9") });
    expect(byName).toEqual({ address: "10.9.9.9", servername: "relay.corp.example" });
  });

  it("gives up on a lookup that does not answer", async () => {
    const hang: LookupAll = () => new Promise(() => undefined);
    await expect(resolveRelayTarget("slow.example.com", 587, { allowlist: none, lookup: hang, timeoutMs: 50 })).rejects.toMatchObject({ code: "ETIMEDOUT" });
  });
});
