"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";

interface DrawerState {
  open: boolean;
  setOpen: (open: boolean) => void;
}

const DrawerContext = createContext<DrawerState>({ open: false, setOpen: () => undefined });

// Below this width the folder tree is a drawer; from it on, a column beside the list (Tailwind's md).
const WIDE = "(min-width: 48rem)";

/** Holds whether the folder drawer is open, for the Folders button in the top bar and the drawer itself. */
export function FolderDrawerProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return <DrawerContext value={{ open, setOpen }}>{children}</DrawerContext>;
}

/** On phones: opens the folder tree. */
export function FoldersButton() {
  const t = useTranslations("shell");
  const { open, setOpen } = useContext(DrawerContext);
  return (
    <button
      type="button"
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={() => setOpen(true)}
      className="inline-flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 md:hidden"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d="M4 6h16M4 12h16M4 18h16" />
      </svg>
      <span className="sr-only sm:not-sr-only">{t("folders")}</span>
    </button>
  );
}

/**
 * The folder tree: a column on wide screens; on phones a modal drawer (native <dialog>: the rest of
 * the page is inert, Escape closes it, focus goes back to the Folders button). Choosing a folder
 * closes it, and so does the window growing wide.
 */
export function FolderDrawer({ children }: { children: ReactNode }) {
  const t = useTranslations("shell");
  const { open, setOpen } = useContext(DrawerContext);
  const dialog = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  const openedAt = useRef(pathname);

  useEffect(() => {
    const element = dialog.current;
    if (!element || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openedAt.current = pathname;
    element.showModal();
    element.querySelector<HTMLElement>("[aria-current=page]")?.focus();
    const wide = window.matchMedia(WIDE);
    const onWide = () => wide.matches && setOpen(false);
    wide.addEventListener("change", onWide);
    return () => {
      wide.removeEventListener("change", onWide);
      element.close();
      if (opener?.isConnected) opener.focus();
    };
    // Opening is what runs this; a new pathname closes the drawer below instead.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, setOpen]);

  useEffect(() => {
    if (open && pathname !== openedAt.current) setOpen(false);
  }, [open, pathname, setOpen]);

  return (
    <>
      <aside aria-label={t("folderList")} className="hidden w-52 shrink-0 overflow-y-auto border-r border-slate-200 bg-white/60 p-2 md:block xl:w-60">
        {children}
      </aside>
      <dialog
        ref={dialog}
        aria-labelledby="folder-drawer-title"
        onCancel={(event) => {
          event.preventDefault();
          setOpen(false);
        }}
        onKeyDown={(event) => {
          // Tab goes round inside the drawer instead of out to the browser's own controls.
          if (event.key !== "Tab") return;
          const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input:not([disabled]), [tabindex='0']"));
          const first = focusable[0];
          const last = focusable[focusable.length - 1];
          if (!first || !last) return;
          if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
            event.preventDefault();
            (event.shiftKey ? last : first).focus();
          }
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog box itself, outside its panel) closes it.
          if (event.target === event.currentTarget) setOpen(false);
        }}
        className="m-0 h-dvh max-h-none w-80 max-w-[85vw] bg-transparent p-0 backdrop:bg-slate-950/50 md:hidden"
      >
        <div className="flex h-full flex-col overflow-y-auto border-r border-slate-200 bg-white p-2 text-slate-900 shadow-xl">
          <div className="mb-2 flex items-center justify-between gap-2 pl-2">
            <h2 id="folder-drawer-title" className="font-semibold">
              {t("folders")}
            </h2>
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
              aria-label={t("closeFolders")}
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </div>
          {open ? children : null}
        </div>
      </dialog>
    </>
  );
}
