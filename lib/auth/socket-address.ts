import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { SOCKET_ADDRESS_HEADER } from "./client-address";

const holder = globalThis as { __mailroomSocketAddresses?: boolean };

/**
 * Writes each request's socket peer into SOCKET_ADDRESS_HEADER, overwriting whatever the client
 * sent under that name, so route handlers and server actions can tell the real peer from an
 * X-Forwarded-For the client made up (Next.js exposes no socket to them). Node publishes
 * "http.server.request.start" synchronously for every HTTP(S) request, before the server's
 * 'request' listener (Next.js) runs. Called once at start-up, before the first request.
 */
export function recordSocketAddresses(): void {
  if (holder.__mailroomSocketAddresses) return;
  holder.__mailroomSocketAddresses = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
}
