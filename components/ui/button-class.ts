export type ButtonVariant = "primary" | "secondary" | "danger";
export type ButtonSize = "small" | "medium";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-sky-700 text-white shadow-sm hover:bg-sky-800",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  danger: "border border-red-200 bg-white text-red-800 hover:bg-red-50",
};

// On phones every button is at least 44 px high, a finger's width; wider screens keep the compact look.
const SIZES: Record<ButtonSize, string> = {
  small: "min-h-11 rounded-md px-3 py-1.5 text-sm md:min-h-0",
  medium: "min-h-11 rounded-lg px-4 py-2 md:min-h-0",
};

/** The look of a button (or of a link that acts as one): primary for the main action, secondary, danger. */
export function buttonClass(variant: ButtonVariant, size: ButtonSize = "medium"): string {
  return `inline-flex items-center justify-center font-medium whitespace-nowrap outline-none focus-visible:ring-2 focus-visible:ring-sky-300 disabled:opacity-60 ${VARIANTS[variant]} ${SIZES[size]}`;
}
