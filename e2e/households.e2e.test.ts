/**
 * Households and coverage in the browser (issue "Households and coverage: reach 100% of
 * households"). The leader of Ấp Tân Phú reads the coverage on screen and from the API (they must
 * agree), imports a messy CSV list through the file input, and sees the households total and the
 * percentage move. Then one new household is invited: its link is opened in a fresh browser
 * without a session, the resident ticks the required consents and joins, and coverage rises by
 * one household; withdrawing consent with the personal management link brings it back down.
 * Needs a running demo server: BINHYEN_E2E_URL (set by the e2e global setup).
 */
import type { TCoverageResponse, THamletCoverage } from "@binhyen/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiGet,
  BASE_URL,
  forgiveFailedLoads,
  openSession,
  PHONE_VIEWPORT,
  type Session,
  screenshot,
  signIn,
  useBrowser,
} from "./helpers";

const LEADER_PHONE = "0900000011";
const HAMLET_NAME = "Ấp Tân Phú";
const TEST_TIMEOUT = 120_000;

/** "91,6%": one decimal in Vietnamese number format, as the screens show it. */
function viPercent(value: number): string {
  return `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
}

function percentOf(covered: number, households: number): number {
  return households === 0 ? 0 : Math.round((covered / households) * 1000) / 10;
}

interface ShownCoverage {
  households: number;
  covered: number;
  percent: number;
  text: string;
}

/** The big "X/Y hộ (Z%)" block: its numbers (data attributes) and the visible percentage. */
async function readHeadline(page: Page, testId: string): Promise<ShownCoverage> {
  const headline = page.getByTestId(testId);
  await headline.waitFor();
  return {
    households: Number(await headline.getAttribute("data-households")),
    covered: Number(await headline.getAttribute("data-covered")),
    percent: Number(await headline.getAttribute("data-percent")),
    text: (await headline.getByTestId("coverage-percent").textContent()) ?? "",
  };
}

/** Commune coverage screen and API, checked against each other; answers the API's figures. */
async function communeCoverageAgrees(page: Page, communeId: string, hamletId: string) {
  await page.goto(`${BASE_URL}/communes/${communeId}/coverage`);
  await page.getByTestId("coverage-page").waitFor();
  const shown = await readHeadline(page, "commune-coverage");
  const api = await apiGet<TCoverageResponse>(page, `/communes/${communeId}/coverage`);
  expect(shown.households).toBe(api.households);
  expect(shown.covered).toBe(api.covered);
  expect(shown.percent).toBe(api.percent);
  expect(shown.text).toBe(`(${viPercent(api.percent)})`);
  expect(api.percent).toBeCloseTo(percentOf(api.covered, api.households), 1);

  const hamlet = api.hamlets.find((h) => h.hamletId === hamletId);
  expect(hamlet, "the hamlet is in the commune's ranking").toBeDefined();
  const row = page.locator(`[data-testid="coverage-hamlet-row"][data-hamlet-id="${hamletId}"]`);
  expect(await row.getByTestId("coverage-hamlet-percent").textContent()).toBe(
    viPercent(hamlet?.percent ?? -1),
  );
  return { commune: api, hamlet: hamlet as THamletCoverage };
}

// Each run imports new people, so a rerun against the same server creates households again.
const RUN = Date.now() % 1_000_000;
const SYLLABLES = ["An", "Bảo", "Cúc", "Diệp", "Giang", "Hạnh", "Khải", "Lộc", "Mẫn", "Ngân", "Phụng", "Quế"];
const pick = (n: number) => SYLLABLES[n % SYLLABLES.length] ?? "An";
const NEW_HEAD_1 = `Nguyễn Văn Thử ${pick(RUN)} ${pick(Math.floor(RUN / 12))}`;
const NEW_HEAD_2 = `Trần Thị Kiểm ${pick(Math.floor(RUN / 144))} ${pick(Math.floor(RUN / 1728))}`;
const digits = String(RUN).padStart(6, "0");
const PHONE_1 = `0912${digits}`;
const PHONE_2 = `0913${digits}`;

/**
 * A list as a commune really sends it: a title row above Vietnamese headers in an unusual order,
 * phones in mixed formats, one number that no longer exists (012x, 10 digits), a row without the
 * head's name, an exact duplicate, and names in decomposed Unicode (NFD, as macOS writes them).
 */
function messyCsv(): Buffer {
  const nfd = (text: string) => text.normalize("NFD");
  const lines = [
    `DANH SÁCH HỘ GIA ĐÌNH ${HAMLET_NAME.toUpperCase()} (cập nhật đợt ${RUN})`,
    "Số điện thoại,Họ và tên chủ hộ,Địa chỉ,Số nhân khẩu,Mã hộ",
    `+84 912 ${digits.slice(0, 3)} ${digits.slice(3)},${nfd(NEW_HEAD_1)},"Tổ 9, đường liên ấp, ${HAMLET_NAME}",4,E2E-${RUN}-1`,
    `091.3${digits.slice(0, 2)}.${digits.slice(2)},${nfd(NEW_HEAD_2)},"Tổ 9, hẻm 2, ${HAMLET_NAME}",3,E2E-${RUN}-2`,
    `0123 456 789,${nfd("Lê Văn Sai Số")},"Tổ 9, ${HAMLET_NAME}",2,E2E-${RUN}-3`,
    `0914${digits},,"Tổ 9, ${HAMLET_NAME}",1,E2E-${RUN}-4`,
    `+84 912 ${digits.slice(0, 3)} ${digits.slice(3)},${nfd(NEW_HEAD_1)},"Tổ 9, đường liên ấp, ${HAMLET_NAME}",4,E2E-${RUN}-1`,
  ];
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

// Shared by the steps below, which run in order.
let leader: Session;
let hamletId = "";
let communeId = "";
let before: { households: number; covered: number; hamletHouseholds: number; hamletCovered: number };
let afterImport: { households: number; covered: number; hamletCovered: number };
let inviteUrl = "";
let resident: Session;
let manageUrl = "";

describe("households, import, invitation and coverage", () => {
  useBrowser();

  it(
    "the leader reads the hamlet's and the commune's coverage, and the screens agree with the API",
    async () => {
      leader = await signIn(LEADER_PHONE);
      const { page } = leader;
      // The leader leads two groups; the navigation names each by its hamlet.
      await page.getByTestId("nav-group").filter({ hasText: HAMLET_NAME }).click();
      await page.getByTestId("group-page").waitFor();
      await page.getByTestId("outreach-card").waitFor();
      const householdsHref = (await page.getByTestId("outreach-households").getAttribute("href")) ?? "";
      hamletId = /\/hamlets\/([^/]+)\/households/.exec(householdsHref)?.[1] ?? "";
      expect(hamletId).not.toBe("");

      const shown = await readHeadline(page, "hamlet-coverage");
      const api = await apiGet<THamletCoverage>(page, `/hamlets/${hamletId}/coverage`);
      expect(api.name).toBe(HAMLET_NAME);
      expect(shown).toMatchObject({ households: api.households, covered: api.covered, percent: api.percent });
      expect(shown.text).toBe(`(${viPercent(api.percent)})`);
      await screenshot(page, "households-group-outreach");

      await page.getByTestId("outreach-commune-coverage").click();
      await page.getByTestId("coverage-page").waitFor();
      communeId = /\/communes\/([^/]+)\/coverage/.exec(new URL(page.url()).pathname)?.[1] ?? "";
      const { commune, hamlet } = await communeCoverageAgrees(page, communeId, hamletId);
      expect(hamlet).toMatchObject({
        households: api.households,
        covered: api.covered,
        percent: api.percent,
      });
      expect(await page.getByTestId("hamlet-coverage-chart").isVisible()).toBe(true);
      expect(await page.getByTestId("coverage-trend-chart").isVisible()).toBe(true);
      before = {
        households: commune.households,
        covered: commune.covered,
        hamletHouseholds: hamlet.households,
        hamletCovered: hamlet.covered,
      };
      await screenshot(page, "households-coverage");
    },
    TEST_TIMEOUT,
  );

  it(
    "imports a messy CSV: the preview counts and explains each rejected row, then the import runs",
    async () => {
      const { page } = leader;
      await page.goto(`${BASE_URL}/hamlets/${hamletId}/import`);
      await page.getByTestId("import-page").waitFor();

      // A file without a head-of-household column is refused as a whole, with the reason in Vietnamese.
      await page.getByTestId("import-file").setInputFiles({
        name: "khong-co-cot-chu-ho.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("Số thứ tự,Ghi chú\r\n1,abc\r\n", "utf8"),
      });
      await page.getByTestId("import-file-error").waitFor();
      expect(await page.getByTestId("import-file-error").textContent()).toMatch(/chủ hộ/);
      forgiveFailedLoads(leader, 400);

      await page
        .getByTestId("import-file")
        .setInputFiles({ name: "danh-sach-ho-tan-phu.csv", mimeType: "text/csv", buffer: messyCsv() });
      await page.getByTestId("import-preview").waitFor();

      const count = async (action: string) =>
        Number(
          await page
            .getByTestId(`import-counts-preview`)
            .getByTestId(`import-count-${action}`)
            .getAttribute("data-count"),
        );
      expect(await count("create")).toBe(2);
      expect(await count("update")).toBe(0);
      expect(await count("unchanged")).toBe(0);
      expect(await count("reject")).toBe(3);

      // New rows arrive in NFC with national phone numbers, whatever the file's form.
      const created = page.locator('[data-testid="import-row"][data-action="create"]');
      expect(await created.count()).toBe(2);
      const createdText = (await created.allTextContents()).join(" | ");
      expect(createdText).toContain(NEW_HEAD_1);
      expect(createdText).toContain(NEW_HEAD_2);
      expect(createdText).toContain(PHONE_1);
      expect(createdText).toContain(PHONE_2);

      // Each rejected row says why, in Vietnamese.
      await page.getByTestId("import-only-rejected").check();
      const rejected = page.locator('[data-testid="import-row"][data-action="reject"]');
      await expect.poll(() => page.getByTestId("import-row").count()).toBe(3);
      const reasons = (await rejected.getByTestId("import-row-notes").allTextContents()).join(" | ");
      expect(reasons).toMatch(/điện thoại/i);
      expect(reasons).toMatch(/họ tên|chủ hộ/i);
      expect(reasons).toMatch(/trùng/i);
      await screenshot(page, "households-import-preview");

      await page.getByTestId("import-submit").click();
      await page.locator('[data-testid="import-result"][data-status="done"]').waitFor({ timeout: 60_000 });
      const progress = page.getByTestId("import-result").getByRole("progressbar");
      expect(await progress.getAttribute("aria-valuenow")).toBe("100");
      const result = page.getByTestId("import-counts-result");
      expect(await result.getByTestId("import-count-create").getAttribute("data-count")).toBe("2");
      expect(await result.getByTestId("import-count-reject").getAttribute("data-count")).toBe("3");
      await expect.poll(() => page.getByTestId("import-history-row").count()).toBeGreaterThan(0);
      await screenshot(page, "households-import-result");
      // The result links back to the households and to the coverage.
      expect(await page.getByTestId("import-view-households").getAttribute("href")).toBe(
        `/hamlets/${hamletId}/households`,
      );
      expect(await page.getByTestId("import-view-coverage").getAttribute("href")).toBe(
        `/communes/${communeId}/coverage`,
      );

      // The same file again: nothing new, so nothing to import.
      await page.getByRole("button", { name: "Nhập tệp khác" }).click();
      await page
        .getByTestId("import-file")
        .setInputFiles({ name: "danh-sach-ho-tan-phu.csv", mimeType: "text/csv", buffer: messyCsv() });
      await page.getByTestId("import-preview").waitFor();
      expect(await count("create")).toBe(0);
      expect(await count("unchanged")).toBe(2);
      expect(await count("reject")).toBe(3);
      expect(await page.getByTestId("import-nothing").isVisible()).toBe(true);
      expect(await page.getByTestId("import-submit").count()).toBe(0);

      // Back to the commune's coverage: two more households, the same households covered.
      const { commune, hamlet } = await communeCoverageAgrees(page, communeId, hamletId);
      expect(commune.households).toBe(before.households + 2);
      expect(hamlet.households).toBe(before.hamletHouseholds + 2);
      expect(commune.covered).toBe(before.covered);
      expect(commune.percent).toBeCloseTo(percentOf(before.covered, before.households + 2), 1);
      afterImport = {
        households: commune.households,
        covered: commune.covered,
        hamletCovered: hamlet.covered,
      };
    },
    TEST_TIMEOUT,
  );

  it(
    "invites one new household: the list finds it without accents and the invitation has a link and QR",
    async () => {
      const { page } = leader;
      await page.goto(`${BASE_URL}/hamlets/${hamletId}/households?reached=no`);
      await page.getByTestId("households-page").waitFor();
      // Typed without accents, as people do on a phone keyboard.
      const folded = NEW_HEAD_1.normalize("NFD")
        .replace(/\p{M}/gu, "")
        .replace(/đ/g, "d")
        .replace(/Đ/g, "D")
        .toLowerCase();
      await page.getByTestId("households-search").fill(folded);
      // The search settles after a short pause; then every row shown is a match. (Against a server
      // that earlier runs used, an older namesake may be listed too: the phone tells them apart.)
      const row = page.getByTestId("household-row").filter({ hasText: PHONE_1 });
      await row.waitFor();
      await expect
        .poll(async () => {
          const names = await page.getByTestId("household-name").allTextContents();
          return names.length > 0 && names.every((name) => name === NEW_HEAD_1);
        })
        .toBe(true);
      expect(await row.getByTestId("contact-status").textContent()).toBe("Chưa liên hệ");

      await row.getByTestId("household-invite").click();
      await page.getByTestId("invite-panel").waitFor();
      inviteUrl = (await page.getByTestId("invite-link-value").inputValue()).trim();
      expect(inviteUrl).toMatch(/\/join\/[A-Za-z0-9_.-]+$/);
      expect(await page.getByTestId("invite-qr").getAttribute("src")).toMatch(/^data:image\//);
      await screenshot(page, "households-invite");
      await page.getByTestId("household-dialog").getByRole("button", { name: "Đóng", exact: true }).click();
      await page.getByTestId("household-dialog").waitFor({ state: "detached" });
      // Inviting marks the household "Đã mời".
      await expect.poll(() => row.getByTestId("contact-status").textContent()).toBe("Đã mời");
    },
    TEST_TIMEOUT,
  );

  it(
    "a resident opens the invitation without an account, ticks the required consents and joins",
    async () => {
      resident = await openSession(PHONE_VIEWPORT);
      const { page } = resident;
      // The invitation names the server's public address; this test reaches it at BASE_URL.
      await page.goto(`${BASE_URL}${new URL(inviteUrl).pathname}`);
      await page.getByTestId("join-form").waitFor();
      // A personal invitation says which household it is for.
      expect(await page.getByTestId("join-household").isVisible()).toBe(true);
      expect(await page.getByTestId("consent-version").textContent()).toMatch(/\d/);

      // Nothing is ticked in advance, and the button waits for the required consents.
      const boxes = page.getByTestId("consent-section").locator('input[type="checkbox"]');
      expect(await boxes.count()).toBe(3);
      for (const box of await boxes.all()) {
        expect(await box.isChecked()).toBe(false);
      }
      const submit = page.getByTestId("join-submit");
      expect(await submit.isDisabled()).toBe(true);
      await page.getByTestId("join-name").fill(NEW_HEAD_1);
      await page.getByTestId("join-phone").fill(PHONE_1);
      await page.getByLabel(/Tôi đồng ý tham gia nhóm/).check();
      expect(await submit.isDisabled()).toBe(true);
      await page.getByLabel(/người đại diện cho hộ gia đình/).check();
      expect(await submit.isDisabled()).toBe(false);
      expect(await page.getByTestId("consent-OFFICER_CONTACT").isChecked()).toBe(false);
      await screenshot(page, "households-join-form");

      await submit.click();
      await page.locator('[data-testid="join-result"][data-status="joined"]').waitFor();
      manageUrl = await page.getByTestId("manage-link-value").inputValue();
      expect(manageUrl).toMatch(/\/membership\/[A-Za-z0-9_.-]+$/);
      const stored = await page.evaluate(() => window.localStorage.getItem("binhyen.memberships") ?? "");
      expect(stored).toContain(new URL(manageUrl).pathname.split("/").pop() ?? "-");
      await screenshot(page, "households-join-result");

      // A public page never asks who is signed in.
      expect(resident.apiCalls.some((call) => call.endsWith("/api/me"))).toBe(false);
      expect(resident.errors, "no console errors on the public page").toEqual([]);

      const { commune, hamlet } = await communeCoverageAgrees(leader.page, communeId, hamletId);
      expect(commune.households).toBe(afterImport.households);
      expect(commune.covered).toBe(afterImport.covered + 1);
      expect(hamlet.covered).toBe(afterImport.hamletCovered + 1);
      expect(commune.percent).toBeCloseTo(percentOf(afterImport.covered + 1, afterImport.households), 1);
      await screenshot(leader.page, "households-coverage-after-join");
    },
    TEST_TIMEOUT,
  );

  it(
    "the resident withdraws consent with the management link, and coverage drops back",
    async () => {
      const { page } = resident;
      await page.goto(`${BASE_URL}${new URL(manageUrl).pathname}`);
      await page.locator('[data-testid="membership-card"][data-status="active"]').waitFor();
      await page.getByTestId("membership-withdraw").click();
      // The confirmation explains the effect before anything happens.
      expect(await page.locator(".confirm__question").textContent()).toMatch(/xoá/);
      await page.getByRole("button", { name: "Xác nhận", exact: true }).click();
      await page.locator('[data-testid="membership-card"][data-status="withdrawn"]').waitFor();
      await screenshot(page, "households-membership-withdrawn");
      expect(resident.apiCalls.some((call) => call.endsWith("/api/me"))).toBe(false);
      expect(resident.errors, "no console errors on the public pages").toEqual([]);

      const { commune, hamlet } = await communeCoverageAgrees(leader.page, communeId, hamletId);
      expect(commune.covered).toBe(afterImport.covered);
      expect(hamlet.covered).toBe(afterImport.hamletCovered);
      expect(commune.percent).toBeCloseTo(percentOf(afterImport.covered, afterImport.households), 1);
      expect(leader.errors, "no console errors for the leader").toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
