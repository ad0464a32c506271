import { describe, expect, it } from "vitest";
import { clientAddressFrom, normalizeIp, parseTrustedProxies, resolveClientAddress, SOCKET_ADDRESS_HEADER, UNKNOWN_CLIENT } from "./client-address";

const none = parseTrustedProxies([]);
const loopback = parseTrustedProxies(["127.0.0.1", "::1"]);
const chain = parseTrustedProxies(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);

describe("resolveClientAddress", () => {
  it("takes the socket peer and ignores the header when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "198.51.100.1, 198.51.100.2", none)).toBe("127.0.0.1");
  });

  it("ignores the header from a socket peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", loopback)).toBe("203.0.113.9");
  });

  it("takes the rightmost entry behind a trusted proxy, not the spoofed leftmost ones", () => {
    expect(resolveClientAddress("127.0.0.1", "1.1.1.1, 2.2.2.2, 203.0.113.9", loopback)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", loopback)).toBe("203.0.113.9");
  });

  it("walks through a chain of trusted proxies", () => {
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3, 10.9.9.9", chain)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9, fd00::1", chain)).toBe("203.0.113.9");
  });

  it("stops at an untrusted hop in the middle of the chain", () => {
    // 198.51.100.7 is not a trusted proxy: what it claims (10.1.2.3's left) is not believed.
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 10.1.2.3, 198.51.100.7, 10.9.9.9", chain)).toBe("198.51.100.7");
  });

  it("takes the leftmost entry when every hop is a trusted proxy", () => {
    expect(resolveClientAddress("127.0.0.1", "10.1.2.3, 10.9.9.9", chain)).toBe("10.1.2.3");
  });

  it("handles IPv6 clients, proxies, brackets, ports and zones", () => {
    expect(resolveClientAddress("::1", "2001:db8::7", loopback)).toBe("2001:db8::7");
    expect(resolveClientAddress("::ffff:127.0.0.1", "2001:DB8::7", loopback)).toBe("2001:db8::7");
    expect(resolveClientAddress("127.0.0.1", "[2001:db8::7]:4711", loopback)).toBe("2001:db8::7");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9:51000", loopback)).toBe("203.0.113.9");
    expect(resolveClientAddress("fe80::1%eth0", "203.0.113.9", parseTrustedProxies(["fe80::/10"]))).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", null, none)).toBe("203.0.113.9");
  });

  it("never takes a malformed entry: the trusted hop that passed it on counts instead", () => {
    expect(resolveClientAddress("127.0.0.1", "unknown", loopback)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9, not-an-ip", loopback)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "", loopback)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", " , ", loopback)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "300.1.1.1", loopback)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4<script>", loopback)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4".padEnd(5000, " "), loopback)).toBe("127.0.0.1");
  });

  it("does not trust a header it could not place: without the socket peer the client is unknown", () => {
    expect(resolveClientAddress(undefined, "203.0.113.9", loopback)).toBe(UNKNOWN_CLIENT);
    expect(resolveClientAddress("", "203.0.113.9", none)).toBe(UNKNOWN_CLIENT);
  });

  it("reads the socket peer from Mailroom's own header", () => {
    const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "9.9.9.9, 203.0.113.9" });
    expect(clientAddressFrom(headers, loopback)).toBe("203.0.113.9");
    expect(clientAddressFrom(headers, none)).toBe("127.0.0.1");
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDR ranges of both families", () => {
    const trusted = parseTrustedProxies(["192.0.2.1", "10.0.0.0/8", "::1", "2001:db8::/32", "0.0.0.0/0"]);
    expect(trusted.trusts("8.8.8.8")).toBe(true);
    expect(trusted.trusts("2001:db8:1::1")).toBe(true);
    expect(trusted.trusts("2001:db9::1")).toBe(false);
    expect(parseTrustedProxies(["10.0.0.0/8"]).trusts("11.0.0.1")).toBe(false);
    expect(parseTrustedProxies(["10.0.0.0/8"]).trusts("::ffff:10.1.1.1")).toBe(true);
  });

  it.each(["proxy.example", "10.0.0.0/33", "::/129", "10.0.0.1/8/1", "1.2.3", "10.0.0.0/x", ""])("refuses %j", (entry) => {
    expect(() => parseTrustedProxies([entry])).toThrow();
  });
});

describe("normalizeIp", () => {
  it("canonicalises or refuses", () => {
    expect(normalizeIp(" ::FFFF:192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalizeIp("2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeIp("example.com")).toBe("");
  });
});
