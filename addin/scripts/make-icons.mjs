// Draws the add-in's PNG icons (a white ledger sheet on League red) pixel by pixel: node:zlib + a hand-made CRC-32.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public/assets');
const RED = [200, 16, 46, 255];
const WHITE = [255, 255, 255, 255];
const GOLD = [255, 205, 0, 255];
const CLEAR = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG from a pixel function (x, y) → [r, g, b, a]. */
export function encodePng(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const scanlines = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const start = y * (1 + size * 4);
    scanlines[start] = 0; // filter: none
    for (let x = 0; x < size; x++) scanlines.set(pixel(x, y), start + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Red rounded square; a white sheet with red ruled lines; a gold corner mark. Proportions scale with size. */
function iconPixel(size) {
  const radius = size * 0.18;
  const sheet = { left: size * 0.24, right: size * 0.76, top: size * 0.18, bottom: size * 0.84 };
  const line = Math.max(1, Math.round(size / 16));
  const rows = [0.38, 0.52, 0.66].map((fraction) => Math.round(size * fraction));
  return (x, y) => {
    const cx = x + 0.5;
    const cy = y + 0.5;
    const dx = Math.max(radius - cx, cx - (size - radius), 0);
    const dy = Math.max(radius - cy, cy - (size - radius), 0);
    if (dx * dx + dy * dy > radius * radius) return CLEAR;
    const onSheet = cx >= sheet.left && cx <= sheet.right && cy >= sheet.top && cy <= sheet.bottom;
    if (!onSheet) return RED;
    const ruled =
      rows.some((row) => y >= row && y < row + line) &&
      cx >= sheet.left + line * 2 &&
      cx <= sheet.right - line * 2;
    if (ruled) return RED;
    const corner = cx <= sheet.left + size * 0.16 && cy <= sheet.top + size * 0.12;
    return corner && size >= 32 ? GOLD : WHITE;
  };
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = resolve(OUT_DIR, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, iconPixel(size)));
  console.log(`wrote ${file}`);
}
