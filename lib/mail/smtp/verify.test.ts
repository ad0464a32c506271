import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import type { SendingWords } from "../sending-words";
import { RelayGuardError } from "./guard";
import { describeSmtpFailure, describeUntrustedRelayFailure, type SmtpFailureKind } from "./verify";

// The mail layer gives a key and values; the reader sees them worded (here in English).
const t = await catalogueTranslator("sending");
const text = (words: SendingWords) => t(words.key, words.values);

const relay = { host: "smtp.example.com", port: 587, security: "starttls" as const };
const error = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? "")), fields);

describe("describeSmtpFailure", () => {
  it("names the forgery guard's refusal without repeating the address the name resolved to", () => {
    const result = describeSmtpFailure(new RelayGuardError("smtp.example.com", "10.0.0.1", "private"), relay);
    expect(result.kind).toBe("guard");
    expect(text(result.words)).toContain("smtp.example.com points to a private or internal address");
    expect(text(result.words)).not.toContain("10.0.0.1");
  });

  it.each([
    [{ code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND smtp.example.com" }, "not-found", "The server name smtp.example.com was not found"],
    [{ code: "EAI_AGAIN", message: "getaddrinfo EAI_AGAIN smtp.example.com" }, "not-found", "could not be looked up right now"],
    [{ code: "ESOCKET", message: "connect ECONNREFUSED 1.2.3.4:587", syscall: "connect" }, "refused", "smtp.example.com:587 refused the connection"],
    [{ code: "EAUTH", message: "Invalid login: 535 5.7.8 Error: authentication failed", responseCode: 535 }, "auth", "did not accept the username or password"],
    [{ code: "ESOCKET", message: "unable to verify the first certificate" }, "tls", "TLS certificate of smtp.example.com could not be verified"],
    [{ code: "ETLS", message: "Error initiating TLS - self-signed certificate in certificate chain" }, "tls", "could not be verified"],
    [{ code: "ESOCKET", message: "Hostname/IP does not match certificate's altnames" }, "tls", "could not be verified"],
    [{ code: "ESOCKET", message: "ssl3_get_record:wrong version number" }, "tls-mismatch", "does not speak the chosen security"],
    [{ code: "ETIMEDOUT", message: "Greeting never received" }, "timeout", "did not answer within 10 seconds"],
    [{ code: "ESOCKET", message: "Socket timeout" }, "timeout", "did not answer"],
    [{ code: "ECONNECTION", message: "Connection closed unexpectedly: 421 go away" }, "unknown", "Could not connect to smtp.example.com:587"],
  ])("explains %o as %s", (fields, kind, words) => {
    const result = describeSmtpFailure(error(fields), relay);
    expect(result.kind).toBe(kind);
    expect(text(result.words)).toContain(words);
  });

  it("never repeats the server's own words", () => {
    const result = describeSmtpFailure(error({ code: "EAUTH", message: "Invalid login: 535 secret-server-detail", responseCode: 535 }), relay);
    expect(text(result.words)).not.toContain("secret-server-detail");
  });
});

describe("describeUntrustedRelayFailure", () => {
  it("tells a refused login apart, and nothing else", () => {
    expect(text(describeUntrustedRelayFailure("auth", relay))).toBe("smtp.example.com:587 did not accept the username or password.");
    const kinds: SmtpFailureKind[] = ["guard", "not-found", "refused", "tls", "tls-mismatch", "timeout", "unknown"];
    const messages = new Set(kinds.map((kind) => text(describeUntrustedRelayFailure(kind, relay))));
    expect(messages.size).toBe(1);
    expect([...messages][0]).toMatch(/^Could not connect to smtp\.example\.com:587 and sign in\./);
  });
});
