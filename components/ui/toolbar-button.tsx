"use client";

import type { ReactNode } from "react";

/**
 * A button in a formatting toolbar. Pressing it with the mouse never takes focus (or the selection)
 * away from the text being edited, as in Gmail: the command runs where the writer was typing.
 * Keyboard users still reach it with Tab and press it with Enter or Space.
 */
export function ToolbarButton({
  label,
  pressed,
  disabled,
  onPress,
  className = "",
  children,
}: {
  /** The accessible name, also shown as a tooltip. */
  label: string;
  /** For toggles (bold, lists): whether it is on. Leave out for plain commands. */
  pressed?: boolean;
  disabled?: boolean;
  onPress: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
      className={`min-w-8 rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 aria-pressed:bg-sky-100 aria-pressed:text-sky-900 disabled:opacity-50 ${className}`}
    >
      {children}
    </button>
  );
}
