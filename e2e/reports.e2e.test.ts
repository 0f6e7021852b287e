import type { TCommuneDetail, TMeResponse } from "@binhyen/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiGet,
  BASE_URL,
  close,
  forgiveFailedLoads,
  openSession,
  PHONE_VIEWPORT,
  type Session,
  screenshot,
  signIn,
  testPng,
  useBrowser,
} from "./helpers";

const PHONE = {
  chief: "0900000001",
  leader: "0900000011",
  groupDeputy: "0900000021",
  member: "0900000031",
} as const;
const HAMLET_NAME = "Ấp Tân Phú";
const TEST_TIMEOUT = 120_000;

// Each run sends new reports; the texts carry the run so a rerun finds its own.
const RUN = Date.now() % 1_000_000;
const DESCRIPTION = `Tối qua khoảng 22 giờ có hai thanh niên lạ đi xe máy không biển số, cạy khoá lấy trộm xe đạp trước nhà văn hoá ấp (lần thử ${RUN}).`;
const QUESTION = `Anh/chị có nhớ màu xe máy và đặc điểm của hai người đó không? (${RUN})`;
const ANSWER = `Xe màu đỏ, một người mặc áo khoác đen, đội mũ lưỡi trai trắng (${RUN}).`;
const NAMED_DESCRIPTION = `Có nhóm người tụ tập đánh bạc ăn tiền ở quán nước cuối hẻm 4, thường từ 20 giờ (lần thử ${RUN}).`;
const REPORTER_NAME = "Trần Thị Báo Tin";
const REPORTER_PHONE = `0987${String(RUN).padStart(6, "0")}`;
/** Yesterday as dd/mm/yyyy in Vietnam, whatever the zone of the machine running the test. */
const YESTERDAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
}).format(Date.now() - 24 * 60 * 60 * 1000);

/** The leader's or chief's in-box (with a screenshot of it, if named), then the case whose row shows `text`. */
async function openCase(page: Page, text: string, inboxShot?: string): Promise<void> {
  await page.getByTestId("nav-cases").click();
  await page.getByTestId("cases-page").waitFor();
  if (inboxShot) {
    await page.getByTestId("case-row").first().waitFor();
    await screenshot(page, inboxShot);
  }
  await page
    .getByTestId("case-row")
    .filter({ hasText: text.slice(0, 60) })
    .click();
  await page.getByTestId("case-page").waitFor();
}

// Shared by the steps below, which run in order.
let communeId = "";
let hamletId = "";
let resident: Session;
let receiptCode = "";
let leader: Session;
let namedCaseId = "";
let namedCode = "";
const PUBLIC_RESULT = `Công an xã đã kiểm tra, lập biên bản xử phạt hành chính những người đánh bạc. Cảm ơn bạn đã báo tin (${RUN}).`;

describe("confidential reports: anonymous intake, follow-up by receipt code, identity reveal", () => {
  useBrowser();

  it(
    "the ids of Đồng Tâm and Ấp Tân Phú, as the hamlet's link would carry them",
    async () => {
      const chief = await signIn(PHONE.chief);
      const me = await apiGet<TMeResponse>(chief.page, "/me");
      communeId = me.roles.find((r) => r.role === "COMMUNE_CHIEF")?.communeId ?? "";
      const commune = await apiGet<TCommuneDetail>(chief.page, `/communes/${communeId}`);
      expect(commune.name).toContain("Đồng Tâm");
      hamletId = commune.hamlets.find((h) => h.name === HAMLET_NAME)?.id ?? "";
      expect(hamletId).not.toBe("");
      await close(chief);
    },
    TEST_TIMEOUT,
  );

  it(
    "a resident without an account reports a crime with a photo; offline, it waits and goes when back online",
    async () => {
      resident = await openSession(PHONE_VIEWPORT);
      const { page, context } = resident;
      // The sign-in page offers reporting first; without the hamlet's link it cannot tell the commune.
      await page.goto(`${BASE_URL}/`);
      await page.getByTestId("report-cta-button").click();
      await page.getByTestId("report-no-commune").waitFor();
      expect(await page.getByTestId("report-submit").isDisabled()).toBe(true);

      // A link to a commune that does not exist says so, and nothing can be sent there.
      await page.goto(`${BASE_URL}/report?commune=00000000-0000-4000-8000-000000000000`);
      await page.getByTestId("report-place-wrong").waitFor();
      expect(await page.getByTestId("report-submit").isDisabled()).toBe(true);

      await page.goto(`${BASE_URL}/report?commune=${communeId}&hamlet=${hamletId}`);
      await page.getByTestId("report-form").waitFor();
      // The link names the commune (public names only) and preselects its hamlet, which may be changed.
      await expect.poll(() => page.getByTestId("report-place").textContent()).toContain("Đồng Tâm");
      expect(await page.getByTestId("report-hamlet").inputValue()).toBe(hamletId);
      expect(await page.getByTestId("report-hamlet").locator("option:checked").textContent()).toBe(
        HAMLET_NAME,
      );
      expect(await page.getByRole("heading", { name: "Báo tin cho Công an", level: 1 }).isVisible()).toBe(
        true,
      );
      // Anonymous is the default choice.
      expect(await page.getByTestId("report-anonymous").isChecked()).toBe(true);
      expect(await page.getByTestId("report-identity-fields").count()).toBe(0);

      await page.getByTestId("category-CRIME").click();
      await page.getByTestId("report-description").fill(DESCRIPTION);
      // "Hôm qua" fills the day as dd/mm/yyyy; the time is typed as people write it.
      await page.getByTestId("report-occurred").getByRole("button", { name: "Hôm qua", exact: true }).click();
      expect(await page.getByTestId("report-occurred-date").inputValue()).toBe(YESTERDAY);
      await page.getByTestId("report-occurred-time").fill("22h");
      await expect
        .poll(() => page.getByTestId("report-occurred").locator(".datetime__preview").textContent())
        .toBe(`Đã hiểu là: 22:00 ${YESTERDAY}`);
      await page.getByTestId("report-location").fill("Trước nhà văn hoá ấp, tổ 3");
      await page.getByTestId("report-photos-input").setInputFiles({
        name: "xe-dap.png",
        mimeType: "image/png",
        buffer: testPng(64, 48, (x, y) => [Math.round((x / 64) * 255), Math.round((y / 48) * 255), 120]),
      });
      await expect.poll(() => page.locator(".photos__item").count()).toBe(1);
      // The draft is on the device as it is typed (not the photo).
      const draft = await page.evaluate(() => window.localStorage.getItem("binhyen.reportDraft") ?? "");
      expect(draft).toContain(`lần thử ${RUN}`);
      await screenshot(page, "reports-form");

      // No network: the report is kept and announced as waiting.
      await context.setOffline(true);
      await page.getByTestId("report-submit").click();
      await page.getByTestId("report-queued").waitFor();
      expect(await page.getByTestId("report-queued").textContent()).toContain("Sẽ gửi khi có mạng");
      expect(await page.evaluate(() => window.localStorage.getItem("binhyen.reportDraft") ?? "")).toContain(
        '"queued":true',
      );
      await screenshot(page, "reports-offline-queued");

      // Back online: it goes by itself, and the photo follows with the receipt code.
      await context.setOffline(false);
      await page.getByTestId("report-result").waitFor();
      receiptCode = (await page.getByTestId("receipt-code").getAttribute("data-code")) ?? "";
      expect(receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await page.getByTestId("report-photos-sent").waitFor();
      expect(await page.getByTestId("follow-link-value").inputValue()).toContain(
        `/report/follow?code=${receiptCode}`,
      );
      expect(await page.getByTestId("report-result").textContent()).toContain(
        "kể cả Công an cũng không xem lại được mã",
      );
      // Sent: the draft is gone, the code is remembered on this device.
      expect(await page.evaluate(() => window.localStorage.getItem("binhyen.reportDraft"))).toBeNull();
      expect(
        await page.evaluate(() => window.localStorage.getItem("binhyen.reportReceipts") ?? ""),
      ).toContain(receiptCode);
      await screenshot(page, "reports-receipt");

      // A public page never asks who is signed in.
      expect(resident.apiCalls.some((call) => call.endsWith("/api/me"))).toBe(false);
      // The wrong link's 404 is the only failed load.
      forgiveFailedLoads(resident, 404);
      expect(resident.errors, "no console errors on the public page").toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    "the hamlet's leader finds it in “Tin báo” without any identity, sees the photo and asks a question",
    async () => {
      leader = await signIn(PHONE.leader, PHONE_VIEWPORT);
      const { page } = leader;
      await page.getByTestId("nav-cases").click();
      await page.getByTestId("cases-page").waitFor();
      // The new crime tip's next running deadline is on its row, from the list's nextDeadline.
      const row = page.getByTestId("case-row").filter({ hasText: DESCRIPTION.slice(0, 60) });
      await row.getByTestId("deadline-chip").waitFor();
      await openCase(page, DESCRIPTION, "reports-inbox-leader");
      expect(await page.getByTestId("case-description").textContent()).toBe(DESCRIPTION);
      expect(await page.getByTestId("case-state").textContent()).toBe("Đã tiếp nhận");
      // 22:00 yesterday, Vietnam's time, as the resident entered it.
      expect(await page.getByTestId("case-content").textContent()).toContain(`22:00 ${YESTERDAY}`);
      // Anonymous: there is no identity at all, and nothing to reveal.
      expect(await page.getByTestId("reporter-anonymous").textContent()).toBe("Nặc danh");
      expect(await page.getByTestId("reveal-identity").count()).toBe(0);
      // The resident's photo loads (through the session, re-encoded by the server).
      await expect
        .poll(() =>
          page
            .getByTestId("case-photo")
            .first()
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        )
        .toBe(true);

      // A group leader may hand the case to a colleague: the officer picker lists the commune's officers.
      await page.getByTestId("case-event-REASSIGN").click();
      const dialog = page.getByTestId("case-event-dialog");
      await dialog.waitFor();
      await expect
        .poll(() => dialog.getByTestId("officer-select").locator("option").count())
        .toBeGreaterThan(1);
      await dialog.getByRole("button", { name: "Hủy", exact: true }).click();
      await dialog.waitFor({ state: "detached" });

      await page.getByTestId("case-reply-body").fill(QUESTION);
      await page.getByTestId("case-reply-submit").click();
      await page.getByTestId("case-thread-message").filter({ hasText: QUESTION }).waitFor();
      await screenshot(page, "reports-case-leader");
    },
    TEST_TIMEOUT,
  );

  it(
    "the resident opens the follow-up page with the code (lower case, spaces), reads the question and answers",
    async () => {
      const { page } = resident;
      await page.goto(`${BASE_URL}/report/follow`);
      await page.getByTestId("follow-form").waitFor();
      // The code sent from this device is offered again.
      await page.getByTestId("saved-receipt").filter({ hasText: receiptCode }).waitFor();
      await page.getByTestId("follow-code").fill(receiptCode.toLowerCase().replaceAll("-", " "));
      await page.getByTestId("follow-submit").click();
      await page.getByTestId("receipt-view").waitFor();
      expect(await page.getByTestId("receipt-state").textContent()).toBe("Đã tiếp nhận");
      const question = page.getByTestId("receipt-thread-message").filter({ hasText: QUESTION });
      await question.waitFor();
      // The reporter never sees an officer's name: the police speak as "Công an xã".
      expect(await question.textContent()).toContain("Công an xã");
      expect(await question.textContent()).not.toContain("Phạm Văn Đức");

      await page.getByTestId("reply-body").fill(ANSWER);
      await page.getByTestId("reply-submit").click();
      await page.getByTestId("receipt-thread-message").filter({ hasText: ANSWER }).waitFor();
      await screenshot(page, "reports-follow");
      expect(resident.apiCalls.some((call) => call.endsWith("/api/me"))).toBe(false);
      await close(resident);
    },
    TEST_TIMEOUT,
  );

  it(
    "the leader reads the answer",
    async () => {
      const { page } = leader;
      await page.reload();
      await page.getByTestId("case-page").waitFor();
      const answer = page.getByTestId("case-thread-message").filter({ hasText: ANSWER });
      await answer.waitFor();
      expect(await answer.getAttribute("data-side")).toBe("reporter");
      await close(leader);
    },
    TEST_TIMEOUT,
  );

  it(
    "a named report: the chief sees “[ẩn]” until a confirmed, logged reveal shows the phone",
    async () => {
      const reporter = await openSession(PHONE_VIEWPORT);
      await reporter.page.goto(`${BASE_URL}/report?commune=${communeId}&hamlet=${hamletId}`);
      await reporter.page.getByTestId("report-form").waitFor();
      await reporter.page.getByTestId("category-SOCIAL_EVIL").click();
      await reporter.page.getByTestId("report-description").fill(NAMED_DESCRIPTION);
      await reporter.page.getByTestId("report-named").check();
      await reporter.page.getByTestId("report-name").fill(REPORTER_NAME);
      await reporter.page.getByTestId("report-phone").fill(REPORTER_PHONE);
      await reporter.page.getByTestId("report-submit").click();
      await reporter.page.getByTestId("report-result").waitFor();
      namedCode = (await reporter.page.getByTestId("receipt-code").getAttribute("data-code")) ?? "";
      await close(reporter);

      const chief = await signIn(PHONE.chief);
      const { page } = chief;
      await openCase(page, NAMED_DESCRIPTION);
      namedCaseId = (await page.getByTestId("case-page").getAttribute("data-case-id")) ?? "";
      expect(namedCaseId).not.toBe("");
      expect(await page.getByTestId("reporter-hidden").textContent()).toBe("[ẩn]");
      // Nothing of the identity is on the page before the reveal.
      const before = (await page.locator("main").textContent()) ?? "";
      expect(before).not.toContain(REPORTER_NAME);
      expect(before).not.toContain(REPORTER_PHONE);

      await page.getByTestId("reveal-identity").click();
      // A confirmation step says the look is logged; only then is the identity asked for.
      expect(await page.getByTestId("reporter-card").locator(".confirm__question").textContent()).toContain(
        "nhật ký",
      );
      expect(chief.apiCalls.some((call) => call.endsWith("/identity/reveal"))).toBe(false);
      await page.getByTestId("reporter-card").getByRole("button", { name: "Xác nhận", exact: true }).click();
      await expect.poll(() => page.getByTestId("reporter-phone").textContent()).toBe(REPORTER_PHONE);
      expect(await page.getByTestId("reporter-identity").textContent()).toContain(REPORTER_NAME);
      await screenshot(page, "reports-reveal");

      // The case moves on: acknowledged (the state machine answers with the updated case).
      await page.getByTestId("case-event-ACKNOWLEDGE").click();
      await page.getByTestId("case-event-dialog").waitFor();
      await page.getByTestId("case-event-submit").click();
      await page.getByTestId("case-event-dialog").waitFor({ state: "detached" });
      await expect.poll(() => page.getByTestId("case-state").textContent()).toBe("Đã xác nhận");
      await screenshot(page, "reports-case-chief");

      // Leaving the page forgets what was revealed.
      await page.getByTestId("case-back").click();
      await page.getByTestId("cases-page").waitFor();
      await page.getByTestId("case-row").first().waitFor();
      await screenshot(page, "reports-inbox-chief");
      await page
        .getByTestId("case-row")
        .filter({ hasText: NAMED_DESCRIPTION.slice(0, 60) })
        .click();
      await page.getByTestId("reporter-hidden").waitFor();
      await close(chief);
    },
    TEST_TIMEOUT,
  );

  it(
    "the chief takes the named report to its end; the reporter reads the result and rates the handling",
    async () => {
      const chief = await signIn(PHONE.chief);
      const { page } = chief;
      await page.goto(`${BASE_URL}/cases/${namedCaseId}`);
      await page.getByTestId("case-page").waitFor();
      const dialog = page.getByTestId("case-event-dialog");
      /** One workflow button, its small form, and the state the server answers with. */
      const step = async (event: string, state: string, fill?: () => Promise<void>) => {
        await page.getByTestId(`case-event-${event}`).click();
        await dialog.waitFor();
        await fill?.();
        await dialog.getByTestId("case-event-submit").click();
        await dialog.waitFor({ state: "detached" });
        await expect.poll(() => page.getByTestId("case-state").textContent()).toBe(state);
      };
      await step("START_VERIFICATION", "Đang xác minh");
      await step("HANDLE_IN_COMMUNE", "Đang giải quyết tại xã", async () => {
        await dialog.getByTestId("officer-select").selectOption({ index: 1 });
      });
      await step("RECORD_OUTCOME", "Đã có kết quả", async () => {
        await dialog.getByTestId("case-event-outcome").selectOption("XU_PHAT_HANH_CHINH");
        await dialog.getByLabel(/Tin có giá trị/).check();
        await dialog.getByTestId("case-event-summary").fill("Lập biên bản, xử phạt 4 người đánh bạc.");
      });
      // A named reporter must have been told the result before the case closes (CPC art. 56).
      await page.getByTestId("case-event-CLOSE").click();
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("Điều 56");
      await dialog.getByTestId("case-event-channel").fill("Điện thoại");
      await dialog.getByTestId("case-event-public-result").fill(PUBLIC_RESULT);
      await screenshot(page, "reports-close-form");
      await dialog.getByTestId("case-event-submit").click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => page.getByTestId("case-state").textContent()).toBe("Đã kết thúc");
      expect(await page.getByTestId("case-outcome").textContent()).toContain("Xử phạt vi phạm hành chính");
      await screenshot(page, "reports-case-closed");
      await close(chief);

      const reporter = await openSession(PHONE_VIEWPORT);
      await reporter.page.goto(`${BASE_URL}/report/follow?code=${namedCode}`);
      await reporter.page.getByTestId("receipt-view").waitFor();
      expect(await reporter.page.getByTestId("receipt-state").textContent()).toBe("Đã kết thúc");
      expect(await reporter.page.getByTestId("receipt-result").textContent()).toContain(PUBLIC_RESULT);
      // Closed: no more replies, but the handling can be rated once.
      expect(await reporter.page.getByTestId("reply-form").count()).toBe(0);
      const rating = reporter.page.getByTestId("rating-form");
      await rating.getByText("Hài lòng", { exact: true }).click();
      await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
      await reporter.page.getByTestId("rating-done").waitFor();
      expect(await rating.count()).toBe(0);
      await screenshot(reporter.page, "reports-follow-closed");
      await close(reporter);
    },
    TEST_TIMEOUT,
  );

  it(
    "the group deputy and a member have no “Tin báo” and get “Không tìm thấy tin báo” for the case",
    async () => {
      for (const phone of [PHONE.groupDeputy, PHONE.member]) {
        const session = await signIn(phone, PHONE_VIEWPORT);
        const { page } = session;
        if (phone === PHONE.member) {
          // A member lands on the group's news board.
          await page.getByTestId("group-feed-page").waitFor();
          await page.getByTestId("nav-group").click();
        }
        await page.getByTestId("group-page").waitFor();
        expect(await page.getByTestId("nav-cases").count()).toBe(0);
        // They may send a report themselves, from the navigation and from their group's page.
        expect(await page.getByTestId("nav-report").textContent()).toBe("Báo tin cho Công an");
        expect(await page.getByTestId("group-report-button").getAttribute("href")).toContain(
          `hamlet=${hamletId}`,
        );

        if (phone === PHONE.member) {
          // Signed in, the report page keeps the navigation and knows the member's hamlet.
          await page.getByTestId("nav-report").click();
          await page.getByTestId("report-form").waitFor();
          await expect.poll(() => page.getByTestId("report-place").textContent()).toContain("Đồng Tâm");
          expect(await page.getByTestId("report-hamlet").inputValue()).toBe(hamletId);
          await screenshot(page, "reports-member-form");
        }

        await page.goto(`${BASE_URL}/cases/${namedCaseId}`);
        await page.getByTestId("case-not-found").waitFor();
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Không tìm thấy tin báo");
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text).not.toContain(NAMED_DESCRIPTION.slice(0, 30));
        if (phone === PHONE.member) {
          await screenshot(page, "reports-member-not-found");
        }
        forgiveFailedLoads(session, 404);
        await close(session);
      }
    },
    TEST_TIMEOUT,
  );
});
