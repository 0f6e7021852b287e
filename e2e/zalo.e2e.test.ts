/**
 * The Zalo channel in the browser (issue #7), against the fake Zalo world the demo runs beside
 * itself (BINHYEN_E2E_ZALO_URL, set by the e2e global setup). People click in Chromium; where the
 * actor is Zalo itself — a resident typing in the Zalo group or to the OA, a forged webhook — the
 * test drives the fake's /_control endpoints or posts to the webhook with plain fetch:
 * an announcement the leader publishes reaches the Zalo group and shows as sent on the group's
 * "Zalo" tab; a resident's phone number in the Zalo group waits in moderation; a resident's private
 * message to the OA becomes a report for the hamlet's leader and gets its receipt code back; a
 * forged webhook is refused and leaves nothing behind; the chief's Zalo page shows the connected OA.
 * The demo already holds Zalo data, so every check uses this run's markers or compares with before.
 */
import type { TGroupDetail, TMeResponse, TZaloGroup, TZaloStatus } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import {
  apiGet,
  BASE_URL,
  close,
  openSession,
  PHONE_VIEWPORT,
  type Session,
  screenshot,
  signIn,
  useBrowser,
} from "./helpers";

const ZALO_URL = (process.env.BINHYEN_E2E_ZALO_URL ?? "").replace(/\/$/, "");
const PHONE = { chief: "0900000001", leader: "0900000011" } as const;
const HAMLET_NAME = "Ấp Tân Phú";
const DEMO_OA = { oaId: "2718281828459045235", appId: "3141592653589793238", name: "Công an xã Đồng Tâm" };
const RESIDENTS = [
  "Nguyễn Văn Tám",
  "Trần Thị Mai",
  "Lê Văn Hùng",
  "Phạm Thị Lan",
  "Võ Văn Dũng",
  "Đặng Thị Hồng",
];
const TEST_TIMEOUT = 120_000;
/** How long Zalo's side may take to show (the outbox worker delivers within a few seconds). */
const ZALO_WAIT = { timeout: 20_000, interval: 500 };

// Every text carries the run, so a rerun against the same server checks its own.
const RUN = Date.now() % 1_000_000;
const TITLE = `Cảnh giác trộm cắp dịp cuối năm (lần thử ${RUN})`;
const GROUP_POST = `Ai nhặt được ví da màu nâu gọi em 0987 654 321 nhé (lần thử ${RUN})`;
const PRIVATE_REPORT = `Báo tin lần thử ${RUN}: mấy đêm nay có người lạ đi xe máy soi đèn vào sân các nhà cuối hẻm 7.`;
const FORGED_TEXT = `Tin giả mạo lần thử ${RUN}: gọi ngay 0911 222 333 để nhận quà`;

type GroupMessage = { messageId: string; from: { kind: "oa" | "user"; id: string }; text: string | null };
type UserMessage = { messageId: string; direction: "in" | "out"; text: string | null; at: number };
type ZaloMember = { userId: string; displayName: string };
type ModerationQueue = Record<"held" | "flagged" | "reported", { body: string }[]>;
type CaseList = { items: { excerpt: string }[] };
type ZaloGroupSnapshot = { groupId: string; status: string; members: ZaloMember[]; admins: string[] };

/** GET /_control/<name>: what the fake Zalo world holds. */
async function inspect<T>(name: string, query: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${ZALO_URL}/_control/${name}?${new URLSearchParams(query)}`);
  expect(response.status, `GET /_control/${name}`).toBe(200);
  return (await response.json()) as T;
}

/** POST /_control/<name>: a simulated person (or the world) acts. */
async function act(name: string, body: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(`${ZALO_URL}/_control/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { ok: boolean; result?: unknown; error?: string };
  expect(answer, `POST /_control/${name}`).toMatchObject({ ok: true });
  return answer.result;
}

/** Waits until every webhook the fake has sent (retries included) has been answered. */
const flushWebhooks = () => act("flush-webhooks");

// Shared by the steps below, which run in order.
let leader: Session;
let chief: Session;
let communeId = "";
let groupId = "";
let zaloGroupId = "";
let members: ZaloMember[] = [];
let receiptCode = "";

describe("Zalo channel: announcements out, group messages and private reports in, forged webhooks refused", () => {
  useBrowser();

  it(
    "the fake Zalo world runs beside the demo, with Đồng Tâm's OA and Ấp Tân Phú's group on Zalo",
    async () => {
      expect(ZALO_URL, "BINHYEN_E2E_ZALO_URL (the demo prints the fake Zalo world's address)").toMatch(
        /^http:\/\/127\.0\.0\.1:\d+$/,
      );
      const world = await inspect<{ apps: { appId: string; oaId: string; oaName: string }[] }>("world");
      expect(world.apps).toContainEqual(
        expect.objectContaining({ appId: DEMO_OA.appId, oaId: DEMO_OA.oaId, oaName: DEMO_OA.name }),
      );

      leader = await signIn(PHONE.leader);
      const { page } = leader;
      await page.getByTestId("group-page").waitFor();
      const me = await apiGet<TMeResponse>(page, "/me");
      for (const role of me.roles.filter((r) => r.role === "GROUP_LEADER" && r.groupId)) {
        const group = await apiGet<TGroupDetail>(page, `/groups/${role.groupId}`);
        if (group.hamlet.name === HAMLET_NAME) {
          groupId = group.id;
        }
      }
      expect(groupId, "the leader leads Ấp Tân Phú's group").not.toBe("");

      const zalo = await apiGet<TZaloGroup>(page, `/groups/${groupId}/zalo`);
      expect(zalo.linked).toBe(true);
      expect(zalo.connection).toBe("connected");
      zaloGroupId = zalo.zaloGroupId ?? "";
      expect(zaloGroupId).not.toBe("");

      const onZalo = await inspect<ZaloGroupSnapshot | null>("group", { groupId: zaloGroupId });
      expect(onZalo?.status).toBe("enabled");
      members = (onZalo?.members ?? []).filter((m) => RESIDENTS.includes(m.displayName));
      expect(members.length, "residents in the Zalo group").toBeGreaterThanOrEqual(2);
    },
    TEST_TIMEOUT,
  );

  it(
    "the leader publishes an announcement; the OA posts it in the Zalo group and the “Zalo” tab shows it sent",
    async () => {
      const { page } = leader;
      await page.getByTestId("nav-announcements").click();
      await page.getByTestId("announcements-page").waitFor();
      await page.getByTestId("compose-announcement").click();
      await page.getByTestId("composer").waitFor();
      await page.getByTestId("composer-category").selectOption("SECURITY_SITUATION");
      await page.getByTestId("composer-title").fill(TITLE);
      await page
        .getByTestId("composer-body")
        .fill(
          "Dịp cuối năm, bà con **khoá cửa, khoá xe** cẩn thận và báo ngay cho công an khi thấy người lạ.",
        );
      await page.locator(`[data-testid="audience-group"][data-group-id="${groupId}"]`).check();
      await page.getByTestId("composer-publish").click();
      await page.getByTestId("announcement-page").waitFor();
      expect(await page.getByTestId("announcement-status").textContent()).toBe("Đã đăng");

      // On Zalo: the OA's message in the group, with the title.
      await expect
        .poll(async () => {
          const messages = await inspect<GroupMessage[]>("group-messages", { groupId: zaloGroupId });
          return messages.some((m) => m.from.kind === "oa" && (m.text ?? "").includes(TITLE));
        }, ZALO_WAIT)
        .toBe(true);
      const messages = await inspect<GroupMessage[]>("group-messages", { groupId: zaloGroupId });
      const sent = messages.find((m) => m.from.kind === "oa" && (m.text ?? "").includes(TITLE));
      expect(sent?.text).toContain("khoá cửa, khoá xe");
      expect(sent?.text).not.toContain("**");

      // The group's "Zalo" tab: the delivery, marked sent.
      await page.goto(`${BASE_URL}/groups/${groupId}`);
      await page.getByTestId("group-page").waitFor();
      await page.getByTestId("group-zalo-link").click();
      await page.getByTestId("group-zalo-page").waitFor();
      expect(await page.getByTestId("group-tab-zalo").getAttribute("aria-current")).toBe("page");
      await page.getByTestId("zalo-group-panel").waitFor();
      expect(await page.getByTestId("zalo-group-panel").getAttribute("data-linked")).toBe("true");
      const delivery = page.getByTestId("zalo-delivery").filter({ hasText: TITLE });
      await expect
        .poll(async () => {
          if (
            (await delivery.getAttribute("data-status", { timeout: 2_000 }).catch(() => null)) === "delivered"
          ) {
            return true;
          }
          await page.reload();
          await page.getByTestId("zalo-group-panel").waitFor();
          return false;
        }, ZALO_WAIT)
        .toBe(true);
      expect(await delivery.textContent()).toContain("Đã gửi");
      await screenshot(page, "zalo-group-tab");
    },
    TEST_TIMEOUT,
  );

  it(
    "a resident posts a phone number in the Zalo group; the leader finds it held in moderation",
    async () => {
      const resident = members[0] as ZaloMember;
      await act("member-posts", { groupId: zaloGroupId, userId: resident.userId, text: GROUP_POST });
      await flushWebhooks();

      const { page } = leader;
      await page.goto(`${BASE_URL}/groups/${groupId}/moderation`);
      await page.getByTestId("moderation-page").waitFor();
      expect(await page.getByTestId("queue-tab-held").getAttribute("aria-selected")).toBe("true");
      const item = page.getByTestId("moderation-item").filter({ hasText: `lần thử ${RUN}` });
      await expect
        .poll(async () => {
          if ((await item.count()) > 0) {
            return true;
          }
          await page.reload();
          await page.getByTestId("moderation-page").waitFor();
          return false;
        }, ZALO_WAIT)
        .toBe(true);
      expect(await item.getAttribute("data-status")).toBe("held");
      expect(await item.getByTestId("moderation-body").textContent()).toBe(GROUP_POST);
      expect(await item.locator(".post__author").textContent()).toBe(resident.displayName);
      const hit = item.locator('[data-testid="moderation-hits"] [data-rule="PERSONAL_DATA"]');
      expect(await hit.textContent()).toContain("số điện thoại");
      await screenshot(page, "zalo-group-post-held");
    },
    TEST_TIMEOUT,
  );

  it(
    "a resident messages the OA privately; the receipt code comes back on Zalo and the leader has the report",
    async () => {
      // A resident of the group with no conversation yet (the demo's report came from another).
      let resident: ZaloMember | undefined;
      for (const m of members) {
        if (
          (await inspect<UserMessage[]>("user-messages", { oaId: DEMO_OA.oaId, userId: m.userId })).length ===
          0
        ) {
          resident = m;
          break;
        }
      }
      expect(resident, "a resident who has not written to the OA yet").toBeDefined();
      const userId = resident?.userId ?? "";
      await act("resident-sends-text", { oaId: DEMO_OA.oaId, userId, text: PRIVATE_REPORT });
      await flushWebhooks();

      const receipt = async () => {
        const messages = await inspect<UserMessage[]>("user-messages", { oaId: DEMO_OA.oaId, userId });
        return messages.find((m) => m.direction === "out" && (m.text ?? "").includes("Mã tiếp nhận:"));
      };
      await expect.poll(async () => (await receipt()) !== undefined, ZALO_WAIT).toBe(true);
      const text = (await receipt())?.text ?? "";
      receiptCode = /Mã tiếp nhận: ([0-9A-Z-]+)/.exec(text)?.[1] ?? "";
      expect(receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(text).toContain("/report/follow");

      // Routed to Ấp Tân Phú's leader, from the resident's Zalo group.
      const { page } = leader;
      await page.getByTestId("nav-cases").click();
      await page.getByTestId("cases-page").waitFor();
      const row = page.getByTestId("case-row").filter({ hasText: `Báo tin lần thử ${RUN}` });
      await expect
        .poll(async () => {
          if ((await row.count()) > 0) {
            return true;
          }
          await page.reload();
          await page.getByTestId("cases-page").waitFor();
          return false;
        }, ZALO_WAIT)
        .toBe(true);
      expect(await row.textContent()).toContain(HAMLET_NAME);
      await screenshot(page, "zalo-report-inbox");
      await row.click();
      await page.getByTestId("case-page").waitFor();
      expect(await page.getByTestId("case-description").textContent()).toBe(PRIVATE_REPORT);
      await screenshot(page, "zalo-report-case");
    },
    TEST_TIMEOUT,
  );

  it(
    "the resident's receipt code opens the report on the public follow-up page",
    async () => {
      const visitor = await openSession(PHONE_VIEWPORT);
      const { page } = visitor;
      await page.goto(`${BASE_URL}/report/follow`);
      await page.getByTestId("follow-form").waitFor();
      await page.getByTestId("follow-code").fill(receiptCode);
      await page.getByTestId("follow-submit").click();
      await page.getByTestId("receipt-view").waitFor();
      expect(await page.getByTestId("receipt-view").textContent()).toContain(receiptCode);
      expect(await page.getByTestId("receipt-state").textContent()).toBe("Đã tiếp nhận");
      await screenshot(page, "zalo-report-follow");
      await close(visitor);
    },
    TEST_TIMEOUT,
  );

  it(
    "a forged OA webhook is refused with 401 and leaves nothing: no event, no post, no report",
    async () => {
      chief = await signIn(PHONE.chief);
      const { page } = chief;
      const me = await apiGet<TMeResponse>(page, "/me");
      communeId = me.roles.find((r) => r.role === "COMMUNE_CHIEF")?.communeId ?? "";
      expect(communeId).not.toBe("");
      // Whatever the fake still had on its way has arrived before counting.
      await flushWebhooks();
      const before = (await apiGet<TZaloStatus>(page, `/communes/${communeId}/zalo`)).events.last24h;

      const resident = members[0] as ZaloMember;
      const now = String(Date.now());
      const forgeries = [
        {
          app_id: DEMO_OA.appId,
          oa_id: DEMO_OA.oaId,
          event_name: "user_send_text",
          timestamp: now,
          sender: { id: resident.userId },
          recipient: { id: DEMO_OA.oaId },
          message: { msg_id: `forged-private-${RUN}`, text: FORGED_TEXT },
        },
        {
          app_id: DEMO_OA.appId,
          oa_id: DEMO_OA.oaId,
          group_id: zaloGroupId,
          event_name: "user_send_group_text",
          timestamp: now,
          sender: { id: resident.userId },
          recipient: { id: zaloGroupId },
          message: { msg_id: `forged-group-${RUN}`, text: FORGED_TEXT },
        },
      ];
      for (const forged of forgeries) {
        const response = await fetch(`${BASE_URL}/api/webhooks/zalo/oa`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-zevent-signature": `mac=${"0".repeat(64)}` },
          body: JSON.stringify(forged),
        });
        expect(response.status, forged.event_name).toBe(401);
        const body = (await response.json()) as { error?: { code?: string } };
        expect(body.error?.code).toBe("UNAUTHENTICATED");
      }

      await flushWebhooks();
      const after = (await apiGet<TZaloStatus>(page, `/communes/${communeId}/zalo`)).events.last24h;
      expect(after).toBe(before);
      // Nothing reached the group's moderation queue or the commune's cases.
      const queue = await apiGet<ModerationQueue>(page, `/groups/${groupId}/moderation`);
      const posts = [...queue.held, ...queue.flagged, ...queue.reported].map((p) => p.body);
      expect(posts.some((b) => b.includes(FORGED_TEXT))).toBe(false);
      expect(posts.some((b) => b.includes(GROUP_POST))).toBe(true);
      const cases = await apiGet<CaseList>(page, "/cases?limit=200&offset=0");
      expect(cases.items.some((c) => c.excerpt.includes(`Tin giả mạo lần thử ${RUN}`))).toBe(false);
      expect(cases.items.some((c) => c.excerpt.includes(`Báo tin lần thử ${RUN}`))).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    "the chief's Zalo page shows the OA “Công an xã Đồng Tâm” connected, with the webhook address",
    async () => {
      const { page } = chief;
      await page.goto(`${BASE_URL}/communes/${communeId}`);
      await page.getByTestId("commune-page").waitFor();
      await page.getByTestId("zalo-link").click();
      await page.getByTestId("zalo-settings-page").waitFor();
      expect(new URL(page.url()).pathname).toBe(`/communes/${communeId}/zalo`);
      await page.getByTestId("zalo-oa-card").waitFor();
      expect(await page.getByTestId("zalo-settings-page").getAttribute("data-oa-status")).toBe("connected");
      const chip = page.getByTestId("zalo-oa-card").getByTestId("zalo-oa-status");
      expect(await chip.textContent()).toBe("Đã kết nối");
      const details = page.getByTestId("zalo-oa-details");
      expect(await details.textContent()).toContain(DEMO_OA.name);
      expect(await details.textContent()).toContain(DEMO_OA.oaId);
      expect(await page.getByTestId("zalo-webhook-oa-value").inputValue()).toMatch(
        /^https?:\/\/[^/]+\/api\/webhooks\/zalo\/oa$/,
      );
      await screenshot(page, "zalo-settings");
      await close(chief);
      await close(leader);
    },
    TEST_TIMEOUT,
  );
});
