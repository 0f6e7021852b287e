/**
 * Browser tests of the web app, as each demo role signs in and clicks (DESIGN.md §5 accounts).
 * Needs a running demo server: BINHYEN_E2E_URL (set by the e2e global setup). Drives Debian's
 * Chromium through playwright-core; every page must load without console errors, so a CSP
 * violation (inline script or style) fails the test. One screenshot per role goes to
 * e2e/screenshots/ for people to look at.
 */
import { describe, expect, it } from "vitest";
import {
  BASE_URL,
  close,
  forgiveFailedLoads,
  openSession,
  PHONE_VIEWPORT,
  screenshot,
  signIn,
  useBrowser,
} from "./helpers";

const TEST_TIMEOUT = 90_000;

const PHONE = {
  communeChief: "0900000001",
  communeDeputy: "0900000002",
  leaderFirstHamlet: "0900000011",
  groupDeputy: "0900000021",
  groupMember: "0900000031",
  leaderSecondHamlet: "0900000012",
  provinceOfficer: "0900000009",
} as const;

describe("web app by role", () => {
  useBrowser();

  it(
    "shows the sign-in page in Vietnamese, and refuses a wrong password",
    async () => {
      const session = await openSession(PHONE_VIEWPORT);
      const { page } = session;
      await page.goto(`${BASE_URL}/`);
      await page.getByTestId("login-form").waitFor();
      expect(await page.getByRole("heading", { name: "Đăng nhập" }).isVisible()).toBe(true);
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      await screenshot(page, "sign-in");

      // A wrong password answers 401, which Chromium logs as a failed resource load: expected here.
      await page.getByLabel("Số điện thoại", { exact: true }).fill(PHONE.groupMember);
      await page.getByLabel("Mật khẩu", { exact: true }).fill("not-the-password");
      await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
      await page.getByTestId("login-error").waitFor();
      expect(await page.getByTestId("login-error").textContent()).toMatch(/không đúng/);
      forgiveFailedLoads(session, 401);
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "commune chief: commune page with every hamlet, officers page and the 2FA setting",
    async () => {
      const session = await signIn(PHONE.communeChief);
      const { page } = session;
      await page.getByTestId("commune-page").waitFor();
      await expect.poll(() => page.getByTestId("hamlet-row").count()).toBeGreaterThanOrEqual(6);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Đồng Tâm");
      expect(await page.getByTestId("add-hamlet").isVisible()).toBe(true);
      // Deputies are shown with their translated titles.
      expect(await page.getByTestId("hamlet-row").first().textContent()).toContain("Bí thư chi bộ");
      await screenshot(page, "commune-chief");

      await page.getByTestId("officers-link").click();
      await page.getByTestId("officers-page").waitFor();
      await expect.poll(() => page.getByTestId("officer-row").count()).toBeGreaterThan(0);
      await page.getByTestId("require-totp-toggle").waitFor({ state: "attached" });
      await screenshot(page, "commune-chief-officers");

      await page.goto(`${BASE_URL}/khong-co-trang-nay`);
      await page.getByTestId("not-found-page").waitFor();
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "commune deputy: commune page and officers link, without the chief's 2FA setting",
    async () => {
      const session = await signIn(PHONE.communeDeputy, PHONE_VIEWPORT);
      const { page } = session;
      await page.getByTestId("commune-page").waitFor();
      await expect.poll(() => page.getByTestId("hamlet-row").count()).toBeGreaterThanOrEqual(6);
      expect(await page.getByTestId("officers-link").isVisible()).toBe(true);
      await screenshot(page, "commune-deputy");

      await page.getByTestId("officers-link").click();
      await page.getByTestId("officers-page").waitFor();
      await expect.poll(() => page.getByTestId("officer-row").count()).toBeGreaterThan(0);
      // Once the commune has loaded (its link shows), the chief-only setting is still absent.
      await page.getByTestId("officers-commune-link").waitFor();
      expect(await page.getByTestId("require-totp-toggle").count()).toBe(0);
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "leader of the first hamlet: their group, its members and an accent-free search",
    async () => {
      const session = await signIn(PHONE.leaderFirstHamlet);
      const { page } = session;
      await page.getByTestId("group-page").waitFor();
      await expect.poll(() => page.getByTestId("member-row").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("edit-group-button").isVisible()).toBe(true);
      await screenshot(page, "group-leader");

      // "nguyen" without accents finds "Nguyễn …" (the server searches on folded text).
      await page.getByTestId("members-search").fill("nguyen");
      await expect
        .poll(async () => {
          const names = await page.getByTestId("member-row").locator(".member__name").allTextContents();
          return names.length > 0 && names.every((name) => name.includes("Nguyễn"));
        })
        .toBe(true);
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "group deputy: their group with the edit-profile button",
    async () => {
      const session = await signIn(PHONE.groupDeputy, PHONE_VIEWPORT);
      const { page } = session;
      await page.getByTestId("group-page").waitFor();
      expect(await page.getByTestId("edit-group-button").isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId("member-row").count()).toBeGreaterThan(0);
      await screenshot(page, "group-deputy");
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "group member: lands on the group's news board; the group page is read-only",
    async () => {
      const session = await signIn(PHONE.groupMember, PHONE_VIEWPORT);
      const { page } = session;
      await page.getByTestId("group-feed-page").waitFor();
      await page.getByTestId("nav-group").click();
      await page.getByTestId("group-page").waitFor();
      await expect.poll(() => page.getByTestId("member-row").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("edit-group-button").count()).toBe(0);
      expect(await page.getByTestId("add-deputy").count()).toBe(0);
      expect(await page.getByTestId("remove-deputy").count()).toBe(0);
      await screenshot(page, "group-member");

      // Another group's address (or one that does not exist) answers 404: a clear page, no crash.
      await page.goto(`${BASE_URL}/groups/00000000-0000-4000-8000-000000000000`);
      await page.getByTestId("page-unavailable").waitFor();
      forgiveFailedLoads(session, 404);
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "leader of the second hamlet: their own group",
    async () => {
      const session = await signIn(PHONE.leaderSecondHamlet, PHONE_VIEWPORT);
      const { page } = session;
      await page.getByTestId("group-page").waitFor();
      expect(await page.getByTestId("group-name").textContent()).toContain("Đồng Tiến");
      expect(await page.getByTestId("edit-group-button").isVisible()).toBe(true);
      await screenshot(page, "group-leader-second-hamlet");
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "province officer: the province summary with the commune row and the chart",
    async () => {
      const session = await signIn(PHONE.provinceOfficer, PHONE_VIEWPORT);
      const { page } = session;
      await page.getByTestId("province-page").waitFor();
      await page.getByTestId("commune-row").filter({ hasText: "Đồng Tâm" }).waitFor();
      expect(await page.getByTestId("members-chart").isVisible()).toBe(true);
      await screenshot(page, "province-officer");
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "the leader edits the group description, and it is still there after a reload",
    async () => {
      const session = await signIn(PHONE.leaderFirstHamlet);
      const { page } = session;
      await page.getByTestId("group-page").waitFor();
      const description = `Nhóm của ấp, cập nhật lúc ${new Date().toISOString()} – thử nghiệm tự động.`;

      await page.getByTestId("edit-group-button").click();
      await page.getByTestId("group-edit-dialog").waitFor();
      await page.getByLabel("Giới thiệu").fill(description);
      await page.getByTestId("group-save").click();
      await page.getByTestId("group-edit-dialog").waitFor({ state: "detached" });
      await expect.poll(() => page.getByTestId("group-description").textContent()).toBe(description);

      await page.reload();
      await page.getByTestId("group-page").waitFor();
      expect(await page.getByTestId("group-description").textContent()).toBe(description);
      await screenshot(page, "group-leader-edited");
      await close(session);
    },
    TEST_TIMEOUT,
  );

  it(
    "switches to English, keeps it after a reload, and back to Vietnamese",
    async () => {
      const session = await signIn(PHONE.communeDeputy);
      const { page } = session;
      await page.getByTestId("commune-page").waitFor();

      // The choice is saved to the account too (PATCH /api/me); wait for it so nothing is cut off.
      const savedEnglish = page.waitForResponse(
        (r) => r.url().endsWith("/api/me") && r.request().method() === "PATCH",
      );
      await page.getByTestId("lang-en").click();
      expect((await savedEnglish).ok()).toBe(true);
      await page.getByRole("link", { name: "Account", exact: true }).waitFor();
      expect(await page.getByRole("heading", { name: "Hamlets and groups" }).isVisible()).toBe(true);
      expect(await page.getByTestId("officers-link").textContent()).toBe("Manage officers");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await screenshot(page, "english");

      await page.reload();
      await page.getByTestId("commune-page").waitFor();
      expect(await page.getByRole("link", { name: "Account", exact: true }).isVisible()).toBe(true);

      // Back to Vietnamese, which also restores the account's saved language for other tests.
      const savedVietnamese = page.waitForResponse(
        (r) => r.url().endsWith("/api/me") && r.request().method() === "PATCH",
      );
      await page.getByTestId("lang-vi").click();
      expect((await savedVietnamese).ok()).toBe(true);
      await page.getByRole("link", { name: "Tài khoản", exact: true }).waitFor();
      expect(await page.getByRole("heading", { name: "Các ấp và nhóm" }).isVisible()).toBe(true);
      await close(session);
    },
    TEST_TIMEOUT,
  );
});
