import { createServer, type Server } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { announcements, feeds } from "../../db/schema";
import { auditRows, buildCommune, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";
import { pollDueFeeds } from "./feeds.service";

const clock = fixedClock(new Date("2026-11-20T02:00:00Z"));
let ctx: TestContext;
let t: TestCommune;
let chief: Session;
let server: Server;
let base = "";
let requests: { url: string; ifNoneMatch: string | undefined }[] = [];
let items = [
  { guid: "dn-1", title: "Công an tỉnh cảnh báo lừa đảo qua mạng", when: "Thu, 19 Nov 2026 08:00:00 +0700" },
];
let broken = false;

const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Công an tỉnh Đồng Nai</title><link>https://congan.dongnai.gov.vn/</link>
${items
  .map(
    (i) =>
      `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://congan.dongnai.gov.vn/tin/${i.guid}</link><description><![CDATA[<p>${i.title}. Người dân cần <b>cảnh giác</b>.</p>]]></description><pubDate>${i.when}</pubDate></item>`,
  )
  .join("")}
</channel></rss>`;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await buildCommune(ctx.deps);
  chief = await sessionFor(ctx.deps, t.users.chief.id);
  server = createServer((req, res) => {
    const etag = `"v${items.length}"`;
    requests.push({ url: req.url ?? "", ifNoneMatch: req.headers["if-none-match"] });
    if (broken) {
      res.writeHead(503).end("bảo trì");
      return;
    }
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag }).end(rss());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await ctx.close();
});

const addFeed = async (path: string, autoPublish: boolean) => {
  const res = await call(ctx.app, chief, {
    method: "POST",
    url: `/api/communes/${t.communeId}/feeds`,
    payload: {
      url: `${base}${path}`,
      title: "Công an tỉnh Đồng Nai",
      category: "CRIME_METHODS",
      audience: { communeId: t.communeId },
      autoPublish,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const relayed = async (feedId: string) =>
  ctx.deps.db.select().from(announcements).where(eq(announcements.sourceFeedId, feedId));

describe("feed relay", () => {
  it("turns new items into drafts with the official source, and asks again with the ETag", async () => {
    const feedId = await addFeed("/draft.xml", false);
    const polled = await call(ctx.app, chief, { method: "POST", url: `/api/feeds/${feedId}/poll` });
    expect(polled.statusCode, polled.body).toBe(200);
    expect(polled.json()).toMatchObject({ itemCount: 1, lastError: null, failures: 0 });
    const [draft] = await relayed(feedId);
    expect(draft).toMatchObject({
      status: "draft",
      title: "Công an tỉnh cảnh báo lừa đảo qua mạng",
      sourceUrl: "https://congan.dongnai.gov.vn/tin/dn-1",
    });
    expect(draft?.body).toContain("cảnh giác");
    const list = await call(ctx.app, chief, {
      method: "GET",
      url: `/api/communes/${t.communeId}/announcements?status=draft`,
    });
    expect(list.json().items.find((a: { id: string }) => a.id === draft?.id).source).toEqual({
      feedTitle: "Công an tỉnh Đồng Nai",
      url: "https://congan.dongnai.gov.vn/tin/dn-1",
    });
    // Published in one click.
    const pub = await call(ctx.app, chief, {
      method: "POST",
      url: `/api/announcements/${draft?.id}/publish`,
    });
    expect(pub.json().status, pub.body).toBe("published");

    requests = [];
    clock.advance(20 * 60_000);
    await pollDueFeeds(ctx.deps);
    expect(requests.find((r) => r.url === "/draft.xml")?.ifNoneMatch).toBe('"v1"');
    expect(await relayed(feedId)).toHaveLength(1);
  });

  it("auto-publishes new items of an auto-publish feed, once each", async () => {
    const feedId = await addFeed("/auto.xml", true);
    await call(ctx.app, chief, { method: "POST", url: `/api/feeds/${feedId}/poll` });
    items = [
      ...items,
      {
        guid: "dn-2",
        title: "Cảnh báo trộm cắp xe máy dịp cuối năm",
        when: "Fri, 20 Nov 2026 08:00:00 +0700",
      },
    ];
    clock.advance(20 * 60_000);
    await pollDueFeeds(ctx.deps);
    const rows = await relayed(feedId);
    expect(rows.map((r) => r.status)).toEqual(["published", "published"]);
    const audit = await auditRows(ctx.deps, "announcement.publish", rows[1]?.id ?? "");
    expect(audit[0]?.data).toMatchObject({ feedId, relayed: true });
  });

  it("shows a broken feed's error in Vietnamese and backs off before trying again", async () => {
    const feedId = await addFeed("/broken.xml", false);
    broken = true;
    const res = await call(ctx.app, chief, { method: "POST", url: `/api/feeds/${feedId}/poll` });
    expect(res.json().lastError).toContain("503");
    expect(res.json().failures).toBe(1);
    await call(ctx.app, chief, { method: "POST", url: `/api/feeds/${feedId}/poll` });
    const [row] = await ctx.deps.db.select().from(feeds).where(eq(feeds.id, feedId));
    expect(row?.failures).toBe(2);
    // Two failures: at least twice the normal interval (15 min) before the next poll.
    expect((row?.nextPollAt.getTime() ?? 0) - clock.now().getTime()).toBeGreaterThanOrEqual(
      0.9 * 4 * 15 * 60_000,
    );
    broken = false;
    clock.advance(2 * 3600_000);
    await pollDueFeeds(ctx.deps);
    const [after] = await ctx.deps.db.select().from(feeds).where(eq(feeds.id, feedId));
    expect(after).toMatchObject({ failures: 0, lastError: null });
  });

  it("lets only the chief configure relays", async () => {
    const deputy = await sessionFor(ctx.deps, t.users.deputy.id);
    const res = await call(ctx.app, deputy, {
      method: "POST",
      url: `/api/communes/${t.communeId}/feeds`,
      payload: {
        url: `${base}/x.xml`,
        title: "X",
        category: "OTHER_DIRECTIVE",
        audience: { communeId: t.communeId },
      },
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await call(ctx.app, deputy, { method: "GET", url: `/api/communes/${t.communeId}/feeds` })).statusCode,
    ).toBe(200);
  });
});
