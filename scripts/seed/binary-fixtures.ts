/**
 * Small, valid attachment bodies built in code (no fixture files): a PNG logo for
 * inline cid: images, a one-page PDF and a CSV export. Built once and cached.
 */
import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 16x16 RGB PNG: a coloured square with a light border (the "logo"). */
function buildPng(r: number, g: number, b: number): Buffer {
  const size = 16;
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const border = x === 0 || y === 0 || x === size - 1 || y === size - 1;
      const o = row + 1 + x * 3;
      raw[o] = border ? 240 : r;
      raw[o + 1] = border ? 240 : g;
      raw[o + 2] = border ? 240 : b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    // Fixed compression level keeps the bytes identical across runs.
    pngChunk("IDAT", deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const pngCache = new Map<number, Buffer>();
const PNG_COLOURS: readonly [number, number, number][] = [
  [37, 99, 235],
  [22, 163, 74],
  [220, 38, 38],
  [234, 179, 8],
];

export function tinyPng(variant: number): Buffer {
  const key = variant % PNG_COLOURS.length;
  let png = pngCache.get(key);
  if (!png) {
    const [r, g, b] = PNG_COLOURS[key]!;
    png = buildPng(r, g, b);
    pngCache.set(key, png);
  }
  return png;
}

/** A minimal one-page PDF showing `title` (ASCII), with a correct xref table. */
export function tinyPdf(title: string): Buffer {
  const safe = title.replace(/[^\x20-\x7e]/g, "?").replace(/([()\\])/g, "\\$1");
  const content = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** A small CSV export with `rows` deterministic rows derived from `salt`. */
export function csvExport(rows: number, salt: number): Buffer {
  const lines = ["date,item,quantity,unit_price,total"];
  const items = ["Paper A4", "Toner", "Coffee beans", "Desk lamp", "USB-C cable", "Notebook"];
  for (let i = 0; i < rows; i++) {
    const qty = ((salt + i * 7) % 19) + 1;
    const price = (((salt * 31 + i * 13) % 4000) + 99) / 100;
    const day = String(((salt + i) % 28) + 1).padStart(2, "0");
    lines.push(`2024-03-${day},${items[(salt + i) % items.length]},${qty},${price.toFixed(2)},${(qty * price).toFixed(2)}`);
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}
