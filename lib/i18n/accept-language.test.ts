import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./accept-language";

describe("localeFromAcceptLanguage", () => {
  const cases: [string | null, "en" | "de"][] = [
    [null, "en"],
    ["", "en"],
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["de-AT", "de"],
    ["DE", "de"],
    ["en-US,en;q=0.9,de;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,de;q=0.7,en;q=0.5", "de"],
    ["fr, en;q=0.5, de;q=0.8", "de"],
    ["en;q=0.5, de;q=0.5", "en"],
    ["de;q=0, en;q=0.1", "en"],
    ["de;q=0", "en"],
    ["fr, *;q=0.1", "en"],
    ["fr-CA, ja", "en"],
    ["de;q=abc, en;q=0.2", "en"],
  ];
  it.each(cases)("%s → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
  it("covers every case", () => expect(cases).toHaveLength(14));
});
