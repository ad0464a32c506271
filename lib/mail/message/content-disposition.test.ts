import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name (RFC 6266)", () => {
    expect(contentDisposition("attachment", "résumé 2024.pdf")).toBe(`attachment; filename="resume 2024.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%202024.pdf`);
  });
  it("cannot inject header syntax or paths", () => {
    const header = contentDisposition("inline", 'a";\r\nSet-Cookie: x=1; b/../c\\d.png');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^inline; filename="a_?_ ?Set-Cookie: x=1_ b\.\.cd\.png"; filename\*=UTF-8''/);
  });
});
