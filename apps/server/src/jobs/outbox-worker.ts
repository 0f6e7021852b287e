import type { FastifyBaseLogger } from "fastify";
import { type ChannelRegistry, PermanentDeliveryError } from "../channels/channel";
import type { Clock } from "../core/clock";
import type { Executor } from "../db/client";
import { outboxRepository } from "../events/outbox.repository";

export type OutboxWorkerOptions = {
  batchSize?: number;
  maxAttempts?: number;
  /** Base of the exponential back-off between attempts. */
  backoffMs?: number;
  leaseMs?: number;
  /** Only these communes' rows (a worker per province, or a test on a shared database). */
  communeIds?: readonly string[];
};

export function backoffDelay(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 60 * 60 * 1000);
}

/** Drains due outbox rows into their channels. One call = one batch; the loop below repeats it. */
export async function drainOutboxOnce(
  db: Executor,
  channels: ChannelRegistry,
  clock: Clock,
  log: Pick<FastifyBaseLogger, "warn" | "error">,
  opts: OutboxWorkerOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const { batchSize = 20, maxAttempts = 8, backoffMs = 5000, leaseMs = 60_000 } = opts;
  const rows = await outboxRepository.claimDue(db, clock.now(), batchSize, leaseMs, opts.communeIds);
  let delivered = 0;
  let failed = 0;
  for (const row of rows) {
    const channel = channels.get(row.channel);
    try {
      if (!channel) {
        throw new PermanentDeliveryError(`no channel "${row.channel}" registered`);
      }
      await channel.deliver({
        id: row.id,
        event: row.event,
        payload: row.payload,
        idempotencyKey: row.idempotencyKey,
        attempt: row.attempts,
      });
      await outboxRepository.markDelivered(db, row.id, clock.now());
      delivered++;
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof PermanentDeliveryError || row.attempts >= maxAttempts;
      const retryAt = permanent
        ? null
        : new Date(clock.now().getTime() + backoffDelay(row.attempts, backoffMs));
      await outboxRepository.markFailed(db, row.id, message, retryAt);
      // Payloads are not logged: they may carry personal data.
      log.warn(
        { outboxId: row.id, channel: row.channel, event: row.event, attempt: row.attempts, permanent },
        "delivery failed",
      );
    }
  }
  return { delivered, failed };
}

export function startOutboxWorker(
  db: Executor,
  channels: ChannelRegistry,
  clock: Clock,
  log: FastifyBaseLogger,
  opts: OutboxWorkerOptions & { intervalMs?: number } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) {
      return;
    }
    try {
      const { delivered, failed } = await drainOutboxOnce(db, channels, clock, log, opts);
      // A full batch means more may be waiting: go again at once.
      timer = setTimeout(
        () => {
          running = tick();
        },
        delivered + failed >= (opts.batchSize ?? 20) ? 0 : (opts.intervalMs ?? 1000),
      );
    } catch (err) {
      log.error({ err }, "outbox worker tick failed");
      timer = setTimeout(() => {
        running = tick();
      }, opts.intervalMs ?? 1000);
    }
  };
  let timer = setTimeout(() => {
    running = tick();
  }, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
