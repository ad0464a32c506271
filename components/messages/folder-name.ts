/** How a folder path reads on screen: the Inbox by its name in the reader's language (`inboxName`), else the (already decoded) path. */
export function folderDisplayName(path: string, inboxName: string): string {
  return path.toUpperCase() === "INBOX" ? inboxName : path;
}
