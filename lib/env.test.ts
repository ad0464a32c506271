import { describe, expect, it } from "vitest";
import { EnvError, parseDnsServers, parseEnv } from "./env";

const base = {
  NODE_ENV: "production",
  MAILROOM_IMAP_HOST: "imap.example.com",
  MAILROOM_SMTP_HOST: "smtp.example.com",
  AUTH_SECRET: "x".repeat(40),
} as const;

function problemsOf(overrides: Record<string, string | undefined>): string[] {
  try {
    parseEnv({ ...base, ...overrides } as NodeJS.ProcessEnv);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv({ ...base } as NodeJS.ProcessEnv);
    expect(env.imap).toEqual({ host: "imap.example.com", port: 993, security: "tls" });
    expect(env.smtp).toEqual({ host: "smtp.example.com", port: 587, security: "starttls" });
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBeUndefined();
    expect(env.allowedDomains).toEqual([]);
  });

  it("names a malformed or missing variable", () => {
    expect(problemsOf({ MAILROOM_IMAP_PORT: "imap" }).join()).toContain("MAILROOM_IMAP_PORT");
    expect(problemsOf({ MAILROOM_IMAP_PORT: "70000" }).join()).toContain("MAILROOM_IMAP_PORT");
    expect(problemsOf({ MAILROOM_IMAP_SECURITY: "ssl" }).join()).toContain("MAILROOM_IMAP_SECURITY");
    expect(problemsOf({ MAILROOM_IMAP_HOST: undefined }).join()).toContain("MAILROOM_IMAP_HOST");
    expect(problemsOf({ DATABASE_URL: "mysql://x" }).join()).toContain("DATABASE_URL");
    expect(problemsOf({ MAILROOM_ALLOWED_DOMAINS: "good.com, bad domain" }).join()).toContain("MAILROOM_ALLOWED_DOMAINS");
    expect(problemsOf({ PORT: "-1" }).join()).toContain("PORT");
  });

  it("requires AUTH_SECRET in production only", () => {
    expect(problemsOf({ AUTH_SECRET: undefined }).join()).toContain("AUTH_SECRET");
    expect(problemsOf({ AUTH_SECRET: "short" }).join()).toContain("AUTH_SECRET");
    expect(parseEnv({ ...base, NODE_ENV: "development", AUTH_SECRET: undefined } as NodeJS.ProcessEnv).authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("allows security none only on loopback", () => {
    expect(problemsOf({ MAILROOM_IMAP_SECURITY: "none" }).join()).toContain("MAILROOM_IMAP_SECURITY");
    expect(problemsOf({ MAILROOM_IMAP_SECURITY: "none", MAILROOM_IMAP_HOST: "127.0.0.1" })).toEqual([]);
  });

  it("refuses an unreadable CA file", () => {
    expect(problemsOf({ MAILROOM_TLS_CA_FILE: "/nonexistent/ca.pem" }).join()).toContain("MAILROOM_TLS_CA_FILE");
  });

  it("reads the relay allowlist as a list (its syntax is the relay policy's to check)", () => {
    expect(parseEnv({ ...base, MAILROOM_SMTP_ALLOWED_HOSTS: "127.0.0.1:10587, Smtp.Corp.Example" } as NodeJS.ProcessEnv).smtpAllowedHosts).toEqual([
      "127.0.0.1:10587",
      "smtp.corp.example",
    ]);
  });

  it("parses allowed domains", () => {
    expect(parseEnv({ ...base, MAILROOM_ALLOWED_DOMAINS: " Example.com ,b.org" } as NodeJS.ProcessEnv).allowedDomains).toEqual(["example.com", "b.org"]);
  });

  it("reads the upload quota per user (100 files, 250 MB by default)", () => {
    expect(parseEnv({ ...base } as NodeJS.ProcessEnv).uploadQuota).toEqual({ maxFiles: 100, maxBytes: 250 * 1024 * 1024 });
    expect(parseEnv({ ...base, MAILROOM_UPLOADS_PER_USER: "3", MAILROOM_UPLOAD_QUOTA_MB: "5" } as NodeJS.ProcessEnv).uploadQuota).toEqual({
      maxFiles: 3,
      maxBytes: 5 * 1024 * 1024,
    });
    expect(problemsOf({ MAILROOM_UPLOAD_QUOTA_MB: "0" }).join()).toContain("MAILROOM_UPLOAD_QUOTA_MB");
  });

  it("reads the identities an administrator vouches for (addresses or domains), none by default", () => {
    expect(parseEnv({ ...base } as NodeJS.ProcessEnv).vouchedIdentities).toEqual([]);
    expect(parseEnv({ ...base, MAILROOM_VOUCHED_IDENTITIES: "News@Example.com, example.org" } as NodeJS.ProcessEnv).vouchedIdentities).toEqual(["news@example.com", "example.org"]);
    expect(problemsOf({ MAILROOM_VOUCHED_IDENTITIES: "news@@example.com" }).join()).toContain("MAILROOM_VOUCHED_IDENTITIES");
  });

  it("reads trusted proxies (addresses and CIDR ranges, IPv4 and IPv6), none by default", () => {
    expect(parseEnv({ ...base } as NodeJS.ProcessEnv).trustedProxies).toEqual([]);
    expect(parseEnv({ ...base, MAILROOM_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8, ::1, FD00::/8" } as NodeJS.ProcessEnv).trustedProxies).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
    ]);
    expect(problemsOf({ MAILROOM_TRUSTED_PROXIES: "proxy.example" }).join()).toContain("MAILROOM_TRUSTED_PROXIES");
    expect(problemsOf({ MAILROOM_TRUSTED_PROXIES: "10.0.0.0/33" }).join()).toContain("MAILROOM_TRUSTED_PROXIES");
  });

  it("reads the session, live-stream and sending limits", () => {
    const env = parseEnv({ ...base, MAILROOM_SESSIONS_PER_USER: "3", MAILROOM_SEND_LIMIT: "100" } as NodeJS.ProcessEnv);
    expect(env.session.maxPerUser).toBe(3);
    expect(env.liveStreamsPerUser).toBe(10);
    expect(env.sendLimit).toEqual({ max: 100, windowMinutes: 10 });
    expect(problemsOf({ MAILROOM_LIVE_STREAMS_PER_USER: "0" }).join()).toContain("MAILROOM_LIVE_STREAMS_PER_USER");
  });
});

describe("MAILROOM_DNS_SERVERS and MAILROOM_AUTHSERV_ID", () => {
  it("unset or blank means the system's resolvers and no trusted Authentication-Results", () => {
    const env = parseEnv({ ...base, MAILROOM_DNS_SERVERS: "  " } as NodeJS.ProcessEnv);
    expect(env.dnsServers).toBeUndefined();
    expect(env.authservId).toBeUndefined();
    expect(parseDnsServers(undefined)).toEqual({ ok: true, servers: undefined });
  });

  it("reads addresses and address:port, IPv4 and IPv6, loopback included", () => {
    const env = parseEnv({ ...base, MAILROOM_DNS_SERVERS: "192.0.2.53, 127.0.0.1:5353,2001:db8::53,[::1]:5300" } as NodeJS.ProcessEnv);
    expect(env.dnsServers).toEqual(["192.0.2.53", "127.0.0.1:5353", "2001:db8::53", "[::1]:5300"]);
  });

  it("refuses names and bad ports, naming the entry", () => {
    expect(problemsOf({ MAILROOM_DNS_SERVERS: "dns.example.com" }).join()).toMatch(/MAILROOM_DNS_SERVERS .*dns\.example\.com/);
    expect(problemsOf({ MAILROOM_DNS_SERVERS: "127.0.0.1:70000" }).join()).toContain("MAILROOM_DNS_SERVERS");
    expect(parseDnsServers("[::1]:0")).toMatchObject({ ok: false });
  });

  it("reads the authserv-id as one lower-case word", () => {
    expect(parseEnv({ ...base, MAILROOM_AUTHSERV_ID: " MX.Example.com " } as NodeJS.ProcessEnv).authservId).toBe("mx.example.com");
    expect(problemsOf({ MAILROOM_AUTHSERV_ID: "mx.example.com; spf=pass" }).join()).toContain("MAILROOM_AUTHSERV_ID");
  });
});
