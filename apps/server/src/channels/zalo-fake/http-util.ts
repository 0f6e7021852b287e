import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeZaloWorld } from "./world";

/** What every route module gets. */
export type ServerCtx = {
  world: FakeZaloWorld;
  /** Upper bound for a getUpdates long-poll. */
  longPollCapMs: number;
  oaWebhookUrl(): string | null;
  setOaWebhookUrl(url: string | null): void;
};

/** Returns true when it answered the request. */
export type Route = (s: ServerCtx, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      throw new BodyTooLarge(`body over ${limit} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; {} when empty; null when it is not a JSON object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0) {
    return {};
  }
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function isForm(req: IncomingMessage): boolean {
  return /^application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "");
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}

export function redirect(res: ServerResponse, status: 302 | 303, location: string): void {
  res.writeHead(status, { Location: location, "Content-Length": 0 });
  res.end();
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
