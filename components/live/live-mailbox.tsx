"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

interface MailboxEvent {
  folder: string;
  exists: number;
  arrived: number;
}

/**
 * Listens to /api/events for the open folder and refreshes the page (list, folder counts, tab
 * title) when its mail changes; shows a desktop notification for new mail if allowed.
 */
export function LiveMailbox({ folder, name }: { folder: string; name: string }) {
  const router = useRouter();
  const t = useTranslations("live");
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("unsupported");
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  // What screen readers hear when mail arrives (the list itself refreshes silently).
  const [arrival, setArrival] = useState(0);
  // The translator for notifications, without restarting the stream when it changes.
  const words = useRef(t);
  useEffect(() => {
    words.current = t;
  });
  const opened = useRef(0);

  useEffect(() => {
    setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  }, []);

  useEffect(() => {
    setLive(false);
    const source = new EventSource(`/api/events?folder=${encodeURIComponent(folder)}`);
    source.addEventListener("ready", () => {
      setUnavailable(null);
      setLive(true);
      // A reconnect (server restart, network drop) may have missed changes: catch up once.
      if (opened.current++ > 0) router.refresh();
    });
    source.addEventListener("error", () => setLive(false));
    source.addEventListener("unavailable", (event) => {
      setUnavailable((JSON.parse((event as MessageEvent<string>).data) as { message: string }).message);
    });
    source.addEventListener("mailbox", (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as MailboxEvent;
      router.refresh();
      if (change.arrived > 0) setArrival(change.arrived);
      if (change.arrived > 0 && typeof Notification !== "undefined" && Notification.permission === "granted" && document.hidden) {
        new Notification(words.current("newMail", { count: change.arrived, folder: name }), { tag: `mailroom-${folder}` });
      }
    });
    return () => {
      source.close();
      opened.current = 0;
    };
  }, [folder, name, router]);

  return (
    <div className="flex items-center gap-3 border-b border-slate-100 bg-slate-50 px-4 py-1 text-xs text-slate-600">
      <p role="status">{unavailable ?? (live ? t("on") : t("connecting"))}</p>
      <p role="status" className="sr-only">
        {arrival > 0 ? t("newMail", { count: arrival, folder: name }) : null}
      </p>
      {permission === "default" ? (
        <button
          type="button"
          onClick={async () => setPermission(await Notification.requestPermission())}
          className="min-h-11 rounded-md px-2 py-0.5 text-sky-700 underline hover:bg-slate-100 md:min-h-6"
        >
          {t("enableNotifications")}
        </button>
      ) : null}
    </div>
  );
}
