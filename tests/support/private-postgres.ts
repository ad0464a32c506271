import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePort } from "./app-server";

/**
 * A PostgreSQL cluster of a test's own (Debian's binaries, a temporary data directory, a free port
 * on 127.0.0.1, trust authentication), so a test can stop and start it. The machine's PostgreSQL
 * on 5432 is never touched. Runs as the `postgres` OS user when the test runs as root.
 */
export interface PrivatePostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

const WAIT_MS = 30_000;

function binary(name: string): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => path.join(root, version, "bin", name)).find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no ${name} under ${root}: install Debian's postgresql package`);
  return found;
}

/** Runs a PostgreSQL program as the postgres user (PostgreSQL refuses to run as root). */
function asPostgres(program: string, args: string[]): { command: string; args: string[] } {
  return process.getuid?.() === 0 ? { command: "runuser", args: ["-u", "postgres", "--", program, ...args] } : { command: program, args };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  // Short: the unix socket lives here too.
  const dir = mkdtempSync("/tmp/mrpg-");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const init = asPostgres(binary("initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C"]);
  execFileSync(init.command, init.args, { stdio: "ignore" });
  const port = await freePort();
  let server: ChildProcess | undefined;

  const start = async () => {
    const run = asPostgres(binary("postgres"), ["-D", data, "-k", dir, "-h", "127.0.0.1", "-p", String(port), "-c", "fsync=off", "-c", "max_connections=50"]);
    server = spawn(run.command, run.args, { stdio: "ignore" });
    await waitFor(() => accepts(port), "private PostgreSQL did not start");
    // Accepting is not yet ready: wait until it answers as a server that is up.
    await waitFor(() => {
      const ready = asPostgres(binary("pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres"]);
      try {
        execFileSync(ready.command, ready.args, { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    }, "private PostgreSQL did not become ready");
  };
  const stop = async () => {
    const running = server;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    // Fast shutdown (SIGINT to the postmaster, named in its pid file): open sessions are
    // terminated, as in a restart.
    process.kill(Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]), "SIGINT");
    await exited;
    await waitFor(async () => !(await accepts(port)), "private PostgreSQL did not stop");
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, failure: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
