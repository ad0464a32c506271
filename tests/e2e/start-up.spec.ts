import { expect, test } from "@playwright/test";
import { runAppExpectingExit, testAppEnv } from "../support/app-server";

test("start-up with a malformed variable fails with a message naming it", async () => {
  const bad = await runAppExpectingExit(testAppEnv({ MAILROOM_IMAP_PORT: "not-a-port" }));
  expect(bad.code).not.toBe(0);
  expect(bad.code).not.toBeNull();
  expect(bad.output).toContain("MAILROOM_IMAP_PORT");

  const missing = await runAppExpectingExit(testAppEnv({ AUTH_SECRET: "" }));
  expect(missing.code).not.toBe(0);
  expect(missing.output).toContain("AUTH_SECRET");

  const insecure = await runAppExpectingExit(testAppEnv({ MAILROOM_IMAP_HOST: "imap.example.com", MAILROOM_IMAP_SECURITY: "none" }));
  expect(insecure.code).not.toBe(0);
  expect(insecure.output).toContain("MAILROOM_IMAP_SECURITY");
});
