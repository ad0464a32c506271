/**
 * A Content-Disposition header with the file name both as an ASCII fallback and as RFC 6266 /
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so every browser gets the right name and no
 * name can inject header syntax.
 */
export function contentDisposition(type: "inline" | "attachment", filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f/\\]/g, "").trim() || "attachment";
  const fallback =
    clean
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["%;]/g, "_")
      .trim() || "attachment";
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
