import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { promises as dnsPromises } from "node:dns";
import net from "node:net";
import os from "node:os";

/** A real DNS server for tests: Debian's dnsmasq on loopback, answering only from the zone it is given. */
export interface TestDnsZone {
  /** Domains answered only from this zone (anything else under them is NXDOMAIN). */
  localDomains: string[];
  txt?: [name: string, text: string][];
  mx?: [name: string, exchange: string, priority: number][];
  /** A name and its IPv4 and/or IPv6 addresses. */
  hosts?: [name: string, ...addresses: string[]][];
  /** An IPv4 address and its PTR name. */
  ptr?: [address: string, name: string][];
  cname?: [alias: string, target: string][];
}

export interface RunningDnsServer {
  /** `127.0.0.1:<port>`, as `createDnsLookup({ servers })` takes it. */
  server: string;
  stop(): Promise<void>;
}

export interface RunningDnsZoneServer extends RunningDnsServer {
  /** Serves another zone from the same address (dnsmasq restarted on the same port): "fix the zone". */
  replaceZone(zone: TestDnsZone): Promise<void>;
}

/** Installs dnsmasq-base (no service that starts itself) when `dnsmasq` is missing. */
export function ensureDnsmasq(): void {
  if (hasDnsmasq()) return;
  const asRoot = (args: string[]) =>
    process.getuid?.() === 0
      ? execFileSync(args[0] ?? "", args.slice(1), { stdio: "pipe", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } })
      : execFileSync("sudo", ["-n", "env", "DEBIAN_FRONTEND=noninteractive", ...args], { stdio: "pipe" });
  try {
    asRoot(["apt-get", "install", "-y", "-qq", "dnsmasq-base"]);
  } catch {
    asRoot(["apt-get", "update", "-qq"]);
    asRoot(["apt-get", "install", "-y", "-qq", "dnsmasq-base"]);
  }
  if (!hasDnsmasq()) throw new Error("dnsmasq is still missing after apt-get install dnsmasq-base");
}

function hasDnsmasq(): boolean {
  try {
    execFileSync("bash", ["-c", "command -v dnsmasq"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

export async function startDnsServer(zone: TestDnsZone): Promise<RunningDnsZoneServer> {
  ensureDnsmasq();
  const zoneArguments = dnsmasqZoneArguments(zone);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freeUdpPort();
    try {
      let running = await launch(port, zoneArguments, zone.localDomains[0] ?? "");
      return {
        server: running.server,
        stop: () => running.stop(),
        replaceZone: async (next) => {
          const nextArguments = dnsmasqZoneArguments(next);
          await running.stop();
          running = await launch(port, nextArguments, next.localDomains[0] ?? "");
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function dnsmasqZoneArguments(zone: TestDnsZone): string[] {
  const args = zone.localDomains.map((domain) => `--local=/${domain}/`);
  for (const [name, text] of zone.txt ?? []) {
    // dnsmasq splits --txt-record values on commas, with no way to escape one.
    if (text.includes(",")) throw new Error(`dnsmasq can't serve a TXT record with a comma: ${text}`);
    args.push(`--txt-record=${name},${text}`);
  }
  for (const [name, exchange, priority] of zone.mx ?? []) args.push(`--mx-host=${name},${exchange},${priority}`);
  for (const [name, ...addresses] of zone.hosts ?? []) args.push(`--host-record=${[name, ...addresses].join(",")}`);
  for (const [address, name] of zone.ptr ?? []) {
    if (!net.isIPv4(address)) throw new Error(`only IPv4 PTR records are supported here: ${address}`);
    args.push(`--ptr-record=${address.split(".").reverse().join(".")}.in-addr.arpa,${name}`);
  }
  for (const [alias, target] of zone.cname ?? []) args.push(`--cname=${alias},${target}`);
  return args;
}

async function launch(port: number, zoneArguments: string[], probeDomain: string): Promise<RunningDnsServer> {
  const base = [
    "--no-daemon",
    `--port=${port}`,
    "--listen-address=127.0.0.1",
    "--bind-interfaces",
    "--no-resolv",
    "--no-hosts",
    "--conf-file=/dev/null",
    "--pid-file=",
    "--cache-size=0",
  ];
  const identity = process.getuid?.() === 0 ? [] : [`--user=${os.userInfo().username}`, `--group=${execFileSync("id", ["-gn"], { encoding: "utf8" }).trim()}`];
  const child = spawn("dnsmasq", [...base, ...identity, ...zoneArguments], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`dnsmasq exited (${code}): ${stderr}`))));
  exited.catch(() => undefined);
  const server = `127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilAnswering(server, probeDomain), exited]);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { server, stop: () => stop(child) };
}

/** Ready when a query under the zone gets an answer (NXDOMAIN counts); a refused or silent port is not ready. */
async function waitUntilAnswering(server: string, domain: string): Promise<void> {
  const resolver = new dnsPromises.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([server]);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      await resolver.resolveTxt(`ready-probe.${domain}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOTFOUND" || code === "ENODATA") return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dnsmasq on ${server} didn't answer within 10 s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** A UDP port on loopback that receives queries and never answers: a resolver that times out. */
export async function startSilentDnsServer(): Promise<RunningDnsServer & { queries(): number }> {
  let count = 0;
  const socket = dgram.createSocket("udp4");
  socket.on("message", () => (count += 1));
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    queries: () => count,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
