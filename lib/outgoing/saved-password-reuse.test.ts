import { describe, expect, it } from "vitest";
import { reusableSavedPassword, type SavedRelayAccount } from "./saved-password-reuse";

const saved: SavedRelayAccount = { host: "smtp.example.com", port: 587, security: "starttls", username: "me@example.com", sealedPassword: "v1.sealed" };
const same = { host: "smtp.example.com", port: 587, security: "starttls" as const, username: "me@example.com" };

describe("reusableSavedPassword", () => {
  it("reuses the saved password for exactly the server and username it was saved for", () => {
    expect(reusableSavedPassword(saved, same)).toBe("v1.sealed");
  });

  it.each([
    ["host", { host: "smtp.attacker.example" }],
    ["port", { port: 2525 }],
    ["security", { security: "tls" as const }],
    ["security (downgrade to none)", { security: "none" as const }],
    ["username", { username: "other@example.com" }],
  ])("does not reuse it when the %s changed", (_, change) => {
    expect(reusableSavedPassword(saved, { ...same, ...change })).toBeNull();
  });

  it("has nothing to reuse without a saved password, without saved settings, or without a username", () => {
    expect(reusableSavedPassword({ ...saved, sealedPassword: null }, same)).toBeNull();
    expect(reusableSavedPassword(undefined, same)).toBeNull();
    expect(reusableSavedPassword({ ...saved, username: null }, { ...same, username: "" })).toBeNull();
  });
});
