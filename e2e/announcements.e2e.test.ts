import type { TMeResponse } from "@binhyen/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiGet,
  BASE_URL,
  close,
  PHONE_VIEWPORT,
  type Session,
  screenshot,
  signIn,
  testPng,
  useBrowser,
} from "./helpers";

const PHONE = { leader: "0900000011", member: "0900000031" } as const;
const HAMLET_NAME = "Ấp Tân Phú";
const TEST_TIMEOUT = 120_000;

// Each run publishes a new notice; the title carries the run so a rerun finds its own.
const RUN = Date.now() % 1_000_000;
const TITLE = `Truy nã đối tượng trộm xe máy (lần thử ${RUN})`;
const PERSON = "Lê Văn Tẩu";
const CITIZEN_ID = "079203001234";

/** dd/mm/yyyy in Vietnam, `days` from now. */
function vnDate(days: number): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(Date.now() + days * 24 * 60 * 60 * 1000);
}

/** With the network off, Chromium logs each failed request (the live stream retrying, say). */
function forgiveOffline(session: Session): void {
  const kept = session.errors.filter(
    (e) => !/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_FAILED|Failed to fetch|EventSource/.test(e),
  );
  session.errors.splice(0, session.errors.length, ...kept);
}

/** The feed item of this run's notice. */
const notice = (page: Page) => page.getByTestId("feed-item").filter({ hasText: TITLE });

// Shared by the steps below, which run in order.
let leader: Session;
let member: Session;
let groupId = "";
let announcementId = "";

describe("announcements: wanted notice, live feed, acknowledgement, content check, offline", () => {
  useBrowser();

  it(
    "a member lands on “Bảng tin” of their group and keeps it open; the service worker takes over",
    async () => {
      member = await signIn(PHONE.member, PHONE_VIEWPORT);
      const { page } = member;
      // A plain member's home is the feed; with one group it opens that group's feed at once.
      await page.getByTestId("group-feed-page").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/groups\/[^/]+\/feed$/);
      groupId = (await page.getByTestId("group-feed-page").getAttribute("data-group-id")) ?? "";
      expect(groupId).not.toBe("");
      expect(await page.getByTestId("nav-feed").textContent()).toContain("Bảng tin");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bảng tin");
      const me = await apiGet<TMeResponse>(page, "/me");
      expect(me.roles.map((r) => r.role)).toEqual(["GROUP_MEMBER"]);
      expect(await notice(page).count()).toBe(0);
      // The offline step below needs the worker in control of this very page.
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
        .toBe(true);
      // Marks this document: if the page reloaded, the mark would be gone.
      await page.evaluate(() => {
        document.documentElement.dataset.e2eMark = "still-here";
      });
    },
    TEST_TIMEOUT,
  );

  it(
    "the composer refuses a 12-digit citizen ID, with the Vietnamese message beside the text",
    async () => {
      leader = await signIn(PHONE.leader);
      const { page } = leader;
      await page.getByTestId("group-page").waitFor();
      await page.getByTestId("nav-announcements").click();
      await page.getByTestId("announcements-page").waitFor();
      await page.getByTestId("compose-announcement").click();
      await page.getByTestId("composer").waitFor();

      // The category's template fills title and body.
      await page.getByTestId("composer-category").selectOption("SECURITY_SITUATION");
      expect(await page.getByTestId("composer-title").inputValue()).toBe(
        "Tình hình an ninh trật tự trên địa bàn",
      );
      // The leader addresses only the groups they lead (two in the demo), and no "whole commune".
      expect(await page.getByTestId("audience-commune").count()).toBe(0);
      expect(await page.getByTestId("audience-group").count()).toBe(2);
      expect(await page.getByTestId("audience").textContent()).toContain(HAMLET_NAME.replace("Ấp ", ""));
      await page.locator(`[data-testid="audience-group"][data-group-id="${groupId}"]`).check();

      await page
        .getByTestId("composer-body")
        .fill(`Đối tượng khai số căn cước ${CITIZEN_ID} khi thuê trọ. Bà con **cảnh giác**.`);
      // The preview draws the marks.
      expect(await page.getByTestId("composer-preview").locator("strong").textContent()).toBe("cảnh giác");
      await page.getByTestId("composer-check").click();
      await page.getByTestId("content-check-blocked").waitFor();
      const bodyField = page.locator(".field", { has: page.getByTestId("composer-body") });
      const message = (await bodyField.locator(".field__error").textContent()) ?? "";
      expect(message).toContain("số căn cước công dân");
      expect(message).not.toContain(CITIZEN_ID);
      expect(await page.getByTestId("composer-body").getAttribute("aria-invalid")).toBe("true");
      await screenshot(page, "announcements-content-blocked");

      // "Đăng" checks again and does not publish.
      await page.getByTestId("composer-publish").click();
      await page.getByTestId("content-check-blocked").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/\/announcements\/new$/);
    },
    TEST_TIMEOUT,
  );

  it(
    "the leader publishes a wanted notice with a photo, an expiry and acknowledgement to Ấp Tân Phú",
    async () => {
      const { page } = leader;
      await page.reload();
      await page.getByTestId("composer").waitFor();
      await page.getByTestId("composer-category").selectOption("WANTED_PERSON");
      expect(await page.getByTestId("composer-title").inputValue()).toBe("Thông báo truy nã");
      await page.getByTestId("composer-title").fill(TITLE);
      await page.getByTestId("notice-name").fill(PERSON);
      await page
        .getByTestId("notice-description")
        .fill("Nam, khoảng 30 tuổi, cao 1m70, tóc ngắn, có hình xăm rồng ở cánh tay trái.");
      await page.getByTestId("notice-last-seen").fill("Chợ Tân Phú, khoảng 17 giờ chiều thứ Bảy.");
      await page.getByTestId("notice-contact").fill("Trực ban Công an xã Đồng Tâm");
      await page.getByTestId("notice-photo-input").setInputFiles({
        name: "doi-tuong.png",
        mimeType: "image/png",
        buffer: testPng(30, 40, (x, y) => [90, Math.round((y / 40) * 255), Math.round((x / 30) * 255)]),
      });
      await page.getByTestId("notice-photo-item").waitFor();
      // An expiry is required for a wanted notice.
      await page.getByTestId("composer-expires-date").fill(vnDate(30));
      await page.getByTestId("composer-expires-time").fill("23:00");
      await page.getByTestId("composer-requires-ack").check();
      await page.getByTestId("composer-urgent").check();
      // Only Ấp Tân Phú, the member's hamlet.
      await page.locator(`[data-testid="audience-group"][data-group-id="${groupId}"]`).check();
      await screenshot(page, "announcements-composer");

      await page.getByTestId("composer-publish").click();
      await page.getByTestId("announcement-page").waitFor();
      announcementId =
        (await page.getByTestId("announcement-page").getAttribute("data-announcement-id")) ?? "";
      expect(announcementId).not.toBe("");
      expect(await page.getByTestId("announcement-status").textContent()).toBe("Đã đăng");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
      expect(await page.getByTestId("person-notice-name").textContent()).toBe(PERSON);
      await page.getByTestId("person-notice-photo").waitFor();
      expect(await page.getByTestId("cap-link").getAttribute("href")).toBe(
        `/api/announcements/${announcementId}/cap.xml`,
      );
      const cap = await page.evaluate(async (id) => {
        const response = await fetch(`/api/announcements/${id}/cap.xml`, { credentials: "same-origin" });
        return { status: response.status, text: await response.text() };
      }, announcementId);
      expect(cap.status).toBe(200);
      expect(cap.text).toContain("urn:oasis:names:tc:emergency:cap:1.2");
    },
    TEST_TIMEOUT,
  );

  it(
    "the member sees it arrive without a reload, can report about it, and acknowledges it",
    async () => {
      const { page } = member;
      await notice(page).waitFor({ timeout: 20_000 });
      // The same document: nothing reloaded.
      expect(await page.evaluate(() => document.documentElement.dataset.e2eMark)).toBe("still-here");
      const item = notice(page);
      expect(await item.getAttribute("data-unread")).toBe("true");
      expect(await item.textContent()).toContain("Khẩn");
      await item.getByTestId("person-notice-photo").waitFor();
      await expect.poll(() => page.getByTestId("nav-feed-unread").count()).toBe(1);

      await item.getByTestId("feed-item-toggle").click();
      await item.getByTestId("feed-item-body").waitFor();
      await expect.poll(() => item.getAttribute("data-unread")).toBe("false");
      await screenshot(page, "announcements-member-feed");

      // "Báo tin cho công an" opens the report form about this notice.
      const report = item.getByTestId("feed-item-report");
      expect(await report.getAttribute("href")).toContain(`announcementId=${announcementId}`);
      await report.click();
      await page.getByTestId("report-form").waitFor();
      expect(await page.getByTestId("report-about").textContent()).toBe(`Liên quan thông báo: ${TITLE}`);
      await page.goBack();
      await page.getByTestId("group-feed-page").waitFor();
      await notice(page).waitFor();

      await notice(page).getByTestId("feed-item-ack").click();
      const acked = notice(page).getByTestId("feed-item-acked");
      await acked.waitFor();
      expect(await acked.textContent()).toMatch(/^Đã xác nhận lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
      expect(await page.evaluate(() => document.documentElement.dataset.e2eMark)).toBe("still-here");
    },
    TEST_TIMEOUT,
  );

  it(
    "the leader's page of the notice counts the member's acknowledgement",
    async () => {
      const { page } = leader;
      await page.goto(`${BASE_URL}/announcements/${announcementId}`);
      await page.getByTestId("delivery-stats").waitFor();
      await expect.poll(() => page.getByTestId("stats-acknowledged").textContent()).toMatch(/^1\s/);
      await page.getByTestId("stats-group-chart").waitFor();
      // Urgent and not acknowledged by everyone: the list to phone says so.
      const recipients = page.getByTestId("recipients");
      await recipients.getByTestId("recipients-urgent").waitFor();
      await recipients.getByText("Tất cả", { exact: true }).click();
      // Exactly one household has acknowledged: the member's (listed by the household head's name).
      const acked = recipients.locator('[data-testid="recipient-row"][data-acked="true"]');
      await expect.poll(() => acked.count()).toBe(1);
      expect(await acked.textContent()).toContain("Đã xác nhận lúc");
      expect(await recipients.getByTestId("recipient-row").count()).toBeGreaterThan(1);
      await screenshot(page, "announcements-leader-detail");
      await close(leader);
    },
    TEST_TIMEOUT,
  );

  it(
    "offline, the member's feed reloads from the service worker's cache under the offline banner",
    async () => {
      const { page, context } = member;
      // The feed as last fetched (after the notice arrived) is in the worker's cache.
      await expect
        .poll(() =>
          page.evaluate(async (id) => {
            const names = await caches.keys();
            for (const name of names.filter((n) => n.startsWith("binhyen-api-"))) {
              const cached = await (await caches.open(name)).match(`/api/groups/${id}/feed`);
              if (cached && (await cached.text()).includes("lần thử")) {
                return true;
              }
            }
            return false;
          }, groupId),
        )
        .toBe(true);

      await context.setOffline(true);
      await page.reload();
      await page.getByTestId("group-feed-page").waitFor();
      await page.getByTestId("offline-banner").waitFor();
      expect(await page.getByTestId("offline-banner").textContent()).toBe(
        "Đang ngoại tuyến — hiển thị bản đã lưu",
      );
      await notice(page).waitFor();
      await screenshot(page, "announcements-member-offline");
      await context.setOffline(false);
      forgiveOffline(member);
      await close(member);
    },
    TEST_TIMEOUT,
  );
});
