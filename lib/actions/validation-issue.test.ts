import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/messages";
import { newIdentitySchema } from "./identities.validation";
import { messageActionSchema } from "./message-actions.validation";
import { outgoingSettingsSchema } from "./outgoing-settings.validation";
import { issueText } from "./validation-issue";

/** The whole catalogue of a language, as the actions' `await getTranslations()` gives it. */
async function translator(locale: "en" | "de") {
  const t = createTranslator({ locale, messages: (await loadMessages(locale)) as AbstractIntlMessages });
  return Object.assign((key: string, values?: Record<string, string | number>) => t(key as never, values as never), { has: (key: string) => t.has(key as never) });
}

const english = await translator("en");
const german = await translator("de");

function words(result: { success: boolean; error?: { issues: Parameters<typeof issueText>[0][] } }, t: typeof english) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issueText(issue, t)}`);
}

describe("issueText", () => {
  it("words a schema's key in the reader's language", () => {
    const refused = newIdentitySchema.safeParse({ email: "not an address", displayName: "", signatureHtml: "", replyTo: "" });
    expect(words(refused, english)).toEqual(["email: Enter an email address like name@example.com."]);
    expect(words(refused, german)).toEqual(["email: Geben Sie eine E-Mail-Adresse wie name@example.com ein."]);
  });

  it("fills in the bound of a length check and a refinement's own parameters", () => {
    const long = newIdentitySchema.safeParse({ email: "a@example.com", displayName: "x".repeat(201), signatureHtml: "", replyTo: "" });
    expect(words(long, english)).toEqual(["displayName: A display name has at most 200 characters."]);
    const many = messageActionSchema.safeParse({
      operation: "archive",
      targets: [
        { folder: "A", uids: Array.from({ length: 1000 }, (_, i) => i + 1) },
        { folder: "B", uids: [1] },
      ],
    });
    expect(words(many, german)).toEqual(["targets: Wählen Sie höchstens 1000 Nachrichten aus oder wählen Sie alle im Ordner aus."]);
  });

  it("gives zod's own English, a check without a key of ours, the general wording", () => {
    const refused = outgoingSettingsSchema(false).safeParse({ useCompanyRelay: "maybe", saveSentCopy: true });
    expect(words(refused, german)).toEqual(["useCompanyRelay: Dieser Wert ist ungültig."]);
  });
});
