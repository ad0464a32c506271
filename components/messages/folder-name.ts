/** How a folder path reads on screen: "Inbox" for INBOX, else the (already decoded) path. */
export function folderDisplayName(path: string): string {
  return path.toUpperCase() === "INBOX" ? "Inbox" : path;
}
