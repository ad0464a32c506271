import { describe, expect, it } from "vitest";
import { readMessages } from "@/lib/i18n/messages";
import { LOCALES } from "@/lib/i18n/locales";
import { FOLDER_PROBLEMS } from "@/lib/mail/imap/folder-admin";

describe("the words for the mail layer's refusals", () => {
  it("have every folder problem the mail layer can name, in every language", async () => {
    for (const locale of LOCALES) {
      const failure = ((await readMessages(locale)).actions as { folders: { failure: Record<string, string> } }).folders.failure;
      expect(
        FOLDER_PROBLEMS.filter((problem) => typeof failure[problem] !== "string"),
        locale,
      ).toEqual([]);
      expect(Object.keys(failure).sort(), locale).toEqual([...FOLDER_PROBLEMS].sort());
    }
  });
});
