import { describe, expect, it } from "vitest";
import { archivePathFor, matchSpecialFolder, type ListedFolder } from "./special-folders";

function folder(path: string, flags: string[] = [], delimiter = "/"): ListedFolder {
  return { path, delimiter, flags: new Set(flags) };
}

describe("matchSpecialFolder", () => {
  it("prefers the SPECIAL-USE attribute over a usual name", () => {
    const folders = [folder("INBOX"), folder("Trash"), folder("Papierkorb", ["\\Trash"])];
    expect(matchSpecialFolder(folders, "\\Trash")).toBe("Papierkorb");
  });

  it("compares special-use attributes without case", () => {
    const folders = [folder("INBOX"), folder("Rubbish", ["\\trash"]), folder("Old", ["\\ARCHIVE"]), folder("Bulk", ["\\junk"])];
    expect(matchSpecialFolder(folders, "\\Trash")).toBe("Rubbish");
    expect(matchSpecialFolder(folders, "\\Archive")).toBe("Old");
    expect(matchSpecialFolder(folders, "\\Junk")).toBe("Bulk");
  });

  it("finds folders by their usual names without SPECIAL-USE", () => {
    const cases: [string, Parameters<typeof matchSpecialFolder>[1]][] = [
      ["Archive", "\\Archive"],
      ["Archives", "\\Archive"],
      ["Trash", "\\Trash"],
      ["Deleted Items", "\\Trash"],
      ["Deleted Messages", "\\Trash"],
      ["Bin", "\\Trash"],
      ["Junk", "\\Junk"],
      ["Spam", "\\Junk"],
      ["Junk E-mail", "\\Junk"],
      ["Sent Items", "\\Sent"],
      ["Drafts", "\\Drafts"],
    ];
    let seen = 0;
    for (const [name, use] of cases) {
      expect(matchSpecialFolder([folder("INBOX"), folder("Projects"), folder(name.toUpperCase())], use)).toBe(name.toUpperCase());
      seen++;
    }
    expect(seen).toBe(cases.length);
  });

  it("finds them under an INBOX. prefix with the server's delimiter", () => {
    const folders = [folder("INBOX", [], "."), folder("INBOX.Projects", [], "."), folder("INBOX.Spam", [], "."), folder("INBOX.Deleted Items", [], ".")];
    expect(matchSpecialFolder(folders, "\\Junk")).toBe("INBOX.Spam");
    expect(matchSpecialFolder(folders, "\\Trash")).toBe("INBOX.Deleted Items");
    expect(matchSpecialFolder(folders, "\\Archive")).toBeNull();
  });

  it("ignores look-alike names deeper in the tree and folders that can't hold mail", () => {
    const folders = [folder("INBOX"), folder("Clients/Trash"), folder("Archive", ["\\Noselect"])];
    expect(matchSpecialFolder(folders, "\\Trash")).toBeNull();
    expect(matchSpecialFolder(folders, "\\Archive")).toBeNull();
  });
});

describe("archivePathFor", () => {
  it("puts a new Archive at the top, or under INBOX when every folder lives there", () => {
    expect(
      archivePathFor([
        { path: "INBOX", delimiter: "/" },
        { path: "Sent", delimiter: "/" },
      ]),
    ).toBe("Archive");
    expect(
      archivePathFor([
        { path: "INBOX", delimiter: "." },
        { path: "INBOX.Sent", delimiter: "." },
      ]),
    ).toBe("INBOX.Archive");
  });
});
