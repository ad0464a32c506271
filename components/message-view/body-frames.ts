/** Marks the frame of a message's HTML body, so work that can wait knows when the bodies have loaded. */
export const BODY_FRAME_ATTRIBUTE = "data-message-body";

/** How long work that waits for the bodies waits at most (a slow or stuck frame must not hold it forever). */
const MAX_WAIT_MS = 2_000;

/** Whether the frame's document has loaded (a frame whose document can't be reached counts as loaded). */
export function bodyFrameLoaded(frame: HTMLIFrameElement): boolean {
  const document = frame.contentDocument;
  return !document || (document.readyState === "complete" && document.URL !== "about:blank");
}

/**
 * Calls `then` once every message body frame on the page has loaded (at once when there is none),
 * or after two seconds, whichever comes first; returns a function that cancels the call. Work that
 * can wait (prefetching the neighbouring messages, telling the server the message was opened)
 * then leaves the network and the server to the body the reader is waiting for, instead of
 * competing with it: on a click, the two neighbours' renders and the mark-read action used to be
 * asked for together with the body's frame.
 */
export function afterBodyFramesLoad(then: () => void): () => void {
  // A folded message of a conversation has no frame until it is unfolded.
  const frames = [...document.querySelectorAll<HTMLIFrameElement>(`iframe[${BODY_FRAME_ATTRIBUTE}]`)];
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    for (const frame of frames) frame.removeEventListener("load", check);
    then();
  };
  function check() {
    if (frames.every((frame) => !frame.isConnected || bodyFrameLoaded(frame))) finish();
  }
  const timer = setTimeout(finish, MAX_WAIT_MS);
  for (const frame of frames) frame.addEventListener("load", check);
  check();
  return () => {
    done = true;
    clearTimeout(timer);
    for (const frame of frames) frame.removeEventListener("load", check);
  };
}
