"use client";

import { useEffect, useRef, useState } from "react";
import { runAction } from "@/components/run-action";
import { sendMessageAction } from "@/lib/actions/compose";
import type { ActionResult } from "@/lib/actions/result";

/** idle: being written; saving: the draft is saved first; countdown: undo is possible; sending; sent. */
export type SendPhase = "idle" | "saving" | "countdown" | "sending" | "sent";

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

export interface SendWithUndoOptions {
  messageId: string;
  undoSendSeconds: number;
  /** Saves the latest content as the draft that is sent. */
  saveDraft: () => Promise<ActionResult<unknown>>;
  /** The uploads the message uses, removed once it is sent. */
  uploadIds: () => string[];
  /** Shows why it did not go; the composer keeps everything the writer wrote. */
  onFailure: (failure: ActionFailure) => void;
}

export interface SendWithUndo {
  phase: SendPhase;
  secondsLeft: number;
  /** After sending: whether the copy in Sent was saved. */
  sentCopySaved: boolean;
  send(): Promise<void>;
  undo(): void;
}

/**
 * Sending as the composer does it: save the draft, wait out the user's undo delay (the message
 * waits in Drafts, so a reload loses nothing), then send the saved draft.
 */
export function useSendWithUndo(options: SendWithUndoOptions): SendWithUndo {
  const [phase, setPhase] = useState<SendPhase>("idle");
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sentCopySaved, setSentCopySaved] = useState(true);
  const latest = useRef(options);
  const sendTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const countdownTimer = useRef<ReturnType<typeof setInterval>>(undefined);
  useEffect(() => {
    latest.current = options;
  });
  useEffect(
    () => () => {
      clearTimeout(sendTimer.current);
      clearInterval(countdownTimer.current);
    },
    [],
  );

  function fail(failure: ActionFailure) {
    setPhase("idle");
    latest.current.onFailure(failure);
  }

  async function deliver() {
    clearInterval(countdownTimer.current);
    setPhase("sending");
    const { messageId, uploadIds } = latest.current;
    const result = await runAction(() => sendMessageAction({ messageId, attachmentIds: uploadIds() }));
    if (!result.ok) return fail(result);
    setSentCopySaved(result.data.sentCopySaved);
    setPhase("sent");
  }

  async function send() {
    setPhase("saving");
    const saved = await latest.current.saveDraft();
    if (!saved.ok) return fail(saved);
    const seconds = latest.current.undoSendSeconds;
    if (seconds <= 0) return deliver();
    setPhase("countdown");
    setSecondsLeft(seconds);
    countdownTimer.current = setInterval(() => setSecondsLeft((left) => Math.max(0, left - 1)), 1_000);
    sendTimer.current = setTimeout(() => void deliver(), seconds * 1_000);
  }

  function undo() {
    clearTimeout(sendTimer.current);
    clearInterval(countdownTimer.current);
    setPhase("idle");
  }

  return { phase, secondsLeft, sentCopySaved, send, undo };
}
