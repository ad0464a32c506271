import { describe, expect, it, vi } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { catchUnexpected, describeErrorForLog } from "./unexpected-failure";

const unexpected = (await catalogueTranslator("errors"))("unexpected");

describe("catchUnexpected", () => {
  it("passes the handler's own result through", async () => {
    await expect(catchUnexpected(async () => ({ ok: true, data: 1 }), { unexpected })).resolves.toEqual({ ok: true, data: 1 });
    const expected = { ok: false as const, code: "invalid" as const, error: "Fix it." };
    await expect(catchUnexpected(async () => expected, { unexpected })).resolves.toBe(expected);
  });

  it("turns a handler that throws into a typed failure and logs it on the server", async () => {
    const log = vi.fn();
    const result = await catchUnexpected(
      async () => {
        throw Object.assign(new Error("connection reset by the database"), { code: "ECONNRESET" });
      },
      { log, unexpected },
    );
    expect(result).toEqual({ ok: false, code: "failed", error: "Something went wrong. Please try again in a moment." });
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(/Error \(ECONNRESET\): connection reset by the database/);
  });

  it("lets framework control flow through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/sign-in;307;" });
    const rethrow = (error: unknown) => {
      if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) throw error;
    };
    await expect(catchUnexpected(() => Promise.reject(redirect), { rethrow, log: vi.fn(), unexpected })).rejects.toBe(redirect);
  });
});

describe("describeErrorForLog", () => {
  it("leaves out query parameters, which may hold sealed secrets", () => {
    const error = new Error('Failed query: insert into "smtp_relays" values ($1, $2)\nparams: user-1,v1.c2VhbGVk');
    const line = describeErrorForLog(error);
    expect(line).toContain('Failed query: insert into "smtp_relays"');
    expect(line).not.toContain("v1.c2VhbGVk");
  });

  it("names a cause and a thrown non-error without its value", () => {
    expect(describeErrorForLog(new Error("outer", { cause: new TypeError("inner") }))).toMatch(/outer[\s\S]*caused by TypeError: inner/);
    expect(describeErrorForLog("hunter2")).toBe("a thrown string");
  });
});
