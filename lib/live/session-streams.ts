/**
 * The live-update streams open in this instance, by session (its database id), so that a session
 * ended anywhere closes its streams here at once instead of at their next heartbeat.
 */

// One registry per server process, kept on globalThis so that dev-mode module reloads reuse it.
const holder = globalThis as { __mailroomSessionStreams?: Map<string, Set<() => void>> };

function streams(): Map<string, Set<() => void>> {
  holder.__mailroomSessionStreams ??= new Map();
  return holder.__mailroomSessionStreams;
}

/** Registers a stream's `end`, called if its session ends; the returned function unregisters it. */
export function onSessionEnded(sessionRowId: string, end: () => void): () => void {
  const registry = streams();
  const ends = registry.get(sessionRowId) ?? new Set();
  ends.add(end);
  registry.set(sessionRowId, ends);
  return () => {
    ends.delete(end);
    if (ends.size === 0 && registry.get(sessionRowId) === ends) registry.delete(sessionRowId);
  };
}

/** Ends every stream of the session in this instance; returns how many there were. */
export function endSessionStreams(sessionRowId: string): number {
  const ends = streams().get(sessionRowId);
  if (!ends) return 0;
  streams().delete(sessionRowId);
  for (const end of ends) end();
  return ends.size;
}
