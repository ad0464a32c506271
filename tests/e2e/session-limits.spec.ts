import { expect, test } from "@playwright/test";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { randomClientAddress } from "../support/browser";
import { cookieHeader, csrf, httpRequest, httpSignIn, openStream, type OpenStream } from "../support/http-client";
import { createMailbox } from "../support/mail-server";

// An instance with small caps, so that reaching them takes a few requests.
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startApp(testAppEnv({ MAILROOM_SESSIONS_PER_USER: "2", MAILROOM_LIVE_STREAMS_PER_USER: "2", MAILROOM_TRUSTED_PROXIES: "127.0.0.1" }));
});
test.afterAll(async () => {
  await app?.stop();
});

// Each sign-in from its own client address behind the (trusted) test runner.
const asClient = () => ({ headers: { "x-forwarded-for": randomClientAddress() } });

/** Whether these cookies still open the session on the server (a live-update stream starts). */
async function sessionWorks(cookies: Record<string, string>): Promise<boolean> {
  const stream = await openStream(app.url, cookies);
  stream.close();
  return stream.event === "ready";
}

test("Auth.js's own POST /api/auth/signout ends the session on the server, not only the cookie", async () => {
  const mailbox = createMailbox("e2e-signout-route");
  const cookies = await httpSignIn(app.url, mailbox, asClient());
  expect(await sessionWorks(cookies)).toBe(true);

  const token = await csrf(app.url, { headers: { cookie: cookieHeader(cookies) } });
  const answer = await httpRequest(app.url, "/api/auth/signout", {
    form: { csrfToken: token.token, callbackUrl: "/sign-in" },
    headers: { cookie: cookieHeader({ ...cookies, ...token.cookies }) },
  });
  expect(answer.status).toBeLessThan(400);

  // A copy of the cookie taken before signing out opens nothing any more.
  expect(await sessionWorks(cookies)).toBe(false);
});

test("a new sign-in beyond MAILROOM_SESSIONS_PER_USER ends the user's oldest session", async () => {
  const mailbox = createMailbox("e2e-session-cap");
  const oldest = await httpSignIn(app.url, mailbox, asClient());
  const middle = await httpSignIn(app.url, mailbox, asClient());
  expect(await sessionWorks(oldest)).toBe(true);
  const newest = await httpSignIn(app.url, mailbox, asClient());
  expect(await sessionWorks(oldest)).toBe(false);
  expect(await sessionWorks(middle)).toBe(true);
  expect(await sessionWorks(newest)).toBe(true);
});

test("live-update streams are capped per user, across all of the user's sessions", async () => {
  const mailbox = createMailbox("e2e-stream-cap");
  const first = await httpSignIn(app.url, mailbox, asClient());
  const second = await httpSignIn(app.url, mailbox, asClient());
  const open: OpenStream[] = [];
  try {
    open.push(await openStream(app.url, first), await openStream(app.url, first));
    expect(open.map((stream) => stream.event)).toEqual(["ready", "ready"]);
    // The other session of the same user gets no third slot...
    const refused = await openStream(app.url, second);
    refused.close();
    expect(refused.event).toBe("unavailable");
    // ...while another user still does.
    const other = await httpSignIn(app.url, createMailbox("e2e-stream-other"), asClient());
    const theirs = await openStream(app.url, other);
    open.push(theirs);
    expect(theirs.event).toBe("ready");
    // A closed stream frees its slot.
    open.shift()?.close();
    await expect
      .poll(async () => {
        const again = await openStream(app.url, second);
        again.close();
        return again.event;
      })
      .toBe("ready");
  } finally {
    for (const stream of open) stream.close();
  }
});
