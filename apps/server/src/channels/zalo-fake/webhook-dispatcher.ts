import type { Delivery, DeliveryPort } from "./world";

/**
 * POSTs webhook bodies with Zalo's retry behaviour, time-compressed (reference/zalo.md §2.6):
 * a reply that is not 2xx, or slower than `timeoutMs`, is retried after each delay of
 * `retryDelaysMs` with a `num_retry: <n>` header; then the event is dropped. Every attempt is
 * logged. Real timers: the world's clock only drives token and window expiry.
 */
export type DispatcherOptions = { timeoutMs: number; retryDelaysMs: number[] };

export type WebhookJob = {
  kind: "oa" | "bot";
  url: string;
  event: string;
  /** The exact bytes sent (the OA signature covers them). */
  body: string;
  headers: Record<string, string>;
};

const LOG_LIMIT = 2000;

export class WebhookDispatcher implements DeliveryPort {
  readonly #log: Delivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #closing = new AbortController();
  readonly #idle: (() => void)[] = [];
  #inFlight = 0;

  constructor(
    private readonly opts: DispatcherOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Enqueues a delivery; returns at once. */
  post(job: WebhookJob): void {
    if (this.#closing.signal.aborted) {
      return;
    }
    this.#inFlight++;
    void this.#attempt(job, 0);
  }

  log(): Delivery[] {
    return this.#log.map((d) => ({ ...d }));
  }

  /** Resolves when nothing is in flight or waiting for a retry. */
  flush(): Promise<void> {
    return this.#inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Cancels scheduled retries and aborts requests in flight. */
  close(): void {
    this.#closing.abort();
    for (const timer of this.#timers) {
      clearTimeout(timer);
    }
    this.#timers.clear();
    this.#inFlight = 0;
    this.#settle();
  }

  async #attempt(job: WebhookJob, attempt: number): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(job.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...job.headers,
          ...(attempt > 0 ? { num_retry: String(attempt) } : {}),
        },
        body: job.body,
        signal: AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs), this.#closing.signal]),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      error =
        err instanceof Error && err.name === "TimeoutError"
          ? "timeout"
          : String((err as Error)?.message ?? err);
    }
    if (this.#closing.signal.aborted) {
      return;
    }
    this.#log.push({
      kind: job.kind,
      url: job.url,
      event: job.event,
      attempt,
      status,
      error,
      at: this.now(),
    });
    if (this.#log.length > LOG_LIMIT) {
      this.#log.shift();
    }
    const delay = this.opts.retryDelaysMs[attempt];
    if ((status === null || status < 200 || status > 299) && delay !== undefined) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.#attempt(job, attempt + 1);
      }, delay);
      this.#timers.add(timer);
      return;
    }
    this.#inFlight--;
    this.#settle();
  }

  #settle(): void {
    if (this.#inFlight === 0) {
      for (const resolve of this.#idle.splice(0)) {
        resolve();
      }
    }
  }
}
