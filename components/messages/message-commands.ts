"use client";

/** An action the open list or message offers, for the command palette (which lists and runs them). */
export interface MessageCommand {
  id: string;
  label: string;
  /** The key that does the same, as shown to the reader. */
  shortcut: string;
  run: () => void;
}

let commands: MessageCommand[] = [];

/** The list or message page says what it can do now (and [] when it goes). */
export function setMessageCommands(next: MessageCommand[]) {
  commands = next;
}

/** What the open page can do with its messages: the focused row or selection in a list, the open message. */
export function messageCommands(): MessageCommand[] {
  return commands;
}
