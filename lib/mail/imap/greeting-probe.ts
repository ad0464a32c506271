import net from "node:net";
import tls from "node:tls";
import type { ImapServer } from "./connect";

/**
 * Whether the IMAP server answers: connects (with TLS and a verified certificate when the server
 * uses implicit TLS) and waits for its greeting, without logging in. True on `* OK` or
 * `* PREAUTH`; false on `* BYE`, a refused or failed connection, a bad certificate, or no greeting
 * within `timeoutMs`. The connection is closed either way.
 */
export function probeImapGreeting(server: ImapServer, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket =
      server.security === "tls"
        ? tls.connect({
            host: server.host,
            port: server.port,
            servername: net.isIP(server.host) ? undefined : server.host,
            ca: server.ca ? [server.ca] : undefined,
            rejectUnauthorized: true,
            minVersion: "TLSv1.2",
          })
        : net.connect({ host: server.host, port: server.port });
    let received = "";
    let settled = false;
    const finish = (reachable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reachable);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding("latin1");
    socket.on("error", () => finish(false));
    socket.on("close", () => finish(false));
    socket.on("data", (chunk: string) => {
      // A greeting is one short line; anything else this long is not an IMAP server.
      received += chunk;
      const end = received.indexOf("\n");
      if (end === -1) {
        if (received.length > 4096) finish(false);
        return;
      }
      finish(/^\* (OK|PREAUTH)\b/i.test(received.slice(0, end)));
    });
  });
}
