// A pure leaf module: the server and the browser format sizes alike.

const KILOBYTE = 1024;
const MEGABYTE = 1024 * 1024;

/**
 * A file size in the reader's language: "512 bytes", "5.5 kB", "3.2 MB" in English, "512 Byte",
 * "5,5 kB", "3,2 MB" in German (binary multiples, as mail clients count them).
 */
export function formatFileSize(bytes: number, locale: string): string {
  if (bytes < KILOBYTE) return new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  const [value, unit] = bytes < MEGABYTE ? [bytes / KILOBYTE, "kilobyte"] : [bytes / MEGABYTE, "megabyte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}
