"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useThemePreference } from "@/components/app-shell/theme-preference";
import { alwaysLoadRemoteContentAction } from "@/lib/actions/remote-content";

interface Props {
  /** The frame document's URL without and with remote content. */
  blockedSrc: string;
  remoteSrc: string;
  title: string;
  remoteContentBlocked: boolean;
  /** Remote content already allowed (the sender is on the user's list). */
  remoteAllowed: boolean;
  sender: string | null;
  /** Height to start with, estimated on the server from the content (the frame runs no script to measure itself). */
  height: number;
  /** The author coloured the mail: it stays on a light card unless the reader asks for it dark. */
  ownColours: boolean;
}

// The server's height estimate assumes lines about this wide; a narrower frame wraps into more lines.
const ESTIMATE_WIDTH = 700;

/**
 * The HTML body in a sandboxed frame (no scripts, its own opaque origin), with the bar that says
 * remote content was blocked and lets the reader load it for this view or always for this sender.
 */
export function HtmlBody({ blockedSrc, remoteSrc, title, remoteContentBlocked, remoteAllowed, sender, height, ownColours }: Props) {
  const theme = useThemePreference();
  const t = useTranslations("messageView");
  const [remote, setRemote] = useState(remoteAllowed);
  const [viewInDark, setViewInDark] = useState(false);
  // The frame can't report its content's height (no script, no shared origin): the estimate grows as the frame narrows.
  const box = useRef<HTMLDivElement>(null);
  const [narrowing, setNarrowing] = useState(1);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (width > 0) setNarrowing(Math.min(2, Math.max(1, ESTIMATE_WIDTH / width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Mail without colours of its own follows the page; coloured mail stays light unless inverted on request.
  const frameTheme = ownColours ? (viewInDark ? "invert" : "light") : theme;
  const lightCard = frameTheme === "light";
  const src = `${remote ? remoteSrc : blockedSrc}&theme=${frameTheme}`;
  return (
    <div>
      {remoteContentBlocked && !remote ? (
        <div role="status" className="mb-3 flex print:hidden flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="min-w-0 flex-1">{t("remote.blocked")}</p>
          <button type="button" onClick={() => setRemote(true)} className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100">
            {t("remote.load")}
          </button>
          {sender ? (
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await alwaysLoadRemoteContentAction({ sender });
                  if (result.ok) {
                    setError(null);
                    setRemote(true);
                  } else {
                    setError(result.error);
                  }
                })
              }
              className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100 disabled:opacity-60"
            >
              {t("remote.always")}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {ownColours ? (
        // Only where the page is dark (the dark variant also follows the device for "System").
        <div className="mb-2 hidden justify-end dark:flex print:hidden">
          <button
            type="button"
            aria-pressed={viewInDark}
            onClick={() => setViewInDark((on) => !on)}
            className="min-h-11 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:min-h-0 sm:py-1"
          >
            {t("viewInDark")}
          </button>
        </div>
      ) : null}
      <div
        ref={box}
        className={`relative resize-y overflow-hidden rounded-lg border border-slate-200 ${lightCard ? "bg-[#fff]" : "bg-white"}`}
        style={{ height: Math.round(height * narrowing) }}
      >
        {/* Shows until the frame's document paints over it (its page has a background of its own). */}
        <div aria-hidden="true" className={`absolute inset-0 flex items-start justify-center p-6 text-sm ${lightCard ? "text-[#475569]" : "text-slate-600"}`}>
          Loading message…
        </div>
        <iframe key={src} src={src} title={title} sandbox="allow-popups allow-popups-to-escape-sandbox" referrerPolicy="no-referrer" className="relative block h-full w-full" />
      </div>
    </div>
  );
}
