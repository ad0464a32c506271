/** Whether an IMAP error says the folder does not exist (any more): the NONEXISTENT response code, or imapflow's NotFound. */
export function isMissingMailboxError(error: unknown): boolean {
  const candidate = error as { code?: string; serverResponseCode?: string } | null;
  return candidate?.serverResponseCode === "NONEXISTENT" || candidate?.code === "NotFound";
}
