/** Every keyboard shortcut, for the help sheet ("?"). Keys are written as they are pressed, one after another. */
export interface ShortcutGroup {
  title: string;
  shortcuts: { keys: string[]; does: string }[];
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: "Moving around",
    shortcuts: [
      { keys: ["j"], does: "Next message" },
      { keys: ["k"], does: "Previous message" },
      { keys: ["o"], does: "Open the message (Enter too)" },
      { keys: ["u"], does: "Back to the list" },
      { keys: ["g", "i"], does: "Go to Inbox" },
      { keys: ["g", "s"], does: "Go to starred messages" },
      { keys: ["/"], does: "Search mail" },
      { keys: ["Ctrl", "K"], does: "Command palette: jump to a folder or run a command (⌘K on a Mac)" },
      { keys: ["?"], does: "Show these shortcuts" },
    ],
  },
  {
    title: "Writing",
    shortcuts: [
      { keys: ["c"], does: "Compose" },
      { keys: ["r"], does: "Reply" },
      { keys: ["a"], does: "Reply all" },
      { keys: ["f"], does: "Forward" },
    ],
  },
  {
    title: "Messages",
    shortcuts: [
      { keys: ["e"], does: "Archive" },
      { keys: ["#"], does: "Delete" },
      { keys: ["s"], does: "Star or unstar" },
      { keys: ["Shift", "I"], does: "Mark as read" },
      { keys: ["Shift", "U"], does: "Mark as unread" },
      { keys: ["v"], does: "Move to…" },
      { keys: ["l"], does: "Copy to…" },
      { keys: ["!"], does: "Report junk" },
      { keys: ["x"], does: "Select the message" },
      { keys: ["*", "a"], does: "Select all messages on the page" },
      { keys: ["*", "n"], does: "Clear the selection" },
      { keys: ["z"], does: "Undo the last action" },
    ],
  },
];
