import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fixedClock } from "../../core/clock";
import { FakeZaloWorld, type SettableClock } from "./world";

/** Shared by the fake's own tests: a world on a frozen clock (moved only by advance), plus error probing. */
export function testWorld(start = new Date("2026-11-27T03:00:00Z")): {
  world: FakeZaloWorld;
  clock: SettableClock;
} {
  const clock = fixedClock(start);
  return { world: new FakeZaloWorld({ clock }), clock };
}

/** The `code` of what `fn` throws (ZaloApiError, OAuthError, BotApiError), or "no error". */
export function codeOf(fn: () => unknown): number | string {
  try {
    fn();
  } catch (err) {
    return (err as { code?: number }).code ?? String(err);
  }
  return "no error";
}

/** A local webhook receiver answering scripted statuses (then 200), recording raw bodies and headers. */
export type Received = { headers: IncomingHttpHeaders; raw: string; at: number };
export async function startReceiver(script: { status?: number; delayMs?: number }[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const step = script.shift() ?? {};
      setTimeout(() => {
        res.writeHead(step.status ?? 200);
        res.end("{}");
      }, step.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
