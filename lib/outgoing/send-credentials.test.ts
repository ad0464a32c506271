import { beforeAll, describe, expect, it } from "vitest";
import { openSendCredentials, sealSendCredentials } from "./send-credentials";

beforeAll(() => {
  Object.assign(process.env, { MAILROOM_IMAP_HOST: "imap.example.com", MAILROOM_SMTP_HOST: "smtp.example.com", AUTH_SECRET: "s".repeat(40) });
});

describe("the sealed login of a pending send", () => {
  const login = { user: "ada@mailroom.test", password: "correct horse" };

  it("opens for its own user and message, and holds no readable password", () => {
    const sealed = sealSendCredentials(login, "user-1", "<a@mailroom.test>");
    expect(sealed).not.toContain("correct");
    expect(openSendCredentials(sealed, "user-1", "<a@mailroom.test>")).toEqual(login);
  });

  it("does not open for another user or another message, nor when tampered with", () => {
    const sealed = sealSendCredentials(login, "user-1", "<a@mailroom.test>");
    const attempts = [
      () => openSendCredentials(sealed, "user-2", "<a@mailroom.test>"),
      () => openSendCredentials(sealed, "user-1", "<b@mailroom.test>"),
      () => openSendCredentials(`${sealed.slice(0, -2)}${sealed.endsWith("AA") ? "BB" : "AA"}`, "user-1", "<a@mailroom.test>"),
    ];
    let refused = 0;
    for (const attempt of attempts) {
      expect(attempt).toThrow();
      refused++;
    }
    expect(refused).toBe(attempts.length);
  });
});
