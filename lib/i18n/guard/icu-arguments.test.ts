import { describe, expect, it } from "vitest";
import { icuArguments } from "./icu-arguments";

describe("icuArguments", () => {
  it("finds plain, typed, plural and nested arguments and rich-text tags", () => {
    expect(icuArguments("Hello")).toEqual([]);
    expect(icuArguments("Hello {name}")).toEqual(["name:"]);
    expect(icuArguments("{count, plural, one {# message} other {# messages from {sender}}}")).toEqual(["count:plural", "sender:"]);
    expect(icuArguments("{count, plural, =0 {none} other {{count, number} items}}")).toEqual(["count:number", "count:plural"]);
    expect(icuArguments("Sent {when, date, ::yyyyMMMd} by <b>{who}</b>")).toEqual(["b:tag", "when:date", "who:"]);
    expect(icuArguments("{kind, select, draft {Draft} other {Message}}")).toEqual(["kind:select"]);
  });
  it("skips quoted braces", () => {
    expect(icuArguments("Type '{name}' literally")).toEqual([]);
    expect(icuArguments("It's {name}'s")).toEqual(["name:"]);
  });
  it("tells English and German apart when an argument is missing or renamed", () => {
    expect(icuArguments("{count, plural, one {# message} other {# messages}}")).not.toEqual(icuArguments("{n, plural, one {# Nachricht} other {# Nachrichten}}"));
    expect(icuArguments("From {sender}")).not.toEqual(icuArguments("Von"));
  });
  it("throws on unbalanced braces", () => {
    expect(() => icuArguments("Hello {name")).toThrow(/Expected , or }/);
    expect(() => icuArguments("{count, plural, other {# messages")).toThrow(/Unclosed/);
    expect(() => icuArguments("Hello name}")).toThrow(/Unmatched/);
    expect(() => icuArguments("{count, plural, one # message}")).toThrow(/Expected \{/);
  });
});
