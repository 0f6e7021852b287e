/**
 * What the browser tests share: the demo server's address and password, Debian's Chromium
 * launched once per test file, sessions that record console errors (a CSP violation lands there)
 * and the /api calls a page makes, signing in through the form, and screenshots to e2e/screenshots/.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

export const BASE_URL = (process.env.BINHYEN_E2E_URL ?? "").replace(/\/$/, "");
const CHROMIUM = process.env.BINHYEN_CHROMIUM ?? "/usr/bin/chromium";
const PASSWORD = "binhyen-demo";
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");

export const PHONE_VIEWPORT = { width: 360, height: 780 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations land here). */
  errors: string[];
  /** Every /api path the page asked for, to prove what a public page does not call. */
  apiCalls: string[];
}

let browser: Browser;
const sessions: Session[] = [];

/**
 * Launches Chromium before the tests of the calling describe block and closes it, with every
 * session still open, after them.
 */
export function useBrowser(): void {
  beforeAll(async () => {
    if (!BASE_URL) {
      throw new Error("BINHYEN_E2E_URL is not set: the e2e global setup starts the demo server and sets it.");
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    for (const session of sessions) {
      await session.context.close().catch(() => undefined);
    }
    sessions.length = 0;
    await browser?.close();
  });
}

/** A fresh browser context (no cookies), in Vietnamese and Vietnam's time zone. */
export async function openSession(viewport: { width: number; height: number }): Promise<Session> {
  const context = await browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const apiCalls: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/")) {
      apiCalls.push(`${request.method()} ${url.pathname}`);
    }
  });
  const session = { context, page, errors, apiCalls };
  sessions.push(session);
  return session;
}

/** Signs in through the form, as a person would. */
export async function signIn(phone: string, viewport = DESKTOP_VIEWPORT): Promise<Session> {
  const session = await openSession(viewport);
  const { page } = session;
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId("login-form").waitFor();
  await page.getByLabel("Số điện thoại", { exact: true }).fill(phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await page.getByTestId("login-form").waitFor({ state: "detached" });
  return session;
}

/** Chromium logs an expected 4xx answer as "Failed to load resource"; drop exactly those. */
export function forgiveFailedLoads(session: Session, status: number): void {
  const expected = `status of ${status}`;
  const kept = session.errors.filter((e) => !(e.includes("Failed to load resource") && e.includes(expected)));
  session.errors.splice(0, session.errors.length, ...kept);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Fails on any console error the session saw, then closes it. */
export async function close(session: Session): Promise<void> {
  expect(session.errors, "no console errors").toEqual([]);
  await session.context.close();
}

/** GET /api/… from inside the page, with the page's own session cookie. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(`/api${p}`, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (!response.ok) {
      throw new Error(`GET /api${p} answered ${response.status}`);
    }
    return response.json();
  }, path);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small real RGB PNG the server can decode and re-encode; `pixel` gives each colour. */
export function testPng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.concat(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}
