import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientMessages, SERVER_ONLY_NAMESPACES, SETTINGS_ONLY_NAMESPACES, settingsClientMessages } from "./client-messages";
import { readMessages } from "./messages";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Where the settings pages' own modules live: only these may translate a settings-only namespace. */
const SETTINGS_DIRECTORIES = ["components/settings/", "app/(app)/settings/"];

function sourceFiles(): string[] {
  return ["app", "components", "lib"].flatMap((directory) =>
    readdirSync(path.join(ROOT, directory), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
      .map((file) => path.join(directory, file)),
  );
}

/** The project files a file imports, statically or with import() ("@/…" and relative specifiers), as paths from the root without extension. */
function importsOf(file: string, source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\(\s*)"((?:@\/|\.{1,2}\/)[^"]+)"/g)].map(([, specifier]) =>
    specifier!.startsWith("@/") ? specifier!.slice(2) : path.join(path.dirname(file), specifier!),
  );
}

/** Whether a hook's namespace reads any of the namespace at `path` (the same, a part of it, or one that holds it). */
function overlaps(namespace: string, path: string): boolean {
  return namespace === path || namespace.startsWith(`${path}.`) || path.startsWith(`${namespace}.`);
}

describe("the catalogue sent to the browser", () => {
  const files = sourceFiles();
  const sources = new Map(files.map((file) => [file, readFileSync(path.join(ROOT, file), "utf8")]));
  /** Hooks may run in the browser (a component without "use client" runs there when a client component renders it). */
  const hookNamespaces = files.flatMap((file) =>
    [...sources.get(file)!.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)].map(([, namespace]) => ({ file, namespace: namespace ?? "" })),
  );

  it("holds every namespace a translation hook names", () => {
    expect(hookNamespaces.length).toBeGreaterThan(0);
    // A hook without a namespace could read any key, a server-only one too.
    expect(hookNamespaces.filter(({ namespace }) => namespace === "")).toEqual([]);
    const serverOnly = hookNamespaces.filter(({ namespace }) => SERVER_ONLY_NAMESPACES.some((path) => overlaps(namespace, path)));
    expect(serverOnly).toEqual([]);
  });

  it("leaves the settings-only namespaces to modules that only the settings pages render", () => {
    const importers = new Map<string, string[]>();
    for (const file of files) {
      for (const imported of importsOf(file, sources.get(file)!)) importers.set(imported, [...(importers.get(imported) ?? []), file]);
    }
    const inSettings = (file: string) => SETTINGS_DIRECTORIES.some((directory) => file.startsWith(directory));
    const users = hookNamespaces.filter(({ namespace }) => SETTINGS_ONLY_NAMESPACES.some((path) => overlaps(namespace, path))).map(({ file }) => file);
    expect(users.length).toBeGreaterThan(0);
    // Every module that renders one of them, directly or through others, is a settings module.
    const seen = new Set<string>();
    const outside: string[] = [];
    for (let queue = [...users]; queue.length > 0;) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!inSettings(file)) outside.push(file);
      queue = [...queue, ...(importers.get(file.replace(/\.tsx?$/, "")) ?? [])];
    }
    expect(outside).toEqual([]);
  });

  it("leaves out the server-only and settings-only namespaces, and the settings pages get theirs", async () => {
    const messages = await readMessages("en");
    const sent = clientMessages(messages);
    expect(Object.keys(sent).sort()).toEqual(
      Object.keys(messages)
        .filter((namespace) => !SERVER_ONLY_NAMESPACES.includes(namespace) && !SETTINGS_ONLY_NAMESPACES.includes(namespace))
        .sort(),
    );
    expect(Object.keys(sent.settings as object)).toEqual(["nav"]);
    expect(sent.messageList).toBe(messages.messageList);
    const forSettings = settingsClientMessages(messages);
    expect(Object.keys(forSettings).sort()).toEqual(
      Object.keys(messages)
        .filter((namespace) => !SERVER_ONLY_NAMESPACES.includes(namespace))
        .sort(),
    );
    expect(forSettings.settings).toBe(messages.settings);
    // Made once per catalogue, not per request; the catalogue itself is untouched.
    expect(clientMessages(messages)).toBe(sent);
    expect(Object.keys(messages.settings as object)).toContain("folders");
  });
});
