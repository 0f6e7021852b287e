import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, startServer } from "../test/cli";

let target: Awaited<ReturnType<typeof cliDatabase>>;

beforeAll(async () => {
  target = await cliDatabase();
});
afterAll(() => target.cleanup());

async function signIn(base: string, phone: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone, password: "binhyen-demo" }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Reads an event stream until `needle` shows up or the time runs out. */
async function streamUntil(base: string, cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/stream`, { headers: { cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  const until = async (needle: string, ms: number) => {
    const deadline = Date.now() + ms;
    while (!text.includes(needle) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((r) =>
          setTimeout(() => r({ done: true, value: undefined }), Math.max(1, deadline - Date.now())),
        ),
      ]);
      if (chunk.value) {
        text += new TextDecoder().decode(chunk.value);
      }
    }
    return text.includes(needle);
  };
  return { until, close: () => abort.abort() };
}

describe("real-time across server processes", () => {
  it("a member connected to one process receives an announcement published through another", async () => {
    const a = await startServer(["demo"], target.env);
    // On PostgreSQL a second API process shares the database (LISTEN/NOTIFY carries the news);
    // PGlite is one process by design, so there both people use the same one.
    const b = target.kind === "postgres" ? await startServer(["demo"], target.env) : a;
    try {
      const member = await signIn(b.url, "0900000031");
      const leader = await signIn(a.url, "0900000011");
      const groups = (await (
        await fetch(`${b.url}/api/me/feeds`, { headers: { cookie: member.cookie } })
      ).json()) as { groups: { id: string }[] };
      const stream = await streamUntil(b.url, member.cookie);
      await stream.until("retry:", 3000);
      const res = await fetch(`${a.url}/api/announcements`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: leader.cookie, "x-csrf-token": leader.csrf },
        body: JSON.stringify({
          audience: { groupIds: [groups.groups[0]?.id] },
          category: "SECURITY_SITUATION",
          title: "Tin nhanh giữa hai tiến trình",
          body: "Đề nghị bà con cảnh giác.",
        }),
      });
      expect(res.status).toBe(201);
      const { announcementId } = (await res.json()) as { announcementId: string };
      expect(await stream.until(announcementId, 5000)).toBe(true);
      stream.close();
    } finally {
      if (b !== a) {
        expect(await b.stop()).toBe(0);
      }
      expect(await a.stop()).toBe(0);
    }
  });
});
