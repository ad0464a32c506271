import { describe, expect, it } from "vitest";
import { findSchemaMessages, findSentences, findTranslationKeys, findUiLiterals } from "./source-scan";

const NOTHING_ALLOWED = new Set<string>();

describe("findUiLiterals", () => {
  it("reports JSX text with a letter, with its line", () => {
    const source = ["export function A() {", "  return (", "    <p>", "      Hello   world", "    </p>", "  );", "}"].join("\n");
    expect(findUiLiterals("a.tsx", source, NOTHING_ALLOWED)).toEqual([{ text: "Hello world", line: 4 }]);
  });

  it("reports literals in user-facing attributes, children expressions and label properties", () => {
    const source = `
      const CHOICES = [{ value: "dark", label: "Dark", hint: \`Always \${mode}\` }];
      export const B = ({ busy }: { busy: boolean }) => (
        <>
          <button aria-label="Archive" title={busy ? "Saving…" : "Save"} className="p-2 text-sm" />
          <input placeholder={\`Search \${folder}\`} type="search" />
          <img alt="Logo" src="/x.svg" />
          <span>{busy && "Loading"}</span>
        </>
      );`;
    expect(findUiLiterals("b.tsx", source, NOTHING_ALLOWED).map((literal) => `${literal.line}:${literal.text}`)).toEqual([
      "2:Dark",
      "2:Always",
      "5:Archive",
      "5:Saving…",
      "5:Save",
      "6:Search",
      "7:Logo",
      "8:Loading",
    ]);
  });

  it("lets translated text, symbols, non-text attributes and allowed words through", () => {
    const source = `
      export function C({ t, count }: { t: (key: string) => string; count: number }) {
        return (
          <div className="flex gap-2" data-state="open" role="status">
            <h1 aria-label={t("title")}>{t("heading")}</h1>
            <span>· — {count} ({count}) 42</span>
            <kbd>Ctrl</kbd>
            <p>Mailroom</p>
          </div>
        );
      }`;
    expect(findUiLiterals("c.tsx", source, new Set(["Ctrl", "Mailroom"]))).toEqual([]);
  });
});

describe("findTranslationKeys", () => {
  it("finds literal keys with the namespace of the translator in scope", () => {
    const source = `
      export function A() {
        const t = useTranslations("inbox");
        return <p title={t("title")}>{t.rich("count", { count: 2 })}{t(\`dynamic.\${x}\`)}</p>;
      }
      export async function B() {
        const t = await getTranslations({ locale: "de", namespace: "settings.language" });
        const all = useTranslations();
        return [t("auto"), all("app.name"), unrelated("x")];
      }`;
    expect(findTranslationKeys("a.tsx", source)).toEqual([
      { namespace: "inbox", key: "title", line: 4 },
      { namespace: "inbox", key: "count", line: 4 },
      { namespace: "settings.language", key: "auto", line: 9 },
      { namespace: "", key: "app.name", line: 9 },
    ]);
  });

  it("finds a component's translator from a nested callback", () => {
    const source = `
      export function A({ items }: { items: string[] }) {
        const t = useTranslations("list");
        return items.map((item) => <li key={item}>{t("item", { item })}</li>);
      }`;
    expect(findTranslationKeys("a.tsx", source)).toEqual([{ namespace: "list", key: "item", line: 4 }]);
  });
});

describe("findSchemaMessages", () => {
  it("reports the messages given to zod checks and as message or error options, keys and sentences alike", () => {
    const source = `
      const address = z.string().max(320, "validation.addressTooLong").pipe(z.email("Enter an email address."));
      const port = z.coerce.number({ error: "validation.portInvalid" }).max(65535, \`At most \${MAX}.\`);
      const folder = z.string().refine((value) => value !== "", { message: "Choose a folder.", path: ["destination"] });`;
    expect(findSchemaMessages("a.validation.ts", source).map((message) => `${message.line}:${message.text}`)).toEqual([
      "2:validation.addressTooLong",
      "2:Enter an email address.",
      "3:`At most ${MAX}.`",
      "3:validation.portInvalid",
      "4:Choose a folder.",
    ]);
  });

  it("leaves other strings alone: values compared, enums, literals, replacements", () => {
    const source = `
      const kind = z.enum(["archive", "move"]);
      const empty = z.union([z.literal(""), z.string()]);
      const host = z.string().transform((value) => value.replace(/^\\[(.*)\\]$/, "$1")).refine((value) => value.startsWith("x"));
      const result = { ok: false, code: "invalid" };`;
    expect(findSchemaMessages("b.validation.ts", source)).toEqual([]);
  });
});

describe("findSentences", () => {
  it("reports sentences for a reader, and leaves log, developer text, codes and keys alone", () => {
    const source = `
      import { x } from "./Some module name here";
      export function refuse(folder: string) {
        console.error(\`Scheduled sends are waiting: \${folder}\`);
        if (!folder) throw new Error("The folder is missing here");
        if (folder === "x") throw new FolderAdminError("not-found", "folderGone", { folder });
        return \`The folder “\${folder}” no longer exists.\`;
      }
      class Gone extends Error {
        constructor() {
          super("Message action failed somewhere");
        }
      }
      const words = { key: "smtp.refused", values: { where: "Mail for the From domain" } };`;
    expect(findSentences("a.ts", source).map((sentence) => `${sentence.line}:${sentence.text}`)).toEqual(["7:The folder “ ” no longer exists.", "14:Mail for the From domain"]);
  });
  it("reports a sentence that starts with a value, and leaves values joined by punctuation alone", () => {
    const source = `
      export function explain(domain: string, kind: string) {
        const line = \`\${domain}: \${kind}\`;
        return \`\${domain} receives mail (replies and bounces can reach it).\`;
      }`;
    expect(findSentences("a.ts", source).map((sentence) => `${sentence.line}:${sentence.text}`)).toEqual(["4:receives mail (replies and bounces can reach it)."]);
  });
});
