"use client";

import { useState, useTransition } from "react";
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
}

/**
 * The HTML body in a sandboxed frame (no scripts, its own opaque origin), with the bar that says
 * remote content was blocked and lets the reader load it for this view or always for this sender.
 */
export function HtmlBody({ blockedSrc, remoteSrc, title, remoteContentBlocked, remoteAllowed, sender, height }: Props) {
  const [remote, setRemote] = useState(remoteAllowed);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const src = remote ? remoteSrc : blockedSrc;
  return (
    <div>
      {remoteContentBlocked && !remote ? (
        <div role="status" className="mb-3 flex print:hidden flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="min-w-0 flex-1">Remote content is blocked to protect your privacy. Images and styles from other sites were not loaded.</p>
          <button type="button" onClick={() => setRemote(true)} className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100">
            Load remote content
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
              Always from this sender
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="resize-y overflow-hidden rounded-lg border border-slate-200 bg-white" style={{ height }}>
        <iframe key={src} src={src} title={title} sandbox="allow-popups allow-popups-to-escape-sandbox" referrerPolicy="no-referrer" className="block h-full w-full" />
      </div>
    </div>
  );
}
