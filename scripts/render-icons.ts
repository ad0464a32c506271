/**
 * Renders the PNG app icons and favicon.ico in public/ from the SVGs beside them, with Debian's
 * Chromium. Run after changing an SVG: `npx tsx scripts/render-icons.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const PUBLIC = path.join(process.cwd(), "public");
const RENDERS = [
  { svg: "icons/icon.svg", png: "icons/icon-192.png", size: 192 },
  { svg: "icons/icon.svg", png: "icons/icon-512.png", size: 512 },
  { svg: "icons/icon-maskable.svg", png: "icons/icon-maskable-512.png", size: 512 },
  { svg: "icons/icon-maskable.svg", png: "icons/apple-touch-icon.png", size: 180 },
  { svg: "icons/icon.svg", png: "icons/favicon-32.png", size: 32 },
];

/** An .ico holding one PNG image (every current browser reads PNG-in-ICO). */
function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // image data offset
  return Buffer.concat([header, png]);
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const { svg, png, size } of RENDERS) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const source = readFileSync(path.join(PUBLIC, svg), "utf8");
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img style="display:block;width:${size}px;height:${size}px" src="data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}"></body></html>`,
      );
      const image = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(path.join(PUBLIC, png), image);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  writeFileSync(path.join(PUBLIC, "favicon.ico"), icoFromPng(readFileSync(path.join(PUBLIC, "icons/favicon-32.png")), 32));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
