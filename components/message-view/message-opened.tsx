"use client";

import { useEffect } from "react";
import { runAction } from "@/components/run-action";
import { messageOpenedAction } from "@/lib/actions/message-opened";
import { afterBodyFramesLoad } from "./body-frames";

/**
 * Once the message is on the reader's screen, tells the server: it marks the message read (when
 * the reader wants that) and learns the sender. A GET of the page alone (a prefetch) does neither.
 * It waits for the body to load, so it doesn't compete with it, but not beyond the reader leaving.
 */
export function MessageOpened({ folder, uid }: { folder: string; uid: number }) {
  useEffect(() => {
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      void runAction(() => messageOpenedAction({ folder, uid }));
    };
    const cancel = afterBodyFramesLoad(tell);
    return () => {
      cancel();
      tell();
    };
  }, [folder, uid]);
  return null;
}
