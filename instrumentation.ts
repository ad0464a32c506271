/**
 * Runs once when a server instance starts: checks the configuration (refusing to start with a
 * message naming each bad variable) and applies database migrations before the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./lib/start-server");
  await startServer();
}
