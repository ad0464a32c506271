"use client";

import { useFormatter, useTranslations } from "next-intl";
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
  const t = useTranslations("settings.sessions");
  const format = useFormatter();
  const deviceName = (agent: string | null) => {
    if (!agent) return t("unknownBrowser");
    const { browser, system } = describeAgent(agent);
    return system ? t("browserOnSystem", { browser: browser ?? t("browser"), system }) : (browser ?? t("browser"));
  };
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      <ul aria-label={t("title")} className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {sessions.map((item) => {
          const device = deviceName(item.userAgent);
          const current = item.rowId === currentRowId;
          return (
            <li key={item.rowId} className="flex items-center gap-4 p-4 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {device}
                  {current ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">{t("thisBrowser")}</span> : null}
                </p>
                <p className="text-slate-600">
                  {item.clientAddress
                    ? t("activityFrom", { signedIn: when(item.createdAt), lastActive: when(item.lastSeenAt), address: item.clientAddress })
                    : t("activity", { signedIn: when(item.createdAt), lastActive: when(item.lastSeenAt) })}
                </p>
              </div>
              {current ? null : (
                <button
                  type="button"
                  disabled={pending}
                  aria-label={t("signOutDevice", { device, signedIn: when(item.createdAt) })}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await runAction(() => revokeSessionAction({ rowId: item.rowId }));
                      setError(result.ok ? null : result.error);
                    })
                  }
                  className={buttonClass("secondary", "small")}
                >
                  {t("signOut")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The browser and system a user agent names (product names, the same in every language). */
function describeAgent(agent: string): { browser: string | null; system: string | null } {
  const browser = /Firefox\//.test(agent) ? "Firefox" : /Edg\//.test(agent) ? "Edge" : /Chrome\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : null;
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
            : null;
  return { browser, system };
}
