"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useThemePreference } from "@/components/app-shell/theme-preference";
import { alwaysLoadRemoteContentAction } from "@/lib/actions/remote-content";
import { BODY_FRAME_ATTRIBUTE, bodyFrameLoaded } from "./body-frames";

interface Props {
  /** The frame document's URL without and with remote content. */
  blockedSrc: string;
  remoteSrc: string;
  title: string;
  remoteContentBlocked: boolean;
  /** Remote content already allowed (the sender is on the user's list). */
  remoteAllowed: boolean;
  sender: string | null;
  /** Height estimated on the server: the frame's height until its document is measured, and wherever it can't be. */
  height: number;
  /** The author coloured the mail: it stays on a light card unless the reader asks for it dark. */
  ownColours: boolean;
  /** Folded in a closed `<details>` (a conversation): the frame is made, and loads, when it opens. */
  folded?: boolean;
}

/**
 * Sizes the frame to its document's full height, so the page scrolls and not a box inside it (a wide
 * message still scrolls sideways inside, with room for that scrollbar). The app measures: the frame
 * runs no script, but shares the app's origin (see SECURITY.md). Returns the height, or null when
 * the document can't be reached.
 */
function fitToContent(frame: HTMLIFrameElement, box: HTMLElement): number | null {
  const view = frame.contentWindow;
  const root = frame.contentDocument?.documentElement;
  if (!view || !root) return null;
  // The box holds the page's height while the frame collapses to be measured: the page keeps its scroll position.
  box.style.minHeight = `${box.offsetHeight}px`;
  // Collapsed, the frame's document reports all of its content; no vertical scrollbar narrows it meanwhile.
  const overflowY = root.style.overflowY;
  root.style.overflowY = "hidden";
  frame.style.height = "0px";
  const content = root.scrollHeight;
  frame.style.height = `${content}px`;
  const height = content + view.innerHeight - root.clientHeight;
  root.style.overflowY = overflowY;
  frame.style.height = `${height}px`;
  box.style.minHeight = "";
  return height;
}

/** The frame's document once it has loaded (perhaps before this page's script ran), or null. */
function loadedDocument(frame: HTMLIFrameElement): Document | null {
  const document = frame.contentDocument;
  return document && bodyFrameLoaded(frame) ? document : null;
}

/**
 * The HTML body in a sandboxed frame (no scripts), as tall as its content, with a placeholder until
 * it has loaded, and the bar that says remote content was blocked and lets the reader load it for
 * this view or always for this sender.
 */
export function HtmlBody({ blockedSrc, remoteSrc, title, remoteContentBlocked, remoteAllowed, sender, height, ownColours, folded = false }: Props) {
  const theme = useThemePreference();
  const tFrame = useTranslations("frame");
  const t = useTranslations("messageView");
  const [remote, setRemote] = useState(remoteAllowed);
  const [viewInDark, setViewInDark] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Mail without colours of its own follows the page; coloured mail stays light unless inverted on request.
  const frameTheme = ownColours ? (viewInDark ? "invert" : "light") : theme;
  const lightCard = frameTheme === "light";
  const src = `${remote ? remoteSrc : blockedSrc}&theme=${frameTheme}`;
  const box = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  const [loadedSrc, setLoadedSrc] = useState<string | null>(null);
  const [unfolded, setUnfolded] = useState(!folded);
  useEffect(() => {
    if (unfolded) return;
    const details = box.current?.closest("details");
    const follow = () => {
      if (!details || details.open) setUnfolded(true);
    };
    details?.addEventListener("toggle", follow);
    follow();
    return () => details?.removeEventListener("toggle", follow);
  }, [unfolded]);
  useEffect(() => {
    const element = frame.current;
    const container = box.current;
    if (!element || !container) return;
    // Follows the content as it changes: images arriving, the window's width, the device turning.
    let observer: ResizeObserver | null = null;
    const fit = () => {
      const height = fitToContent(element, container);
      if (height !== null) setMeasured(height);
    };
    const follow = (document: Document) => {
      observer?.disconnect();
      observer = new ResizeObserver(fit);
      observer.observe(document.documentElement);
      if (document.body) observer.observe(document.body);
    };
    const loaded = () => {
      setLoadedSrc(src);
      const document = element.contentDocument;
      if (document) follow(document);
    };
    element.addEventListener("load", loaded);
    const early = loadedDocument(element);
    if (early) {
      setLoadedSrc(src);
      follow(early);
    } else if (element.contentDocument === null) {
      // Its document arrived before this script ran, with an origin of its own (not measurable):
      // while a frame is still loading, its initial about:blank document is reachable.
      setLoadedSrc(src);
    }
    return () => {
      element.removeEventListener("load", loaded);
      observer?.disconnect();
    };
  }, [src, unfolded]);
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
      <div ref={box} className={`relative overflow-hidden rounded-lg border border-slate-200 ${lightCard ? "bg-[#fff]" : "bg-white"}`}>
        {loadedSrc === src ? null : (
          <div role="status" aria-busy="true" aria-label={tFrame("loading")} className={`absolute inset-0 z-10 space-y-3 p-4 ${lightCard ? "bg-[#fff]" : "bg-white"}`}>
            {["w-3/4", "w-full", "w-5/6"].map((width) => (
              <div key={width} className={`h-4 ${width} animate-pulse rounded ${lightCard ? "bg-[#e2e8f0]" : "bg-slate-200/70"}`} />
            ))}
          </div>
        )}
        {/* Same origin so that the app can measure it; without allow-scripts nothing in it runs (SECURITY.md).
            Lazy: where a message streams in behind a Suspense boundary (the print page), React puts it in a
            hidden <div> and then moves it into place, and an eager frame would load twice (a moved iframe
            reloads); a lazy one waits until it is shown. The message page has no such boundary. */}
        {unfolded ? (
          <iframe
            key={src}
            ref={frame}
            {...{ [BODY_FRAME_ATTRIBUTE]: "" }}
            src={src}
            loading="lazy"
            title={title}
            sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            className="block w-full"
            style={{ height: measured ?? height }}
          />
        ) : null}
      </div>
    </div>
  );
}
