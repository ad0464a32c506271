/**
 * The arguments a message in ICU MessageFormat takes, as sorted "name:type" entries ("count:plural",
 * "name:" for a plain `{name}`, "b:tag" for a rich-text tag `<b>…</b>`), so two translations of one
 * key can be compared. Quoted text ('{' and the like) is skipped as ICU does. Throws on unbalanced
 * braces, which next-intl would fail to format too.
 */
export function icuArguments(message: string): string[] {
  const found = new Set<string>();
  let position = 0;

  const fail = (why: string): never => {
    throw new Error(`${why} at ${position} in: ${message}`);
  };

  const skipSpace = () => {
    while (/\s/.test(message[position] ?? "")) position++;
  };

  const readWord = (): string => {
    const start = position;
    while (position < message.length && /[^\s,{}]/.test(message[position] ?? "")) position++;
    return message.slice(start, position);
  };

  // Text up to the "}" that closes the current level (or the end at the top level).
  const readText = (nested: boolean) => {
    while (position < message.length) {
      const char = message[position];
      if (char === "'" && /[{}#<']/.test(message[position + 1] ?? "")) {
        const end = message.indexOf("'", position + 1);
        position = end === -1 ? message.length : end + 1;
      } else if (char === "{") {
        position++;
        readArgument();
      } else if (char === "}") {
        if (!nested) fail("Unmatched }");
        return;
      } else if (char === "<") {
        const tag = /^<\/?([A-Za-z][\w-]*)\s*\/?>/.exec(message.slice(position));
        if (tag) found.add(`${tag[1]}:tag`);
        position += tag ? tag[0].length : 1;
      } else {
        position++;
      }
    }
    if (nested) fail("Unclosed {");
  };

  const readArgument = () => {
    skipSpace();
    const name = readWord();
    if (!name) fail("Argument without a name");
    skipSpace();
    if (message[position] === "}") {
      found.add(`${name}:`);
      position++;
      return;
    }
    if (message[position] !== ",") fail(`Expected , or } after ${name}`);
    position++;
    skipSpace();
    const type = readWord();
    found.add(`${name}:${type}`);
    skipSpace();
    if (message[position] === "}") {
      position++;
      return;
    }
    if (message[position] !== ",") fail(`Expected , or } after ${type}`);
    position++;
    if (type === "plural" || type === "selectordinal" || type === "select") {
      readOptions();
    } else {
      // A style such as "percent" or "::currency/EUR": up to this argument's closing brace.
      let depth = 1;
      while (position < message.length && depth > 0) {
        if (message[position] === "{") depth++;
        if (message[position] === "}") depth--;
        position++;
      }
      if (depth > 0) fail("Unclosed {");
    }
  };

  const readOptions = () => {
    for (;;) {
      skipSpace();
      if (message[position] === "}") {
        position++;
        return;
      }
      const selector = readWord();
      if (!selector) fail("Expected a plural or select option");
      skipSpace();
      if (selector.startsWith("offset:")) continue;
      if (message[position] !== "{") fail(`Expected { after ${selector}`);
      position++;
      readText(true);
      position++;
    }
  };

  readText(false);
  return [...found].sort();
}
