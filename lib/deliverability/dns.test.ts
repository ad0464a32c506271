import { describe, expect, it } from "vitest";
import { failureKind, isLookupInconclusive } from "./dns";

describe("failure kinds", () => {
  it("maps Node's codes, and only timeouts and errors are inconclusive", () => {
    expect(["ENOTFOUND", "ENODATA", "ETIMEOUT", "ESERVFAIL", "EREFUSED"].map(failureKind)).toEqual(["nxdomain", "nodata", "timeout", "servfail", "error"]);
    expect((["nxdomain", "nodata", "timeout", "servfail", "error"] as const).map(isLookupInconclusive)).toEqual([false, false, true, true, true]);
  });
});
