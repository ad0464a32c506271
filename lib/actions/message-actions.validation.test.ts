import { describe, expect, it } from "vitest";
import { bulkMessageActionSchema, messageActionSchema } from "./message-actions.validation";

describe("message action input", () => {
  it("accepts messages by folder and UID, also across folders", () => {
    const parsed = messageActionSchema.parse({
      operation: "archive",
      targets: [
        { folder: `Kunden "Müller"`, uids: [1, 7] },
        { folder: "INBOX", uids: [3] },
      ],
    });
    expect(parsed.destination).toBeNull();
  });

  it("refuses bad folder names, UIDs and oversized selections", () => {
    const bad = [
      { operation: "archive", targets: [{ folder: "INBOX\r\nA1 DELETE INBOX", uids: [1] }] },
      { operation: "archive", targets: [{ folder: "INBOX\u0000", uids: [1] }] },
      { operation: "archive", targets: [{ folder: "x".repeat(1001), uids: [1] }] },
      { operation: "archive", targets: [{ folder: "INBOX", uids: [0] }] },
      { operation: "archive", targets: [{ folder: "INBOX", uids: [1.5] }] },
      { operation: "archive", targets: [{ folder: "INBOX", uids: [] }] },
      { operation: "archive", targets: [] },
      {
        operation: "archive",
        targets: [
          { folder: "A", uids: Array.from({ length: 600 }, (_, i) => i + 1) },
          { folder: "B", uids: Array.from({ length: 600 }, (_, i) => i + 1) },
        ],
      },
      { operation: "move", targets: [{ folder: "INBOX", uids: [1] }] },
      { operation: "move", destination: "Archive\n", targets: [{ folder: "INBOX", uids: [1] }] },
      { operation: "explode", targets: [{ folder: "INBOX", uids: [1] }] },
    ];
    let refused = 0;
    for (const input of bad) {
      expect(messageActionSchema.safeParse(input).success, JSON.stringify(input).slice(0, 80)).toBe(false);
      refused++;
    }
    expect(refused).toBe(bad.length);
  });

  it("describes a folder-wide selection by folder and search parameters, never UIDs", () => {
    expect(bulkMessageActionSchema.safeParse({ operation: "star", selection: { folder: "INBOX", search: [["q", "invoice"]] }, cursor: 0, upTo: null }).success).toBe(true);
    expect(bulkMessageActionSchema.safeParse({ operation: "star", selection: { folder: "INBOX", search: [["q", "a\r\nb"]] }, cursor: 0, upTo: null }).success).toBe(false);
    expect(bulkMessageActionSchema.safeParse({ operation: "star", selection: { folder: "INBOX", search: [] }, cursor: -1, upTo: null }).success).toBe(false);
  });
});
