"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the native <dialog> element opened with showModal(): the rest of the page is
 * inert (focus stays inside), Escape closes it, and focus goes back to where it was. It opens when
 * mounted and closes when unmounted. An element marked `data-autofocus` gets focus first.
 */
export function ModalDialog({
  title,
  description,
  onClose,
  role = "dialog",
  className = "max-w-md",
  children,
}: {
  title: string;
  /** Shown under the title and read with it. */
  description?: ReactNode;
  onClose: () => void;
  /** "alertdialog" for confirmations of something that can't be undone. */
  role?: "dialog" | "alertdialog";
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    element.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    element.addEventListener("cancel", onCancel);
    return () => {
      element.removeEventListener("cancel", onCancel);
      element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      className={`m-auto w-full rounded-xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 ${className}`}
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {description ? (
        <div id={`${id}-description`} className="mt-2 text-sm text-slate-700">
          {description}
        </div>
      ) : null}
      {children}
    </dialog>
  );
}
