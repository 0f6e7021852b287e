/**
 * The periodic review in the browser (sơ kết, issue #8): the commune chief opens the review
 * dashboard from the commune page, types the period 01/01/2026 – 31/12/2026, and sees the indicator
 * cards and the charts drawn from the same figures the API answers; opens the reports behind
 * "received"; drafts the review report, edits and issues it ("Số: NN/BC-CAX" and the date line);
 * then downloads the DOCX, the PDF and the dossier. The DOCX is read as XML (A4, Decree 30 margins,
 * Times New Roman, "BÁO CÁO", the number and date lines) and the PDF as text, and both must print
 * the dashboard's numbers. Every number is compared with the API's, never with a constant, so the
 * test holds whatever the demo data holds. Needs a running demo server: BINHYEN_E2E_URL (set by
 * the e2e global setup).
 */
import { readFile } from "node:fs/promises";
import type { TReviewIndicatorReports, TReviewIndicators } from "@binhyen/contracts";
import JSZip from "jszip";
import type { Download, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { BASE_URL, close, type Session, screenshot, signIn, useBrowser } from "./helpers";

const PHONE = { chief: "0900000001" } as const;
const PERIOD = { from: "2026-01-01", to: "2026-12-31" } as const;
const TEST_TIMEOUT = 120_000;
// The edit carries the run, so a rerun against the same server checks its own text.
const RUN = Date.now() % 1_000_000;
const LESSON = `Bốn là, thường xuyên rút kinh nghiệm sau mỗi đợt tuyên truyền (lần thử ${RUN}).`;

const vnNumber = (value: number) => new Intl.NumberFormat("vi-VN").format(value);

/** GET /api/… with the page's own session cookie (the context's request client shares it). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${BASE_URL}/api${path}`, {
    headers: { accept: "application/json" },
  });
  if (!response.ok()) {
    throw new Error(`GET /api${path} answered ${response.status()}`);
  }
  return (await response.json()) as T;
}

function value(indicators: TReviewIndicators, code: string): number {
  const found = indicators.commune.find((v) => v.code === code)?.current.value;
  if (found === null || found === undefined) {
    throw new Error(`no value for ${code}`);
  }
  return found;
}

/** The label as the documents print it: the sub-item dash and a trailing "(%)" dropped. */
function printedLabel(indicators: TReviewIndicators, code: string): string {
  const label = indicators.definitions.find((d) => d.code === code)?.label ?? code;
  return label.replace(/^[—–-]\s*/u, "").replace(/\s*\(%\)$/u, "");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** XML text of the runs, entities decoded (w:t only: what a reader sees). */
function runText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? "")
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Each table row of the document as its cells' texts. */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => runText(cell[0]).trim()),
  );
}

/** An attribute of the first element `tag` in the XML, e.g. w:pgMar's w:left. */
function attribute(xml: string, tag: string, name: string): string | undefined {
  const element = new RegExp(`<${tag}\\s[^>]*>`).exec(xml)?.[0] ?? "";
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

async function downloaded(page: Page, testId: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { file, bytes: await readFile(path) };
}

// Shared by the steps below, which run in order.
let chief: Session;
let communeId = "";
let indicators: TReviewIndicators;
let numberLine = "";
let dateLine = "";

describe("periodic review: dashboard, drill-down, review report and its documents", () => {
  useBrowser();

  it(
    "the chief opens the review for 01/01/2026 – 31/12/2026 and sees the cards and charts of the API's figures",
    async () => {
      chief = await signIn(PHONE.chief);
      const { page } = chief;
      await page.getByTestId("commune-page").waitFor();
      communeId = /\/communes\/([^/?#]+)/.exec(page.url())?.[1] ?? "";
      expect(communeId).not.toBe("");
      await page.getByTestId("review-link").click();
      await page.getByTestId("review-page").waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sơ kết, đánh giá mô hình");

      // The period typed as people write dates (dd/mm/yyyy); the address keeps it.
      await page.getByRole("radio", { name: "Tùy chọn" }).check();
      await page.getByTestId("period-from").fill("01/01/2026");
      await page.getByTestId("period-to").fill("31/12/2026");
      await page.getByTestId("period-apply").click();
      await expect.poll(() => page.getByTestId("review-page").getAttribute("data-from")).toBe(PERIOD.from);
      expect(await page.getByTestId("review-page").getAttribute("data-to")).toBe(PERIOD.to);
      expect(page.url()).toContain(`from=${PERIOD.from}&to=${PERIOD.to}`);
      expect(await page.getByRole("radio", { name: "Tùy chọn" }).isChecked()).toBe(true);
      expect(await page.getByTestId("period-from").inputValue()).toBe("01/01/2026");
      await expect
        .poll(() => page.getByTestId("review-period-text").textContent())
        .toContain("01/01/2026 – 31/12/2026");
      expect(await page.getByTestId("review-period-text").textContent()).toContain("01/01/2025 – 31/12/2025");

      indicators = await apiGet<TReviewIndicators>(
        page,
        `/communes/${communeId}/review/indicators?from=${PERIOD.from}&to=${PERIOD.to}`,
      );

      // Cards: the value shown is the API's, with the previous period and the change under it.
      for (const code of [
        "GROUPS",
        "MEMBERS",
        "ANNOUNCEMENTS_TOTAL",
        "REPORTS_RECEIVED",
        "REPORTS_VALUABLE",
      ]) {
        const card = page.getByTestId(`review-card-${code}`);
        await card.waitFor();
        expect(await card.getAttribute("data-value"), code).toBe(String(value(indicators, code)));
        expect((await card.getByTestId("review-card-value").textContent())?.trim(), code).toBe(
          vnNumber(value(indicators, code)),
        );
        expect(await card.textContent(), code).toContain("Kỳ trước:");
      }
      const coverage = indicators.commune.find((v) => v.code === "HOUSEHOLDS_COVERED")?.current;
      expect(
        await page
          .getByTestId("review-card-HOUSEHOLDS_COVERED")
          .getByTestId("review-card-value")
          .textContent(),
      ).toBe(`${vnNumber(coverage?.numerator ?? 0)}/${vnNumber(coverage?.denominator ?? 0)}`);

      // Trend lines: one point per week or month, the figures of the API.
      const points = indicators.trend.points;
      expect(points.length).toBeGreaterThan(0);
      const activity = page.getByTestId("review-trend-activity");
      const reportsLine = activity.locator('[data-series="reports"]');
      const shownReports = ((await reportsLine.getAttribute("data-values")) ?? "").split(",");
      expect(shownReports).toHaveLength(points.length);
      expect(shownReports.map((v) => (v === "" ? 0 : Number(v))).reduce((a, b) => a + b, 0)).toBe(
        points.reduce((sum, p) => sum + p.reportsReceived, 0),
      );
      expect(await activity.locator("circle").count()).toBeGreaterThan(0);
      const announcementsLine = activity.locator('[data-series="announcements"]');
      expect(((await announcementsLine.getAttribute("data-values")) ?? "").split(",")).toHaveLength(
        points.length,
      );
      const withCoverage = points.filter((p) => p.coveragePercent !== null).length;
      expect(await page.getByTestId("review-trend-coverage").locator("circle").count()).toBeLessThanOrEqual(
        withCoverage,
      );

      // Bars by hamlet: one row per hamlet, the API's numbers.
      const hamlets = indicators.hamlets.filter((h) => h.hamletId !== null);
      const reportBars = page.getByTestId("review-hamlet-reports-chart");
      for (const hamlet of hamlets) {
        const received = hamlet.indicators.find((v) => v.code === "REPORTS_RECEIVED")?.current.value ?? 0;
        expect(
          await reportBars.locator(`[data-key="${hamlet.hamletId}"]`).getAttribute("data-value"),
          hamlet.name,
        ).toBe(String(received));
      }
      const coverageBars = page.getByTestId("review-hamlet-coverage-chart");
      expect(await coverageBars.locator("svg").count()).toBe(hamlets.length);
      expect(await coverageBars.locator("rect.chart__bar").count()).toBeGreaterThan(0);

      // Announcements by topic, as bars.
      const topics = page.getByTestId("review-breakdown-ANNOUNCEMENTS_TOTAL");
      const topicRows = indicators.definitions.filter(
        (d) => d.section === "COMMUNICATION" && d.code !== "ANNOUNCEMENTS_TOTAL",
      );
      expect(await topics.locator("li").count()).toBe(topicRows.length);
      for (const topic of topicRows) {
        expect(
          await topics.locator(`[data-key="${topic.code}"]`).getAttribute("data-value"),
          topic.code,
        ).toBe(String(value(indicators, topic.code)));
      }

      // The table by hamlet, with the commune's total.
      expect(await page.getByTestId("review-hamlet-row").count()).toBe(indicators.hamlets.length);
      expect(
        (
          await page
            .getByTestId("review-hamlet-row-total")
            .getByTestId("review-hamlet-row-REPORTS_RECEIVED")
            .textContent()
        )?.trim(),
      ).toBe(vnNumber(value(indicators, "REPORTS_RECEIVED")));
      await screenshot(page, "review-dashboard");
    },
    TEST_TIMEOUT,
  );

  it(
    "the number of reports received opens the list of those reports, each a link to its case",
    async () => {
      const { page } = chief;
      const received = value(indicators, "REPORTS_RECEIVED");
      const listed = await apiGet<TReviewIndicatorReports>(
        page,
        `/communes/${communeId}/review/indicators/REPORTS_RECEIVED/reports?from=${PERIOD.from}&to=${PERIOD.to}`,
      );
      expect(listed.items.length + listed.withheld).toBe(received);
      if (received === 0) {
        // Nothing to list: the figure is plain text.
        expect(await page.getByTestId("review-card-REPORTS_RECEIVED").locator("button").count()).toBe(0);
        return;
      }
      await page.getByTestId("review-card-REPORTS_RECEIVED").getByRole("button").click();
      const dialog = page.getByTestId("review-drill-dialog");
      await dialog.waitFor();
      await expect.poll(() => dialog.getByTestId("review-drill-item").count()).toBe(listed.items.length);
      const first = listed.items[0];
      if (first) {
        const link = dialog.locator(`[data-report-id="${first.id}"] a[href="/cases/${first.id}"]`);
        expect(await link.textContent()).toContain(first.shortId);
      }
      await screenshot(page, "review-drilldown");
      await dialog.getByRole("button", { name: "Đóng" }).click();
      await dialog.waitFor({ state: "detached" });
    },
    TEST_TIMEOUT,
  );

  it(
    "the chief drafts the review report, edits it, and issues it with its number and date line",
    async () => {
      const { page } = chief;
      await page.getByTestId("review-create-report").click();
      const report = page.getByTestId("review-report-page");
      await report.waitFor();
      expect(await report.getAttribute("data-status")).toBe("DRAFT");
      // Pre-filled from the figures, the five sections are there to edit.
      for (const key of ["results", "shortcomings", "causes", "lessons", "directions"]) {
        expect((await page.getByTestId(`review-narrative-${key}`).inputValue()).length, key).toBeGreaterThan(
          0,
        );
      }
      expect(await page.getByTestId("review-report-number").textContent()).toMatch(/^Số:\s+\/BC-CAX$/);
      expect(await page.getByTestId("review-setting-symbol").inputValue()).toBe("BC-CAX");
      const lessons = page.getByTestId("review-narrative-lessons");
      await lessons.fill(`${await lessons.inputValue()}\n${LESSON}`);
      expect(await page.getByTestId("review-save-state").textContent()).toBe("Có thay đổi chưa lưu.");
      await page.getByTestId("review-save").click();
      await expect.poll(() => page.getByTestId("review-save-state").textContent()).toBe("Đã lưu.");

      await page.getByTestId("review-issue").click();
      await page.getByRole("button", { name: "Xác nhận" }).click();
      await expect.poll(() => report.getAttribute("data-status")).toBe("ISSUED");
      numberLine = (await page.getByTestId("review-report-number").textContent()) ?? "";
      dateLine = (await page.getByTestId("review-report-date-line").textContent()) ?? "";
      expect(numberLine).toMatch(/^Số: \d{2,}\/BC-CAX$/);
      expect(dateLine).toMatch(/^.+, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$/);
      expect(await page.getByTestId("review-issued-notice").textContent()).toContain(numberLine);
      // Issued: read-only, with the edit kept.
      expect(await page.getByTestId("review-report-form").count()).toBe(0);
      expect(await page.getByTestId("review-report-narrative").textContent()).toContain(LESSON);
      await screenshot(page, "review-report-issued");
    },
    TEST_TIMEOUT,
  );

  it(
    "the DOCX, the PDF and the dossier print the dashboard's numbers in the Decree 30 format",
    async () => {
      const { page } = chief;
      const groups = vnNumber(value(indicators, "GROUPS"));
      const received = vnNumber(value(indicators, "REPORTS_RECEIVED"));
      const groupsLabel = printedLabel(indicators, "GROUPS");
      const receivedLabel = printedLabel(indicators, "REPORTS_RECEIVED");

      const docx = await downloaded(page, "review-download-docx");
      expect(docx.file.suggestedFilename()).toMatch(/\.docx$/);
      const zip = await JSZip.loadAsync(docx.bytes);
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      expect(xml.length).toBeGreaterThan(0);
      // A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm right (in twips).
      expect(attribute(xml, "w:pgSz", "w:w")).toBe("11906");
      expect(attribute(xml, "w:pgSz", "w:h")).toBe("16838");
      expect(attribute(xml, "w:pgMar", "w:top")).toBe("1134");
      expect(attribute(xml, "w:pgMar", "w:bottom")).toBe("1134");
      expect(attribute(xml, "w:pgMar", "w:left")).toBe("1701");
      expect(attribute(xml, "w:pgMar", "w:right")).toBe("851");
      const fonts = new Set(
        [
          ...`${xml}${(await zip.file("word/styles.xml")?.async("string")) ?? ""}`.matchAll(
            /w:ascii="([^"]+)"/g,
          ),
        ].map((m) => m[1]),
      );
      expect([...fonts]).toEqual(["Times New Roman"]);
      const text = runText(xml);
      expect(text).toContain("BÁO CÁO");
      expect(text).toContain(numberLine);
      expect(text).toContain(dateLine);
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(text).toContain(LESSON);
      // The commune's table: label, this period, previous period, change.
      const rows = tableRows(xml);
      const row = (label: string) => rows.find((cells) => cells[1] === label);
      expect(row(groupsLabel)?.[2], groupsLabel).toBe(groups);
      expect(row(receivedLabel)?.[2], receivedLabel).toBe(received);

      const pdf = await downloaded(page, "review-download-pdf");
      expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
      expect(pdf.bytes.subarray(0, 8).toString("latin1")).toMatch(/^%PDF-1\.[4-7]/);
      const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes)), {
        mergePages: true,
      });
      expect(pdfText).toContain("BÁO CÁO");
      expect(pdfText.replace(/\s+/g, " ")).toContain(dateLine);
      expect(pdfText).toMatch(new RegExp(`${escapeRegExp(groupsLabel)}\\s+${escapeRegExp(groups)}\\s`));
      expect(pdfText).toMatch(new RegExp(`${escapeRegExp(receivedLabel)}\\s+${escapeRegExp(received)}\\s`));

      // The dossier for the province holds the same report and its tables.
      const dossier = await downloaded(page, "review-download-zip");
      expect(dossier.file.suggestedFilename()).toMatch(/\.zip$/);
      const names = Object.keys((await JSZip.loadAsync(dossier.bytes)).files);
      expect(names.some((name) => name.endsWith(".docx"))).toBe(true);
      expect(names.some((name) => name.endsWith(".pdf"))).toBe(true);
      expect(names.some((name) => name.endsWith(".xlsx"))).toBe(true);
      await close(chief);
    },
    TEST_TIMEOUT,
  );
});
