/**
 * Issue #8 bench: how long the review report (báo cáo sơ kết) takes to generate, against a one-page
 * baseline measured in the same run.
 *   1. Builders alone (no database): a commune of BENCH_REVIEW_HAMLETS hamlets (12) with a 12-month
 *      trend: the 3 charts (SVG → PNG with sharp) + the DOCX, and the charts + the PDF; baseline: a
 *      one-page DOCX with one Times New Roman paragraph (docx), a one-page PDF with one paragraph in
 *      embedded DejaVu Serif (pdfkit). Charts are rendered once per document, as the route does.
 *   2. End to end on PGlite through app.inject: GET …/report.docx and …/report.pdf of a draft for a
 *      seeded commune (the indicators are computed live for a draft), vs the baseline above.
 * p50 / p95 over BENCH_REVIEW_RUNS runs (10) after 2 warm-ups; ratios = p50 / baseline p50. Each run times
 * the baseline and the subject back to back (interleaved), so a busy machine slows both alike.
 * Env: BENCH_REVIEW_RUNS, BENCH_REVIEW_HAMLETS, BENCH_REVIEW_REPORTS (reports seeded per hamlet, 20),
 * BENCH_REVIEW_E2E=0 skips part 2.
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { Document, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";
import { buildApp } from "../apps/server/src/app";
import { loadConfig } from "../apps/server/src/config";
import { fixedClock } from "../apps/server/src/core/clock";
import { migrateDatabase, openPglite } from "../apps/server/src/db/client";
import { sessions } from "../apps/server/src/db/schema";
import { createDeps, type Deps } from "../apps/server/src/deps";
import { sha256 } from "../apps/server/src/modules/auth/auth.service";
import { submitReport } from "../apps/server/src/modules/reports/reports.service";
import { reviewCharts } from "../apps/server/src/modules/review/review-report-charts";
import type { ReviewDocumentInput } from "../apps/server/src/modules/review/review-report-document";
import { buildReviewReportDocx } from "../apps/server/src/modules/review/review-report-docx";
import { sampleReviewData, sampleSettings } from "../apps/server/src/modules/review/review-report-fixture";
import { prefillNarrative } from "../apps/server/src/modules/review/review-report-narrative";
import { buildReviewReportPdf } from "../apps/server/src/modules/review/review-report-pdf";
import { addHousehold, buildCommune } from "../apps/server/src/test/factories";

const RUNS = Number(process.env.BENCH_REVIEW_RUNS ?? 10);
const HAMLETS = Number(process.env.BENCH_REVIEW_HAMLETS ?? 12);
const REPORTS_PER_HAMLET = Number(process.env.BENCH_REVIEW_REPORTS ?? 20);
const E2E = process.env.BENCH_REVIEW_E2E !== "0";
const WARMUP = 2;

const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
};

type Result = { label: string; p50: number; p95: number; bytes: number };

const line = (label: string, times: number[], bytes: number): Result => {
  const r = { label, p50: pct(times, 0.5), p95: pct(times, 0.95), bytes };
  process.stdout.write(
    `  ${label.padEnd(44)} p50 ${fmt(r.p50, 1).padStart(8)} ms   p95 ${fmt(r.p95, 1).padStart(8)} ms   ${fmt(r.bytes / 1024, 1).padStart(7)} kB\n`,
  );
  return r;
};

/** Times `subject` and `baseline` alternately, RUNS times each after the warm-ups. */
async function paired(
  labels: [string, string],
  baseline: () => Promise<Buffer>,
  subject: () => Promise<Buffer>,
): Promise<[Result, Result]> {
  const times: [number[], number[]] = [[], []];
  const bytes = [0, 0];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [k, fn] of [baseline, subject].entries()) {
      const t0 = performance.now();
      bytes[k] = (await fn()).length;
      if (i >= WARMUP) {
        times[k]?.push(performance.now() - t0);
      }
    }
  }
  return [line(labels[0], times[0], bytes[0] ?? 0), line(labels[1], times[1], bytes[1] ?? 0)];
}

const FONT = path.join(
  path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
  "DejaVuSerif.ttf",
);
const TEXT =
  "Thực hiện kế hoạch triển khai mô hình “Zalo kết nối bình yên”, Công an xã báo cáo kết quả thực hiện như sau.";

function baselineDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: TEXT, font: "Times New Roman", size: 28 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function baselinePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", pdfVersion: "1.4", font: FONT });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(14).text(TEXT);
  doc.end();
  return done;
}

async function builders(): Promise<void> {
  const data = sampleReviewData(HAMLETS);
  const input = async (): Promise<ReviewDocumentInput> => ({
    data,
    narrative: prefillNarrative(data),
    settings: sampleSettings(),
    issued: { number: 5, on: "2026-01-05" },
    draftYear: 2026,
    charts: await reviewCharts(data),
  });
  process.stdout.write(`\n1. Builders, ${HAMLETS} hamlets, 12-month trend, ${RUNS} runs (p50/p95)\n`);
  const [baseDocx, docx] = await paired(
    ["baseline: one-paragraph DOCX", "review report DOCX (charts + document)"],
    baselineDocx,
    async () => buildReviewReportDocx(await input()),
  );
  const [basePdf, pdf] = await paired(
    ["baseline: one-paragraph PDF (embedded font)", "review report PDF (charts + document)"],
    baselinePdf,
    async () => buildReviewReportPdf(await input()),
  );
  const [, charts] = await paired(
    ["baseline: one-paragraph DOCX", "the 3 charts alone (SVG → PNG)"],
    baselineDocx,
    async () => Buffer.concat((await reviewCharts(data)).map((c) => c.png)),
  );
  process.stdout.write(
    `  ratios: DOCX ${fmt(docx.p50 / baseDocx.p50, 1)}× the one-paragraph DOCX, PDF ${fmt(pdf.p50 / basePdf.p50, 1)}× the one-paragraph PDF; charts are ${fmt((100 * charts.p50) / docx.p50)}% of the DOCX time\n`,
  );
}

async function session(deps: Deps, userId: string) {
  const token = deps.ids.token(32);
  const csrf = deps.ids.token(24);
  const now = deps.clock.now();
  await deps.db.insert(sessions).values({
    id: sha256(token),
    userId,
    csrfToken: csrf,
    createdAt: now,
    // The bench clock stands still: the session outlives the run.
    expiresAt: new Date(now.getTime() + 24 * 3600_000),
    ip: "127.0.0.1",
    userAgent: "bench",
  });
  return { cookie: `by_session=${token}`, csrf };
}

async function endToEnd() {
  const database = await openPglite({});
  await migrateDatabase(database);
  const clock = fixedClock(new Date("2025-06-01T02:00:00Z"));
  const deps = createDeps({
    config: loadConfig({
      NODE_ENV: "test",
      BINHYEN_DATA_DIR: "/nonexistent",
      LOG_LEVEL: "silent",
      BINHYEN_PUBLIC_RATE_PER_MINUTE: "100000",
    }),
    database,
    secretKey: randomBytes(32).toString("base64"),
    version: "bench",
    clock,
    passwordCost: { memoryCost: 1024, timeCost: 1 },
  });
  const app = await buildApp(deps);
  await app.ready();
  try {
    const t = await buildCommune(deps, { hamlets: HAMLETS, name: "Đồng Tâm" });
    for (let h = 0; h < HAMLETS; h++) {
      for (let i = 0; i < 10; i++) {
        await addHousehold(deps, t, h, `Hộ ${h}-${i}`);
      }
      for (let i = 0; i < REPORTS_PER_HAMLET; i++) {
        clock.set(new Date(Date.UTC(2025, 1 + (i % 10), 1 + (i % 27), 2)));
        await submitReport(deps, {
          communeId: t.communeId,
          hamletId: t.hamlets[h]?.hamletId,
          category: i % 3 === 0 ? "CRIME" : "RESIDENT_DISPUTE",
          description: "Tin báo thử cho bench",
          anonymous: true,
        });
      }
    }
    clock.set(new Date("2026-01-05T02:00:00Z"));
    const { cookie, csrf } = await session(deps, t.users.chief.id);
    const created = await app.inject({
      method: "POST",
      url: `/api/communes/${t.communeId}/review-reports`,
      headers: { cookie, "x-csrf-token": csrf },
      payload: { from: "2025-02-01", to: "2026-01-31" },
    });
    if (created.statusCode !== 201) {
      throw new Error(`create: ${created.statusCode} ${created.body}`);
    }
    const id = created.json<{ id: string }>().id;
    const get = (file: string) => async () => {
      const res = await app.inject({
        method: "GET",
        url: `/api/review-reports/${id}/${file}`,
        headers: { cookie },
      });
      if (res.statusCode !== 200) {
        throw new Error(`${file}: ${res.statusCode} ${res.body}`);
      }
      return res.rawPayload;
    };
    process.stdout.write(
      `\n2. End to end on PGlite (app.inject, draft: indicators computed live), ${HAMLETS} hamlets, ${HAMLETS * REPORTS_PER_HAMLET} reports, ${RUNS} runs\n`,
    );
    const [baseDocx, docx] = await paired(
      ["baseline: one-paragraph DOCX", "GET …/report.docx"],
      baselineDocx,
      get("report.docx"),
    );
    const [basePdf, pdf] = await paired(
      ["baseline: one-paragraph PDF", "GET …/report.pdf"],
      baselinePdf,
      get("report.pdf"),
    );
    process.stdout.write(
      `  ratios: report.docx ${fmt(docx.p50 / baseDocx.p50, 1)}× the one-paragraph DOCX, report.pdf ${fmt(pdf.p50 / basePdf.p50, 1)}× the one-paragraph PDF\n`,
    );
  } finally {
    await app.close();
    await database.close();
  }
}

await builders();
if (E2E) {
  await endToEnd();
}
