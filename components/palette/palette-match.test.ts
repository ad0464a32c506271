import { describe, expect, it } from "vitest";
import { matchCommands, type PaletteCommand } from "./palette-match";

const command = (label: string, group = "Go to folder", keywords?: string): PaletteCommand => ({ id: label, label, group, keywords, run: () => undefined });
const commands = [
  command("Inbox"),
  command("Réunions 2026"),
  command("Projects / Budget"),
  command("Compose", "Commands", "new message write"),
  command("Settings: Folders", "Go to"),
];

const labels = (query: string) => matchCommands(commands, query).map((found) => found.label);

describe("command palette matching", () => {
  it("finds by any part of the name, without case or accents", () => {
    expect(labels("reun")).toEqual(["Réunions 2026"]);
    expect(labels("RÉUNIONS")).toEqual(["Réunions 2026"]);
    expect(labels("budg")).toEqual(["Projects / Budget"]);
  });

  it("needs every word, in any order, from the label, group or keywords", () => {
    expect(labels("fold settings")).toEqual(["Settings: Folders"]);
    expect(labels("write")).toEqual(["Compose"]);
    expect(labels("inbox nothing")).toEqual([]);
  });

  it("lists everything for an empty query", () => {
    expect(labels("  ")).toHaveLength(commands.length);
  });
});
