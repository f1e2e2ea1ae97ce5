import { crc32, deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts, rgb } from "@cantoo/pdf-lib";

/**
 * The demo's data-room files, made as it loads: photos drawn as PNGs (a sky, the ground and the
 * building), and PDF reports of a few pages. Nothing is read from disk.
 */

type Colour = readonly [number, number, number];

export interface Scene {
  sky: Colour;
  ground: Colour;
  /** Buildings from the left: where each starts and ends (share of the width), its height (share of the height) and colour. */
  buildings: { from: number; to: number; height: number; colour: Colour }[];
}

export const scenes = {
  factory: {
    sky: [150, 190, 225],
    ground: [120, 120, 110],
    buildings: [
      { from: 0.08, to: 0.55, height: 0.32, colour: [176, 164, 150] },
      { from: 0.55, to: 0.9, height: 0.24, colour: [150, 140, 128] },
      { from: 0.62, to: 0.66, height: 0.62, colour: [110, 100, 95] },
    ],
  },
  office: {
    sky: [170, 205, 235],
    ground: [90, 95, 100],
    buildings: [
      { from: 0.05, to: 0.25, height: 0.5, colour: [120, 140, 160] },
      { from: 0.3, to: 0.55, height: 0.85, colour: [80, 110, 140] },
      { from: 0.6, to: 0.8, height: 0.65, colour: [140, 155, 170] },
    ],
  },
  villa: {
    sky: [185, 215, 240],
    ground: [90, 140, 80],
    buildings: [
      { from: 0.25, to: 0.75, height: 0.38, colour: [230, 220, 200] },
      { from: 0.3, to: 0.7, height: 0.5, colour: [170, 70, 60] },
    ],
  },
  city: {
    sky: [240, 200, 160],
    ground: [70, 80, 90],
    buildings: [
      { from: 0.02, to: 0.14, height: 0.45, colour: [90, 100, 120] },
      { from: 0.16, to: 0.27, height: 0.7, colour: [70, 85, 110] },
      { from: 0.3, to: 0.42, height: 0.55, colour: [100, 110, 130] },
      { from: 0.45, to: 0.53, height: 0.9, colour: [60, 75, 100] },
      { from: 0.56, to: 0.7, height: 0.5, colour: [95, 105, 125] },
      { from: 0.73, to: 0.86, height: 0.75, colour: [80, 90, 115] },
      { from: 0.88, to: 0.98, height: 0.4, colour: [100, 110, 135] },
    ],
  },
} satisfies Record<string, Scene>;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A photo of the scene as an RGB PNG, windows lit in rows on every building. */
export function photo(scene: Scene, width = 640, height = 360): Uint8Array {
  const horizon = Math.round(height * 0.78);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      let colour: Colour =
        y >= horizon
          ? scene.ground
          : (scene.sky.map((c) => Math.max(0, c - Math.round((y / horizon) * 30))) as unknown as Colour);
      for (const b of scene.buildings) {
        const top = horizon - Math.round(b.height * horizon);
        if (x >= b.from * width && x < b.to * width && y >= top && y < horizon) {
          const window =
            (x - Math.round(b.from * width)) % 16 > 5 &&
            (x - Math.round(b.from * width)) % 16 < 12 &&
            (y - top) % 20 > 6 &&
            (y - top) % 20 < 14;
          colour = window ? [235, 230, 190] : b.colour;
        }
      }
      row.set(colour, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(Buffer.concat(rows))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** A report of a few pages: its title, then its paragraphs, one page each. */
export async function report(title: string, pages: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (const [i, text] of pages.entries()) {
    const page = pdf.addPage([595, 842]);
    page.drawText(title, { x: 56, y: 770, size: 16, font: bold, color: rgb(0.1, 0.2, 0.35) });
    page.drawText(text, { x: 56, y: 730, size: 11, font, lineHeight: 16, maxWidth: 480 });
    page.drawText(`Page ${i + 1} of ${pages.length}`, { x: 56, y: 40, size: 9, font, color: rgb(0.4, 0.4, 0.4) });
  }
  return pdf.save();
}
