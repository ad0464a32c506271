/** URL of a folder's message list. Folder paths may hold any character, so they are encoded as one segment. */
export function folderHref(path: string, page = 0): string {
  const base = `/mail/${encodeURIComponent(path)}`;
  return page > 0 ? `${base}?page=${page + 1}` : base;
}
