import { describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  execCall,
  pipeline,
  TokenBucketLimiter,
  withRateLimit,
  withRetry,
  withToken,
  type ZaloCall,
} from "./transport";
import { ZaloApiError, ZaloNetworkError } from "./zalo-errors";

const apiError = (code: number) => new ZaloApiError({ api: "oa", code, endpoint: "POST /x" });
const netError = () => new ZaloNetworkError({ api: "oa", endpoint: "POST /x", reason: "network" });

function call(exec: ZaloCall["exec"]): ZaloCall {
  return { api: "oa", endpoint: "POST /x", key: "oa-1", exec };
}

describe("TokenBucketLimiter", () => {
  it("lets a burst through, then waits 1/rate per call with a fake clock and sleep", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const limiter = new TokenBucketLimiter({
      ratePerSecond: 2,
      burst: 2,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(await limiter.take("a")).toBe(0);
    expect(await limiter.take("a")).toBe(0);
    expect(await limiter.take("a")).toBe(500);
    expect(await limiter.take("a")).toBe(1000); // queued behind the previous reservation
    expect(sleeps).toEqual([500, 1000]);
    // Another key has its own bucket.
    expect(await limiter.take("b")).toBe(0);
    // After enough time the bucket refills.
    now += 10_000;
    expect(await limiter.take("a")).toBe(0);
  });

  it("throttles calls through the transformer", async () => {
    const sleep = vi.fn(async (_ms: number) => {});
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, now: () => 0, sleep });
    const run = pipeline(execCall, withRateLimit(limiter));
    await run(call(async () => 1));
    await run(call(async () => 2));
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(1000);
  });
});

describe("withRetry", () => {
  const noSleep = async () => {};

  it("retries retryable errors and stops after maxAttempts", async () => {
    const exec = vi.fn(async () => {
      throw apiError(-32);
    });
    const delays: number[] = [];
    const run = pipeline(
      execCall,
      withRetry({
        maxAttempts: 3,
        baseDelayMs: 100,
        random: () => 0.5,
        sleep: async (ms) => void delays.push(ms),
      }),
    );
    await expect(run(call(exec))).rejects.toMatchObject({ code: -32 });
    expect(exec).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([75, 150]); // equal jitter: step/2 + 0.5 * step/2
  });

  it("retries network errors and returns the eventual success", async () => {
    let n = 0;
    const onRetry = vi.fn();
    const run = pipeline(execCall, withRetry({ maxAttempts: 4, sleep: noSleep, onRetry }));
    const out = await run(
      call(async () => {
        n++;
        if (n < 3) {
          throw netError();
        }
        return "ok";
      }),
    );
    expect(out).toBe("ok");
    expect(onRetry).toHaveBeenCalledTimes(2);
    expect(onRetry.mock.calls[0]?.[0]).toMatchObject({ endpoint: "POST /x", attempt: 1, cause: "network" });
  });

  it.each([-230, -201, -216, -237])("does not retry %i", async (code) => {
    const exec = vi.fn(async () => {
      throw apiError(code);
    });
    const run = pipeline(execCall, withRetry({ maxAttempts: 5, sleep: noSleep }));
    await expect(run(call(exec))).rejects.toMatchObject({ code });
    expect(exec).toHaveBeenCalledTimes(1);
  });

  it("backoff grows exponentially and is capped", () => {
    expect(backoffDelay(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(3, 500, 30_000, () => 0.999999)).toBe(2000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
  });
});

describe("withToken", () => {
  it("refreshes once on a refresh-kind error, then succeeds with the new token", async () => {
    const getToken = vi.fn(async (force: boolean) => (force ? "fresh" : "stale"));
    const seen: (string | undefined)[] = [];
    const run = pipeline(execCall, withToken(getToken));
    const out = await run(
      call(async (token) => {
        seen.push(token);
        if (token === "stale") {
          throw apiError(-216);
        }
        return "sent";
      }),
    );
    expect(out).toBe("sent");
    expect(seen).toEqual(["stale", "fresh"]);
    expect(getToken.mock.calls).toEqual([[false], [true]]);
  });

  it("refreshes at most once and does not multiply with retries", async () => {
    const getToken = vi.fn(async (force: boolean) => (force ? "fresh" : "stale"));
    const exec = vi.fn(async () => {
      throw apiError(-220);
    });
    const run = pipeline(execCall, withRetry({ maxAttempts: 3, sleep: async () => {} }), withToken(getToken));
    await expect(run(call(exec))).rejects.toMatchObject({ code: -220, kind: "refresh" });
    expect(exec).toHaveBeenCalledTimes(2);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it("does not refresh on other errors", async () => {
    const getToken = vi.fn(async () => "t");
    const run = pipeline(execCall, withToken(getToken));
    await expect(
      run(
        call(async () => {
          throw apiError(-230);
        }),
      ),
    ).rejects.toMatchObject({ code: -230 });
    expect(getToken).toHaveBeenCalledTimes(1);
  });
});
