import { describe, expect, it } from "vitest";
import presetsFile from "./relay-presets.json";
import { readMessages } from "@/lib/i18n/messages";
import { LOCALES } from "@/lib/i18n/locales";
import { findRelayPreset, findRelayPresetByHost, listRelayPresets, parseRelayPresets } from "./relay-presets";

describe("relay presets", () => {
  it("has one Amazon SES entry per common region, on port 587 with STARTTLS", () => {
    const regions = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1"];
    for (const region of regions) {
      expect(findRelayPreset(`amazon-ses-${region}`)).toMatchObject({
        host: `email-smtp.${region}.amazonaws.com`,
        port: 587,
        security: "starttls",
        spfIncludes: ["amazonses.com"],
      });
    }
  });
  it("knows each provider's host, SPF include and DKIM selectors", () => {
    expect(findRelayPreset("sendgrid")).toMatchObject({
      host: "smtp.sendgrid.net",
      hints: "sendgrid",
      spfIncludes: ["sendgrid.net"],
      dkim: { selectors: ["s1", "s2"] },
    });
    expect(findRelayPreset("mailgun-eu")).toMatchObject({ host: "smtp.eu.mailgun.org", spfIncludes: ["mailgun.org"] });
    expect(findRelayPreset("mailgun-us")).toMatchObject({ host: "smtp.mailgun.org" });
    expect(findRelayPreset("postmark")).toMatchObject({ host: "smtp.postmarkapp.com", spfIncludes: ["spf.mtasv.net"], dkim: { selectors: [] } });
    expect(findRelayPreset("brevo")).toMatchObject({ host: "smtp-relay.brevo.com", spfIncludes: ["spf.brevo.com", "spf.sendinblue.com"] });
    expect(findRelayPreset("smtp2go")).toMatchObject({ host: "mail.smtp2go.com", spfIncludes: ["spf.smtp2go.com"] });
    expect(findRelayPreset("sparkpost")).toMatchObject({ host: "smtp.sparkpostmail.com", spfIncludes: ["sparkpostmail.com"] });
    expect(findRelayPreset("microsoft-365")).toMatchObject({
      host: "smtp.office365.com",
      spfIncludes: ["spf.protection.outlook.com"],
      dkim: { selectors: ["selector1", "selector2"] },
    });
    expect(findRelayPreset("google-workspace")).toMatchObject({ host: "smtp-relay.gmail.com", spfIncludes: ["_spf.google.com"], dkim: { selectors: ["google"] } });
    expect(findRelayPreset("other")).toMatchObject({ host: "", spfIncludes: [] });
    expect(listRelayPresets().length).toBeGreaterThanOrEqual(18);
  });
  it("refuses a file with a duplicate id or a malformed host", () => {
    const [first] = presetsFile.presets;
    expect(() => parseRelayPresets({ presets: [...presetsFile.presets, first] })).toThrow(/unique/);
    expect(() => parseRelayPresets({ presets: [...presetsFile.presets.slice(1), { ...first, host: "Not A Host" }] })).toThrow(/host name/);
  });

  it("recognises a saved relay by its host, each preset by its own", () => {
    expect(findRelayPresetByHost("SMTP.EU.mailgun.org.")?.id).toBe("mailgun-eu");
    expect(findRelayPresetByHost("smtp.mailgun.org")?.id).toBe("mailgun-us");
    expect(findRelayPresetByHost("relay.example.com")).toBeUndefined();
    expect(findRelayPresetByHost("")).toBeUndefined();
    const [first, second] = presetsFile.presets;
    expect(() => parseRelayPresets({ presets: [...presetsFile.presets.filter((preset) => preset !== second), { ...second, host: first?.host }] })).toThrow(/hosts must be unique/);
  });

  it("has its words in both catalogues: the user name, return path and DKIM hints of every preset", async () => {
    for (const locale of LOCALES) {
      const { deliverability } = (await readMessages(locale)) as { deliverability: { presets: Record<string, Record<string, string>> } };
      for (const preset of listRelayPresets()) {
        expect(Object.keys(deliverability.presets[preset.hints] ?? {}).sort(), `${locale} ${preset.id}`).toEqual(["dkim", "returnPath", "username"]);
      }
    }
  });
});
