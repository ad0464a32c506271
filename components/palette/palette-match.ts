import type { PaletteCommand } from "./palette-commands";

/** Lower case without accents, so "reunions" finds "Réunions". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Commands whose label, group or keywords hold every word typed, in any order; all of them for an empty query. */
export function matchCommands(commands: PaletteCommand[], query: string): PaletteCommand[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const text = fold(`${command.label} ${command.group} ${command.keywords ?? ""}`);
    return words.every((word) => text.includes(word));
  });
}
