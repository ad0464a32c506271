import { describe, expect, it } from "vitest";
import { failureKind, isLookupInconclusive, parseDnsServers } from "./dns";

describe("parseDnsServers (MAILROOM_DNS_SERVERS)", () => {
  it("unset or blank means the system's resolvers", () => {
    expect(parseDnsServers(undefined)).toEqual({ ok: true, servers: undefined });
    expect(parseDnsServers("  ")).toEqual({ ok: true, servers: undefined });
  });
  it("reads hosts and host:port, IPv4 and IPv6", () => {
    expect(parseDnsServers("192.0.2.53, 127.0.0.1:5353,2001:db8::53,[::1]:5300")).toEqual({ ok: true, servers: ["192.0.2.53", "127.0.0.1:5353", "2001:db8::53", "[::1]:5300"] });
  });
  it("refuses names and bad ports, naming the entry", () => {
    expect(parseDnsServers("dns.example.com")).toMatchObject({ ok: false, error: expect.stringMatching(/dns\.example\.com/) });
    expect(parseDnsServers("127.0.0.1:70000")).toMatchObject({ ok: false });
    expect(parseDnsServers("[::1]:0")).toMatchObject({ ok: false });
  });
});

describe("failure kinds", () => {
  it("maps Node's codes, and only timeouts and errors are inconclusive", () => {
    expect(["ENOTFOUND", "ENODATA", "ETIMEOUT", "ESERVFAIL", "EREFUSED"].map(failureKind)).toEqual(["nxdomain", "nodata", "timeout", "servfail", "error"]);
    expect((["nxdomain", "nodata", "timeout", "servfail", "error"] as const).map(isLookupInconclusive)).toEqual([false, false, true, true, true]);
  });
});
