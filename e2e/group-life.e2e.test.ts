/**
 * Group life in the browser (issue #6): in Ấp Tân Phú's group, which is pre-moderated, a member posts
 * a lost-dog notice with a phone number in "Thảo luận" and sees it held, with the personal-data
 * reason; the group's deputy opens the moderation queue and rejects it with a reason; the member,
 * after a reload, sees "Bị từ chối" with that reason; the commune chief's console counted the post
 * while it waited and counts the violation (PERSONAL_DATA) after. The demo data may already hold
 * posts, so every number is compared with its value before the run. Needs a running demo server:
 * BINHYEN_E2E_URL (set by the e2e global setup).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { close, PHONE_VIEWPORT, type Session, screenshot, signIn, useBrowser } from "./helpers";

const PHONE = { member: "0900000031", groupDeputy: "0900000021", chief: "0900000001" } as const;
const HAMLET_NAME = "Ấp Tân Phú";
const POST_TEXT = "Ai thấy con chó lạc gọi em 0912 345 678";
// The reason carries the run, so a rerun against the same server checks its own.
const RUN = Date.now() % 1_000_000;
const REJECT_REASON = `Bài có số điện thoại cá nhân. Hãy nhắn riêng cho Trưởng nhóm (lần thử ${RUN}).`;
const TEST_TIMEOUT = 120_000;

/** "1.234" (Vietnamese grouping) → 1234. */
function toNumber(text: string | null): number {
  const digits = (text ?? "").replace(/\D/g, "");
  return digits === "" ? Number.NaN : Number(digits);
}

interface ConsoleFigures {
  held: number;
  flagged: number;
  personalData: number;
}

/** The console's row of Ấp Tân Phú and its PERSONAL_DATA bar, as shown. */
async function consoleFigures(page: Page): Promise<ConsoleFigures> {
  const row = page.getByTestId("console-group-row").filter({ hasText: HAMLET_NAME });
  const bar = page.locator('[data-testid="console-rule-chart"] g[data-rule="PERSONAL_DATA"]');
  return {
    held: toNumber(await row.getByTestId("console-held").textContent()),
    flagged: toNumber(await row.getByTestId("console-flagged").textContent()),
    personalData: toNumber(await bar.getAttribute("data-count")),
  };
}

// Shared by the steps below, which run in order.
let chief: Session;
let member: Session;
let before: ConsoleFigures;
let groupId = "";
let postId = "";

describe("group life: a held post, its rejection, and the management console", () => {
  useBrowser();

  it(
    "the chief opens the moderation console from the commune page and notes Ấp Tân Phú's figures",
    async () => {
      chief = await signIn(PHONE.chief);
      const { page } = chief;
      await page.getByTestId("commune-page").waitFor();
      await page.getByTestId("console-link").click();
      await page.getByTestId("console-page").waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Kiểm duyệt toàn xã");
      const row = page.getByTestId("console-group-row").filter({ hasText: HAMLET_NAME });
      groupId = (await row.getAttribute("data-group-id")) ?? "";
      expect(groupId).not.toBe("");
      before = await consoleFigures(page);
      expect(before.held).toBeGreaterThanOrEqual(0);
      expect(before.flagged).toBeGreaterThanOrEqual(0);
      expect(before.personalData).toBeGreaterThanOrEqual(0);
      // The settings panel shows the policy, its rule labels in Vietnamese.
      await page.getByTestId("moderation-settings").waitFor();
      expect(
        await page.getByTestId("settings-action-PERSONAL_DATA").locator("option:checked").textContent(),
      ).toBe("Giữ lại chờ duyệt");
    },
    TEST_TIMEOUT,
  );

  it(
    "the member posts a phone number in “Thảo luận” and sees it held, with the personal-data reason",
    async () => {
      member = await signIn(PHONE.member, PHONE_VIEWPORT);
      const { page } = member;
      await page.getByTestId("group-feed-page").waitFor();
      await page.getByTestId("group-tab-posts").click();
      await page.getByTestId("group-posts-page").waitFor();
      expect(await page.getByTestId("group-posts-page").getAttribute("data-group-id")).toBe(groupId);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thảo luận");
      // Pre-moderated: members are told before they write.
      await page.getByTestId("posts-premoderated").waitFor();

      await page.getByTestId("composer-body").fill(POST_TEXT);
      await page.getByTestId("composer-submit").click();
      const result = page.getByTestId("post-result");
      await result.waitFor();
      expect(await result.getAttribute("data-status")).toBe("held");
      postId = (await result.getAttribute("data-post-id")) ?? "";
      expect(postId).not.toBe("");
      const resultReason = result.locator('[data-testid="post-reason"][data-rule="PERSONAL_DATA"]');
      expect(await resultReason.textContent()).toContain("Thông tin cá nhân");
      expect(await resultReason.textContent()).toContain("số điện thoại");

      // In the list, only the author sees it, marked as waiting, with the same reason.
      const post = page.locator(`[data-testid="post"][data-post-id="${postId}"]`);
      await post.waitFor();
      expect(await post.getByTestId("post-body").textContent()).toBe(POST_TEXT);
      const held = post.getByTestId("post-held");
      expect(await held.textContent()).toContain("Đang chờ duyệt");
      expect(await held.locator('[data-rule="PERSONAL_DATA"]').textContent()).toContain(
        "Không đăng thông tin cá nhân",
      );
      expect(await post.getByTestId("report-post").count()).toBe(0);
      await screenshot(page, "group-life-member-held");
    },
    TEST_TIMEOUT,
  );

  it(
    "the chief's console counts the waiting post without a reload",
    async () => {
      const { page } = chief;
      await expect
        .poll(async () => (await consoleFigures(page)).held, { timeout: 20_000 })
        .toBe(before.held + 1);
      const now = await consoleFigures(page);
      expect(now.flagged).toBe(before.flagged);
      expect(now.personalData).toBeGreaterThanOrEqual(before.personalData + 1);
      await page.locator(`[data-testid="console-pending"] [data-post-id="${postId}"]`).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    "the group deputy opens moderation and rejects the post with a reason",
    async () => {
      const deputy = await signIn(PHONE.groupDeputy, PHONE_VIEWPORT);
      const { page } = deputy;
      await page.getByTestId("group-page").waitFor();
      const link = page.getByTestId("group-moderation-link");
      await link.waitFor();
      await expect
        .poll(async () => toNumber(await link.getByTestId("group-moderation-held").textContent()))
        .toBeGreaterThan(0);
      await link.click();
      await page.getByTestId("moderation-page").waitFor();
      expect(await page.getByTestId("queue-tab-held").getAttribute("aria-selected")).toBe("true");

      const item = page.locator(`[data-testid="moderation-item"][data-post-id="${postId}"]`);
      await item.waitFor();
      expect(await item.getByTestId("moderation-body").textContent()).toBe(POST_TEXT);
      const hit = item.locator('[data-testid="moderation-hits"] [data-rule="PERSONAL_DATA"]');
      expect(await hit.textContent()).toContain("Thông tin cá nhân");
      expect(await hit.textContent()).toContain("số điện thoại");
      // The author's record is one tap away.
      expect(await item.getByTestId("author-violations").textContent()).toMatch(
        /Số lần vi phạm của người viết: \d+/,
      );
      expect(await item.getByTestId("violations-link").getAttribute("href")).toMatch(
        new RegExp(`^/groups/${groupId}/members/[^/]+/violations$`),
      );
      await screenshot(page, "group-life-moderation");

      // A rejection needs a reason, which the member will read.
      await item.getByTestId("mod-reject").click();
      await item.getByTestId("mod-submit").click();
      expect(await item.locator(".field__error").textContent()).toBe("Vui lòng ghi lý do.");
      await item.getByTestId("mod-reason").fill(REJECT_REASON);
      await item.getByTestId("mod-submit").click();
      await item.waitFor({ state: "detached" });
      expect(await page.getByTestId("toast-success").textContent()).toContain("Đã từ chối bài của");
      await close(deputy);
    },
    TEST_TIMEOUT,
  );

  it(
    "the member, after a reload, sees “Bị từ chối” with the deputy's reason",
    async () => {
      const { page } = member;
      await page.reload();
      await page.getByTestId("group-posts-page").waitFor();
      const post = page.locator(`[data-testid="post"][data-post-id="${postId}"]`);
      await post.waitFor();
      expect(await post.getAttribute("data-status")).toBe("rejected");
      expect(await post.getByTestId("post-rejected-reason").textContent()).toBe(
        `Bị từ chối: ${REJECT_REASON}`,
      );
      expect(await post.getByTestId("post-held").count()).toBe(0);
      await screenshot(page, "group-life-member-rejected");
      await close(member);
    },
    TEST_TIMEOUT,
  );

  it(
    "the chief's console: nothing waits any more, the violation stays counted under PERSONAL_DATA",
    async () => {
      const { page } = chief;
      await expect.poll(async () => (await consoleFigures(page)).held, { timeout: 20_000 }).toBe(before.held);
      const after = await consoleFigures(page);
      expect(after.flagged).toBe(before.flagged);
      expect(after.personalData).toBeGreaterThanOrEqual(Math.max(1, before.personalData + 1));
      expect(await page.locator(`[data-testid="console-pending"] [data-post-id="${postId}"]`).count()).toBe(
        0,
      );
      await screenshot(page, "group-life-console");
      await close(chief);
    },
    TEST_TIMEOUT,
  );
});
