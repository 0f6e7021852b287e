import sharp from "sharp";

/**
 * Simple bar and line charts for the review report: SVG drawn here, rasterised to PNG by sharp
 * (librsvg). Text in the SVG goes through fontconfig; where no font is found librsvg draws nothing
 * for it, so `canRenderText()` probes once and, without fonts, the charts carry shapes only (the
 * numbers are in the tables next to them either way). Rendered at ≥ 200 dpi for a 16 cm width
 * (Decree 30: digital copies at 200 dpi or more).
 */
export type ChartImage = { title: string; png: Buffer; width: number; height: number };

export type BarChart = { kind: "bar"; title: string; labels: string[]; series: ChartSeries[]; unit?: string };
export type LineChart = { kind: "line"; title: string; labels: string[]; series: ChartSeries[] };
export type ChartSeries = { name: string; values: number[] };
export type ChartSpec = BarChart | LineChart;

/** 16 cm at 200 dpi ≈ 1260 px; the SVG is drawn at half that and rendered at density 144 (2×). */
const W = 640;
const H = 320;
const DENSITY = 144;
const FONT = "DejaVu Sans, sans-serif";
const COLORS = ["#1f4e79", "#c55a11", "#548235", "#7f6000"];
const PAD = { left: 48, right: 16, top: 20, bottom: 56 };

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

let textProbe: Promise<boolean> | undefined;

/** Does librsvg find a font here? (A dark pixel where a glyph should be.) Memoised per process. */
export function canRenderText(): Promise<boolean> {
  textProbe ??= (async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#fff"/><text x="4" y="30" font-family="${FONT}" font-size="28" fill="#000">Đ8</text></svg>`;
    try {
      const { data, info } = await sharp(Buffer.from(svg))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      let dark = 0;
      for (let i = 0; i < data.length; i += info.channels) {
        if ((data[i] ?? 255) < 128) {
          dark++;
        }
      }
      return dark > 20;
    } catch {
      return false;
    }
  })();
  return textProbe;
}

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) {
    return 1;
  }
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (m * p >= max) {
      return m * p;
    }
  }
  return 10 * p;
}

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function frame(spec: ChartSpec, withText: boolean, max: number, body: string): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const grid: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    grid.push(
      `<line x1="${PAD.left}" y1="${y}" x2="${PAD.left + plotW}" y2="${y}" stroke="#d0d0d0" stroke-width="1"/>`,
    );
    if (withText) {
      grid.push(
        `<text x="${PAD.left - 6}" y="${y + 4}" font-size="11" text-anchor="end">${esc(String(Math.round(((max * i) / 4) * 10) / 10))}</text>`,
      );
    }
  }
  const legend =
    withText && spec.series.length > 1
      ? spec.series
          .map((s, i) => {
            const x = PAD.left + i * 170;
            return `<rect x="${x}" y="${H - 18}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 16}" y="${H - 8}" font-size="12">${esc(shorten(s.name, 24))}</text>`;
          })
          .join("")
      : "";
  // The title is the caption under the image in the document (text there, searchable), not drawn here.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="${FONT}" fill="#000"><rect width="${W}" height="${H}" fill="#ffffff"/>${grid.join("")}<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#000" stroke-width="1.2"/>${body}${legend}</svg>`;
}

function xLabels(labels: string[], xOf: (i: number) => number, withText: boolean): string {
  if (!withText) {
    return "";
  }
  const every = Math.max(1, Math.ceil(labels.length / 12));
  // About 6.5 px per character at 11 px.
  const room = Math.max(6, Math.floor((W - PAD.left - PAD.right) / Math.ceil(labels.length / every) / 6.5));
  return labels
    .map((l, i) =>
      i % every === 0
        ? `<text x="${xOf(i)}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle">${esc(shorten(l, room))}</text>`
        : "",
    )
    .join("");
}

export function chartSvg(spec: ChartSpec, withText: boolean): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...spec.series.flatMap((s) => s.values)));
  const yOf = (v: number) => PAD.top + plotH - (plotH * v) / max;
  const n = Math.max(1, spec.labels.length);
  const slot = plotW / n;
  const xOf = (i: number) => PAD.left + slot * (i + 0.5);
  const parts: string[] = [];
  if (spec.kind === "bar") {
    const k = Math.max(1, spec.series.length);
    const barW = Math.min(48, (slot * 0.7) / k);
    spec.series.forEach((s, si) => {
      s.values.forEach((v, i) => {
        const x = xOf(i) - (barW * k) / 2 + si * barW;
        const y = yOf(v);
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(PAD.top + plotH - y).toFixed(1)}" fill="${COLORS[si % COLORS.length]}"/>`,
        );
        if (withText) {
          parts.push(
            `<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y - 4).toFixed(1)}" font-size="10" text-anchor="middle">${esc(String(v))}</text>`,
          );
        }
      });
    });
  } else {
    spec.series.forEach((s, si) => {
      const color = COLORS[si % COLORS.length];
      const pts = s.values.map((v, i) => `${xOf(i).toFixed(1)},${yOf(v).toFixed(1)}`).join(" ");
      parts.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
      s.values.forEach((v, i) => {
        parts.push(`<circle cx="${xOf(i).toFixed(1)}" cy="${yOf(v).toFixed(1)}" r="3.5" fill="${color}"/>`);
      });
    });
  }
  parts.push(xLabels(spec.labels, xOf, withText));
  return frame(spec, withText, max, parts.join(""));
}

export async function renderChart(spec: ChartSpec): Promise<ChartImage> {
  const withText = await canRenderText();
  const png = await sharp(Buffer.from(chartSvg(spec, withText)), { density: DENSITY })
    .flatten({ background: "#ffffff" })
    // Plain RGB at level 6: a fifth of the time of a quantised palette for twice the bytes (≈ 30 kB).
    .png({ compressionLevel: 6 })
    .toBuffer();
  const meta = await sharp(png).metadata();
  return { title: spec.title, png, width: meta.width ?? W * 2, height: meta.height ?? H * 2 };
}
