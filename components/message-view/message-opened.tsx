"use client";

import { useEffect } from "react";
import { runAction } from "@/components/run-action";
import { messageOpenedAction } from "@/lib/actions/message-opened";

/**
 * Once the message is on the reader's screen, tells the server: it marks the message read (when
 * the reader wants that) and learns the sender. A GET of the page alone (a prefetch) does neither.
 */
export function MessageOpened({ folder, uid }: { folder: string; uid: number }) {
  useEffect(() => {
    void runAction(() => messageOpenedAction({ folder, uid }));
  }, [folder, uid]);
  return null;
}
