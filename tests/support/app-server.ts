import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { mailServer } from "./mail-server";

const ROOT = process.cwd();
export const TEST_AUTH_SECRET = "test-secret-for-mailroom-e2e-0123456789abcdef";

export interface AppServer {
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a test app instance: the local mail servers, a test secret, the suite's database choice. */
export function testAppEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    ...mailServer().appEnv,
    MAILROOM_ALLOWED_DOMAINS: mailServer().domain,
    AUTH_SECRET: TEST_AUTH_SECRET,
    // Tests give each client its own address through X-Forwarded-For, as a proxy in front would.
    MAILROOM_TRUSTED_PROXIES: "127.0.0.1",
    DATABASE_URL: process.env.DATABASE_URL,
    ...overrides,
  };
}

/** Starts `next start` (the production build) on a free loopback port and waits until it answers. */
export async function startApp(env: Record<string, string | undefined> = testAppEnv()): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-app-"));
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: cleanEnv({ ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", MAILROOM_DATA_DIR: dataDir, PORT: String(port), ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child, () => output);
  return {
    url,
    port,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `next start` and resolves with its exit code and output, for start-up checks that must fail. */
export async function runAppExpectingExit(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-app-"));
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: cleanEnv({ ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", MAILROOM_DATA_DIR: dataDir, ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, timeoutMs);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  rmSync(dataDir, { recursive: true, force: true });
  return { code, output };
}

function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)) as NodeJS.ProcessEnv;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      // 503 is an answer too: the app is up, and says its IMAP server (or database) is not.
      const response = await fetch(`${url}/api/health`);
      if (response.ok || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`app did not answer within 90 s:\n${output()}`);
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
