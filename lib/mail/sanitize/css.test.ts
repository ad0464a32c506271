import { describe, expect, it } from "vitest";
import { sanitizeCss } from "./css";

const policy = (allowRemote: boolean) => {
  const state = { blocked: 0 };
  return { state, policy: { allowRemote, resolveCid: () => undefined, onRemoteBlocked: () => void state.blocked++ } };
};

describe("sanitizeCss", () => {
  it("cannot be fooled by escapes, comments or unclosed url(", () => {
    const { state, policy: p } = policy(false);
    const out = sanitizeCss("a{background:\\75 rl(https://e.example/1)} b{background:u/**/rl(x)} c{background:url(https://e.example/2", p);
    expect(out).not.toMatch(/e\.example/);
    expect(out).not.toContain("\\");
    expect(state.blocked).toBe(2);
  });
  it("keeps remote urls when allowed, quoted safely", () => {
    const { policy: p } = policy(true);
    expect(sanitizeCss("a{background:url('https://e.example/a b.png')}", p)).toBe('a{background:url("https://e.example/a%20b.png")}');
  });
});
