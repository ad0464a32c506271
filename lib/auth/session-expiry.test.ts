import { describe, expect, it } from "vitest";
import { isSessionExpired } from "./session-expiry";

const limits = { idleMinutes: 30, lifetimeHours: 24 };
const at = (iso: string) => new Date(iso);

describe("session expiry", () => {
  it("keeps a session used within the idle timeout", () => {
    expect(isSessionExpired({ createdAt: at("2026-01-01T08:00Z"), lastSeenAt: at("2026-01-01T09:00Z") }, limits, at("2026-01-01T09:29Z"))).toBe(false);
  });

  it("ends a session idle longer than the idle timeout", () => {
    expect(isSessionExpired({ createdAt: at("2026-01-01T08:00Z"), lastSeenAt: at("2026-01-01T09:00Z") }, limits, at("2026-01-01T09:31Z"))).toBe(true);
  });

  it("ends a busy session at its absolute lifetime", () => {
    expect(isSessionExpired({ createdAt: at("2026-01-01T08:00Z"), lastSeenAt: at("2026-01-02T08:05Z") }, limits, at("2026-01-02T08:06Z"))).toBe(true);
  });
});
