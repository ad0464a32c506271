"use client";

const SEARCH_BOX = 'form[role="search"] input[type="search"]';
const WAIT_MS = 10_000;

/**
 * Puts the cursor in the search box. Pages without one (a message, settings, compose) first go
 * to the Inbox (`goToInbox`), and the box gets focus once it is there.
 */
export function focusSearch(goToInbox: () => void) {
  const box = document.querySelector<HTMLInputElement>(SEARCH_BOX);
  if (box) {
    box.focus();
    box.select();
    return;
  }
  const observer = new MutationObserver(() => {
    const arrived = document.querySelector<HTMLInputElement>(SEARCH_BOX);
    if (!arrived) return;
    observer.disconnect();
    arrived.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), WAIT_MS);
  goToInbox();
}
