import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const ROOT = process.cwd();
const DIST = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next");
// These work without a session by design: signing in, signing out, Auth.js's own endpoints, the health check.
const PUBLIC_ACTIONS = new Set(["signInAction", "signOutAction"]);
const PUBLIC_ROUTES = [/^api\/auth\//, /^api\/health\//];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** An example URL for a route file: dynamic segments get sample values, route groups vanish. */
function exampleUrl(file: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (segment.startsWith("[...") || segment.startsWith("[[...") ? "a/b" : segment.startsWith("[") ? "1" : segment));
  return `/${segments.join("/")}`;
}

test("pages redirect to sign-in without a session", async ({ request }) => {
  for (const url of ["/", "/mail", "/mail/INBOX", "/settings/sessions"]) {
    const response = await request.get(url, { maxRedirects: 5 });
    expect(new URL(response.url()).pathname, url).toBe("/sign-in");
  }
});

test("every route handler refuses calls without a session (401)", async ({ request }) => {
  const files = routeFiles(path.join(ROOT, "app")).filter((file) => {
    const relative = `${path.relative(path.join(ROOT, "app"), path.dirname(file))}/`;
    return !PUBLIC_ROUTES.some((pattern) => pattern.test(relative));
  });
  const checked: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => new RegExp(`export (async )?function ${method}\\b|export const ${method}\\b`).test(source));
    for (const method of methods) {
      const url = exampleUrl(file);
      const response = await request.fetch(url, { method, maxRedirects: 0, data: method === "GET" ? undefined : "{}" });
      expect(response.status(), `${method} ${url}`).toBe(401);
      checked.push(`${method} ${url}`);
    }
  }
  console.log(`route handlers checked: ${checked.join(", ") || "none"}`);
});

test("every server action refuses calls without a session", async ({ request }) => {
  const manifest = JSON.parse(readFileSync(path.join(DIST, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  const actions = Object.entries(manifest.node).filter(([, action]) => !PUBLIC_ACTIONS.has(action.exportedName ?? ""));
  expect(actions.length).toBeGreaterThan(0);
  for (const [id, action] of actions) {
    const page = Object.keys(action.workers)[0]!;
    const url = exampleUrl(path.join(ROOT, page.replace(/\/page$/, "/route.ts")));
    const response = await request.post(url, {
      headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([{}]),
      maxRedirects: 0,
    });
    const body = await response.text();
    expect(body, `${action.exportedName} (${action.filename})`).toContain('"code":"unauthorized"');
  }
  console.log(`server actions checked: ${actions.map(([, a]) => a.exportedName).join(", ")}`);
});
