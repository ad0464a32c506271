"use client";

import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { revokeSessionAction } from "@/lib/actions/sessions";

export interface SessionItem {
  rowId: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  clientAddress: string | null;
}

export function SessionList({ sessions, currentRowId }: { sessions: SessionItem[]; currentRowId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      <ul aria-label="Signed-in devices" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {sessions.map((item) => {
          const device = describeAgent(item.userAgent);
          const current = item.rowId === currentRowId;
          return (
            <li key={item.rowId} className="flex items-center gap-4 p-4 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {device}
                  {current ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">This browser</span> : null}
                </p>
                <p className="text-slate-600" suppressHydrationWarning>
                  Signed in {new Date(item.createdAt).toLocaleString()} · last active {new Date(item.lastSeenAt).toLocaleString()}
                  {item.clientAddress ? ` · from ${item.clientAddress}` : ""}
                </p>
              </div>
              {current ? null : (
                <button
                  type="button"
                  disabled={pending}
                  aria-label={`Sign out ${device}, signed in ${new Date(item.createdAt).toLocaleString()}`}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await runAction(() => revokeSessionAction({ rowId: item.rowId }));
                      setError(result.ok ? null : result.error);
                    })
                  }
                  className={buttonClass("secondary", "small")}
                >
                  Sign out
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function describeAgent(agent: string | null): string {
  if (!agent) return "Unknown browser";
  const browser = /Firefox\//.test(agent) ? "Firefox" : /Edg\//.test(agent) ? "Edge" : /Chrome\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : "Browser";
  const system = /Windows/.test(agent)
    ? "Windows"
    : /Mac OS X/.test(agent)
      ? "macOS"
      : /Android/.test(agent)
        ? "Android"
        : /iPhone|iPad/.test(agent)
          ? "iOS"
          : /Linux/.test(agent)
            ? "Linux"
            : "";
  return system ? `${browser} on ${system}` : browser;
}
