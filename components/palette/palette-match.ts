/** One thing the command palette can do. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** Heading it is listed under ("Messages", "Go to folder"). */
  group: string;
  /** More words it is found by. */
  keywords?: string;
  run: () => void;
}

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
