import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox } from "../support/mail-server";

// In CI the shared folder sits beside the project root; on a workstation it may be /work/shared.
const CORPORA = [path.resolve(process.cwd(), "../shared/corpora"), "/work/shared/corpora"].find((dir) => existsSync(dir))!;

interface Vector {
  id: number;
  source: string;
  title?: string;
  payload: string;
}

const vectors: Vector[] = readFileSync(path.join(CORPORA, "xss/vectors.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line, index) => ({ ...(JSON.parse(line) as Omit<Vector, "id">), id: index }));

const CHUNKS = 4;

/** One real message per payload: the payload is the HTML part, exactly as written. */
function messageFor(vector: Vector, to: string): string {
  return [
    "From: Attacker <attacker@evil.example>",
    `To: ${to}`,
    `Subject: XSS vector ${vector.id}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <xss-${vector.id}-${Date.now()}@evil.example>`,
    "MIME-Version: 1.0",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from(vector.payload, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n"),
    "",
  ].join("\r\n");
}

test.describe.configure({ mode: "parallel" });

test.beforeAll(() => {
  expect(vectors).toHaveLength(333);
});

for (let chunk = 0; chunk < CHUNKS; chunk++) {
  const mine = vectors.filter((vector) => vector.id % CHUNKS === chunk);

  test(`XSS corpus part ${chunk + 1}/${CHUNKS}: no payload runs script, loads anything remote or changes the app`, async ({ browser, baseURL }) => {
    test.setTimeout(900_000);
    const mailbox = createMailbox(`xss${chunk}`);
    const uids = new Map<number, Vector>();
    const client = await connectImap(mailbox);
    try {
      for (const vector of mine) {
        const result = await client.append("INBOX", messageFor(vector, mailbox.email));
        if (!result || !result.uid) throw new Error(`APPEND of vector ${vector.id} returned no UID`);
        uids.set(result.uid, vector);
      }
    } finally {
      await client.logout();
    }

    const context = await newClientContext(browser, baseURL);
    const appOrigin = new URL(baseURL!).origin;
    let current = "sign-in";
    const fired: string[] = [];
    const foreignRequests: string[] = [];
    context.on("request", (request) => {
      const url = request.url();
      if (url.startsWith("data:") || url.startsWith("about:") || url.startsWith("blob:")) return;
      if (new URL(url).origin !== appOrigin) foreignRequests.push(`${current}: ${url}`);
    });
    // Markers in every frame that can run script: any dialog, or a call of the hooks, means a payload ran.
    await context.exposeFunction("__xssReport", (what: string) => {
      fired.push(`${current}: ${what}`);
    });
    await context.addInitScript(() => {
      const report = (what: string) => (window as unknown as { __xssReport(what: string): void }).__xssReport(what);
      (window as unknown as { __xssFired: boolean }).__xssFired = false;
      for (const name of ["alert", "confirm", "prompt"] as const) {
        (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          (window as unknown as { __xssFired: boolean }).__xssFired = true;
          report(`${name}(${args.map(String).join(",")}) in ${location.href}`);
        };
      }
    });
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      fired.push(`${current}: dialog ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("popup", (popup) => fired.push(`${current}: popup ${popup.url()}`));
    await signIn(page, mailbox);
    // Each message alone: the conversation lookup is not what this test is about, and costs a page load time.
    const [firstUid] = uids.keys();
    await page.goto(`/mail/INBOX/${firstUid}`);
    const conversations = page.getByRole("checkbox", { name: "Show the whole conversation" });
    await conversations.uncheck();
    await expect(conversations).toBeEnabled();

    const broken: string[] = [];
    let framesChecked = 0;
    for (const [uid, vector] of uids) {
      current = `vector ${vector.id} (${(vector.title ?? vector.source).slice(0, 60)})`;
      await page.goto(`/mail/INBOX/${uid}`);
      const article = page.getByRole("article", { name: `XSS vector ${vector.id}` });
      await expect(article, current).toBeVisible();
      // The app around the message is unchanged: its top bar, Sign out, its own title, its own URL.
      const intact = await page.evaluate(
        () =>
          ({
            title: document.title,
            signOut: Array.from(document.querySelectorAll("button")).some((button) => button.textContent?.trim() === "Sign out"),
            header: Boolean(document.querySelector("header a[aria-label='Mailroom, go to Inbox']")),
            fired: (window as unknown as { __xssFired: boolean }).__xssFired,
            path: location.pathname,
          }) as const,
      );
      if (intact.title !== "Message · Mailroom" || !intact.signOut || !intact.header || intact.fired || intact.path !== `/mail/INBOX/${uid}`) {
        broken.push(`${current}: ${JSON.stringify(intact)}`);
      }
      // Every payload is shown in its frame, and the frame's document has loaded before the next one:
      // a frame still loading would otherwise be passed over unseen.
      const frame = page.locator(`iframe[title="Message: XSS vector ${vector.id}"]`);
      if (!vector.payload.trim()) {
        // Only white space: the message has no HTML part to frame.
        await expect(article.getByText("This message has no text."), current).toBeVisible();
        continue;
      }
      await expect(frame, current).toHaveCount(1);
      await expect(frame, current).toHaveAttribute("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
      const frameDocument = await (await frame.elementHandle())!.contentFrame();
      if (!frameDocument) throw new Error(`${current}: the frame has no document`);
      await frameDocument.waitForLoadState("load");
      expect(frameDocument.url(), current).toContain(`/api/messages/INBOX/${uid}/body`);
      framesChecked++;
    }
    // Give late timers and loads of the last page a moment to show themselves.
    await page.waitForTimeout(1_000);
    await context.close();

    expect(framesChecked, "frames whose document loaded and was checked").toBe(mine.filter((vector) => vector.payload.trim()).length);
    expect(fired, "script ran").toEqual([]);
    expect(foreignRequests, "requests left the app before remote content was allowed").toEqual([]);
    expect(broken, "the app around the message changed").toEqual([]);
  });
}
