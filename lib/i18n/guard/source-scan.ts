import ts from "typescript";

/** One use of a translation key with a key written out in the source (t("key"), t.rich("key")…). */
export interface KeyUse {
  namespace: string;
  key: string;
  line: number;
}

/** User-facing text written in the source instead of the message files. */
export interface UiLiteral {
  text: string;
  line: number;
}

const TRANSLATOR_FACTORIES = new Set(["useTranslations", "getTranslations"]);
// Methods of a translator that format a key (`t.has` may ask about keys that do not exist).
const TRANSLATOR_METHODS = new Set(["rich", "markup", "raw"]);

/** Attributes whose value a person reads or hears. */
const USER_FACING_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder", "title", "placeholder", "alt", "label"]);
/** Object properties that hold such text (choices and lists rendered as labels, hints and titles). */
const USER_FACING_PROPERTIES = new Set(["label", "title", "hint", "description", "placeholder"]);

const LETTER = /\p{L}/u;

function parse(fileName: string, source: string): ts.SourceFile {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
}

function lineOf(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

function staticText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function scopeOf(node: ts.Node): ts.Node {
  let scope = node.parent;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return scope;
}

/** The namespace of `useTranslations("ns")`, `await getTranslations("ns")` or `getTranslations({ namespace })`. */
function translatorNamespace(initializer: ts.Expression): string | undefined {
  const call = ts.isAwaitExpression(initializer) ? initializer.expression : initializer;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !TRANSLATOR_FACTORIES.has(call.expression.text)) return undefined;
  const [argument] = call.arguments;
  if (argument === undefined) return "";
  if (ts.isObjectLiteralExpression(argument)) {
    const namespace = argument.properties.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && property.name.getText() === "namespace");
    return namespace ? staticText(namespace.initializer) : "";
  }
  return staticText(argument);
}

/**
 * Every translation key the source names literally, with the namespace of the translator it is
 * given to (resolved through the enclosing functions, so two components in one file may each have
 * their own `t`). Keys built at run time cannot be checked and are not returned.
 */
export function findTranslationKeys(fileName: string, source: string): KeyUse[] {
  const file = parse(fileName, source);
  const translators = new Map<ts.Node, Map<string, string>>();
  const uses: KeyUse[] = [];

  const declare = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const namespace = translatorNamespace(node.initializer);
      if (namespace !== undefined) {
        const scope = scopeOf(node);
        const names = translators.get(scope) ?? new Map<string, string>();
        names.set(node.name.text, namespace);
        translators.set(scope, names);
      }
    }
    ts.forEachChild(node, declare);
  };

  const namespaceOf = (name: string, at: ts.Node): string | undefined => {
    for (let scope: ts.Node | undefined = scopeOf(at); scope; scope = scope.parent && scopeOf(scope)) {
      const namespace = translators.get(scope)?.get(name);
      if (namespace !== undefined) return namespace;
      if (ts.isSourceFile(scope)) return undefined;
    }
    return undefined;
  };

  const collect = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const translator = ts.isIdentifier(callee)
        ? callee
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && TRANSLATOR_METHODS.has(callee.name.text)
          ? callee.expression
          : undefined;
      const key = staticText(node.arguments[0]);
      if (translator && key !== undefined) {
        const namespace = namespaceOf(translator.text, node);
        if (namespace !== undefined) uses.push({ namespace, key, line: lineOf(file, node) });
      }
    }
    ts.forEachChild(node, collect);
  };

  declare(file);
  collect(file);
  return uses;
}

/** The text of string and template literals an expression shows, not those it passes to calls (keys). */
function shownLiterals(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) || ts.isTemplateExpression(expression)) return [expression];
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return shownLiterals(expression.expression);
  }
  if (ts.isConditionalExpression(expression)) return [...shownLiterals(expression.whenTrue), ...shownLiterals(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(expression.right);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.PlusToken) {
      return [...shownLiterals(expression.left), ...shownLiterals(expression.right)];
    }
  }
  return [];
}

function literalText(node: ts.Node): string {
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
  return staticText(node) ?? "";
}

/**
 * User-facing text written in a component's source: JSX text with a letter in it, and string or
 * template literals (with a letter) shown as JSX children, given to attributes people read or hear
 * (aria-label, title, placeholder, alt, label…) or to label/title/hint/description properties.
 * Text in `allowed` (compared trimmed, spaces collapsed) is not reported.
 */
export function findUiLiterals(fileName: string, source: string, allowed: ReadonlySet<string>): UiLiteral[] {
  const file = parse(fileName, source);
  const found: UiLiteral[] = [];

  const report = (node: ts.Node, raw: string) => {
    const text = raw.replace(/\s+/g, " ").trim();
    if (LETTER.test(text) && !allowed.has(text)) found.push({ text, line: lineOf(file, node) });
  };
  const reportShown = (expression: ts.Expression | undefined) => {
    if (expression) for (const literal of shownLiterals(expression)) report(literal, literalText(literal));
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) reportShown(node.expression);
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node.initializer, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer)) reportShown(node.initializer.expression);
    }
    if (ts.isPropertyAssignment(node) && USER_FACING_PROPERTIES.has(node.name.getText(file))) reportShown(node.initializer);
    ts.forEachChild(node, visit);
  };

  visit(file);
  return found;
}

/** zod checks whose string argument is the message shown when the check fails. */
const ZOD_CHECKS = new Set([
  "min",
  "max",
  "length",
  "nonempty",
  "gt",
  "gte",
  "lt",
  "lte",
  "positive",
  "nonnegative",
  "int",
  "multipleOf",
  "email",
  "uuid",
  "url",
  "regex",
  "refine",
  "superRefine",
]);
/** Option properties that hold such a message (`{ message }`, `{ error }`). */
const MESSAGE_PROPERTIES = new Set(["message", "error"]);

/**
 * The messages a schema file gives its checks: string and template literals passed to a zod check
 * (`.max(320, "…")`, `z.email("…")`, `.refine(fn, "…")`) or given as `message:`/`error:`. In lib/actions
 * each must be a catalogue key (the action words it in the reader's language); English there is a
 * sentence every German reader would see in English.
 */
export function findSchemaMessages(fileName: string, source: string): UiLiteral[] {
  const file = parse(fileName, source);
  const found: UiLiteral[] = [];
  const report = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
      found.push({ text: ts.isTemplateExpression(node) ? node.getText(file) : node.text, line: lineOf(file, node) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ZOD_CHECKS.has(node.expression.name.text)) node.arguments.forEach(report);
    if (ts.isPropertyAssignment(node) && MESSAGE_PROPERTIES.has(node.name.getText(file))) report(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A capitalised word and two or more lower-case ones: how an English sentence for a reader starts. */
const SENTENCE = /\p{Lu}\p{Ll}+(?:[\s,;:'’“”"„()!?-]+\p{Ll}+){2,}/u;
/** A value followed by four lower-case words, as in `${domain} has no SPF record`: a sentence that starts with a name. */
const SENTENCE_AFTER_VALUE = /^\s*\p{Ll}+(?:[\s,;:'’“”"„()!?-]+\p{Ll}+){3,}/u;
/** Calls whose text is for the log or the developer, never for a reader. */
const DEVELOPER_TEXT_CALLS = /^(console\.\w+|super|Error|TypeError|RangeError)$/;

/**
 * Sentences written in a module that must leave the words to the catalogues (the mail layer gives
 * reason codes, lib/outgoing words through its translator): string and template literals that read
 * like a sentence, except those given to console.*, super() or new Error() (log and developer text).
 */
export function findSentences(fileName: string, source: string): UiLiteral[] {
  const file = parse(fileName, source);
  const found: UiLiteral[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && DEVELOPER_TEXT_CALLS.test(node.expression.getText(file))) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = literalText(node);
      const startsWithValue = ts.isTemplateExpression(node) && node.head.text.trim() === "" && node.templateSpans.some((span) => SENTENCE_AFTER_VALUE.test(span.literal.text));
      if (SENTENCE.test(text) || startsWithValue) found.push({ text: text.replace(/\s+/g, " ").trim(), line: lineOf(file, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
