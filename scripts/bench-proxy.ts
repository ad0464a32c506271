/**
 * A small round-robin TCP proxy on 127.0.0.1 for `npm run bench -- --load N --instances 2`: each new
 * client connection goes to the next app instance, as a load balancer's round robin does. It
 * forwards bytes only (no HTTP parsing), so a kept-alive connection stays with its instance.
 */
import net from "node:net";

export interface RoundRobinProxy {
  url: string;
  /** Connections handed to each backend port so far. */
  connectionsPerBackend(): Record<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backendPorts: number[]): Promise<RoundRobinProxy> {
  if (backendPorts.length === 0) throw new Error("the proxy needs at least one backend");
  let next = 0;
  const handed = new Map<number, number>(backendPorts.map((port) => [port, 0]));
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const port = backendPorts[next++ % backendPorts.length]!;
    handed.set(port, (handed.get(port) ?? 0) + 1);
    const backend = net.connect({ host: "127.0.0.1", port });
    for (const socket of [client, backend]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {
        client.destroy();
        backend.destroy();
      });
    }
    client.pipe(backend);
    backend.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connectionsPerBackend: () => Object.fromEntries(handed),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
