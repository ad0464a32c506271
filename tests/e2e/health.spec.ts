import { expect, test } from "@playwright/test";
import { freePort, startApp, testAppEnv, type AppServer } from "../support/app-server";

// What a load balancer sees on /api/health: 200 when the instance reaches its database and the
// IMAP server, 503 naming which is down otherwise, and nothing else (no host names, no errors).
let imapDown: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  imapDown = await startApp(testAppEnv({ MAILROOM_IMAP_PORT: String(await freePort()) }));
});
test.afterAll(async () => {
  await imapDown?.stop();
});

test("an instance that reaches its database and the IMAP server is healthy", async ({ baseURL }) => {
  const response = await fetch(new URL("/api/health", baseURL));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toContain("no-store");
  expect(await response.json()).toEqual({ status: "ok", database: "ok", imap: "ok" });
});

test("an instance whose IMAP server is down answers 503, says which, and gives nothing away", async () => {
  const response = await fetch(`${imapDown.url}/api/health`);
  expect(response.status).toBe(503);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ status: "unavailable", database: "ok", imap: "down" });
  expect(text).not.toContain("127.0.0.1");
  expect(text).not.toMatch(/ECONNREFUSED|error/i);
});
