export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionLimits {
  idleMinutes: number;
  lifetimeHours: number;
}

/** A session ends when unused for the idle timeout, or at its absolute lifetime however busy it is. */
export function isSessionExpired(session: SessionTimes, limits: SessionLimits, now: Date = new Date()): boolean {
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  const age = now.getTime() - session.createdAt.getTime();
  return idleFor > limits.idleMinutes * 60_000 || age > limits.lifetimeHours * 3_600_000;
}
