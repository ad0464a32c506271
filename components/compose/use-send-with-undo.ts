"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { runAction, SERVER_UNREACHABLE } from "@/components/run-action";
import { sendMessageAction, sendResultAction, undoSendAction, type SendProgress } from "@/lib/actions/compose";
import type { ActionResult } from "@/lib/actions/result";
import type { SendStatus } from "@/lib/db/pending-sends";

/** idle: being written; saving: the draft is saved first; countdown: undo is possible; sending; sent. */
export type SendPhase = "idle" | "saving" | "countdown" | "sending" | "sent";

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

export interface SendWithUndoOptions {
  messageId: string;
  /** Names the message in a notice if it fails after this page is gone. */
  subject: () => string;
  /** Saves the latest content as the draft that is sent. */
  saveDraft: () => Promise<ActionResult<unknown>>;
  /** The uploads the message uses, removed once it is sent. */
  uploadIds: () => string[];
  /** Shows why it did not go; the composer keeps everything the writer wrote. */
  onFailure: (failure: ActionFailure) => void;
  /** Where this draft's last Send stands, as the server knew it when the page was made (reload, another tab). */
  initial?: SendStatus | null;
}

export interface SendWithUndo {
  phase: SendPhase;
  secondsLeft: number;
  /** After sending: whether the copy in Sent was saved. */
  sentCopySaved: boolean;
  send(): Promise<void>;
  undo(): Promise<void>;
}

const RESULT_RETRIES = 5;
const RESULT_RETRY_MS = 2_000;

/**
 * Sending as the composer does it: save the draft, then ask the server to send it at the end of
 * the user's undo delay. The server keeps the delay: the countdown shown here is the server's, the
 * message goes out even if this page is closed, and Undo (here or in any other tab) cancels it
 * until the server has started sending.
 */
export function useSendWithUndo(options: SendWithUndoOptions): SendWithUndo {
  const t = useTranslations("compose");
  const [phase, setPhase] = useState<SendPhase>(options.initial?.state === "sent" ? "sent" : "idle");
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sentCopySaved, setSentCopySaved] = useState(options.initial?.sentCopySaved ?? true);
  const latest = useRef(options);
  const dueTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const countdownTimer = useRef<ReturnType<typeof setInterval>>(undefined);
  const undoing = useRef(false);
  useEffect(() => {
    latest.current = options;
  });

  function stopTimers() {
    clearTimeout(dueTimer.current);
    clearInterval(countdownTimer.current);
  }

  function fail(failure: ActionFailure) {
    stopTimers();
    setPhase("idle");
    latest.current.onFailure(failure);
  }

  function follow(result: ActionResult<SendProgress>) {
    if (!result.ok) return fail(result);
    const progress = result.data;
    if (progress.state === "sent") {
      stopTimers();
      setSentCopySaved(progress.sentCopySaved);
      setPhase("sent");
    } else if (progress.state === "cancelled") {
      fail({ ok: false, code: "failed", error: t("undoneElsewhere") });
    } else if (progress.state === "pending" && progress.msLeft > 0) {
      countDown(progress.msLeft);
    } else {
      void awaitResult();
    }
  }

  function countDown(msLeft: number) {
    stopTimers();
    const due = Date.now() + msLeft;
    const tick = () => setSecondsLeft(Math.max(0, Math.ceil((due - Date.now()) / 1_000)));
    setPhase("countdown");
    tick();
    countdownTimer.current = setInterval(tick, 250);
    dueTimer.current = setTimeout(() => void awaitResult(), msLeft);
  }

  async function awaitResult() {
    stopTimers();
    setPhase("sending");
    // The server sends whether or not this page hears back: ask again through a short outage
    // rather than offer the message for editing while it may be going out.
    let result = await runAction(() => sendResultAction({ messageId: latest.current.messageId }));
    for (let retry = 0; result === SERVER_UNREACHABLE && retry < RESULT_RETRIES; retry++) {
      await new Promise((resolve) => setTimeout(resolve, RESULT_RETRY_MS));
      result = await runAction(() => sendResultAction({ messageId: latest.current.messageId }));
    }
    follow(result);
  }

  // A page opened while this draft's send was pending picks up the server's countdown.
  useEffect(() => {
    const initial = latest.current.initial;
    if (initial?.state === "pending") countDown(initial.msLeft);
    else if (initial?.state === "sending") void awaitResult();
    else if (initial?.state === "failed") latest.current.onFailure({ ok: false, code: "failed", error: initial.error ?? t("notSent") });
    return stopTimers;
    // Once, on mount: later changes come from this page's own actions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function send() {
    setPhase("saving");
    const saved = await latest.current.saveDraft();
    if (!saved.ok) return fail(saved);
    const { messageId, uploadIds, subject } = latest.current;
    follow(await runAction(() => sendMessageAction({ messageId, attachmentIds: uploadIds(), subject: subject() })));
  }

  async function undo() {
    if (undoing.current) return;
    undoing.current = true;
    stopTimers();
    try {
      const result = await runAction(() => undoSendAction({ messageId: latest.current.messageId }));
      if (result.ok) setPhase("idle");
      // Too late (already being sent): show how it ends.
      else await awaitResult();
    } finally {
      undoing.current = false;
    }
  }

  return { phase, secondsLeft, sentCopySaved, send, undo };
}
