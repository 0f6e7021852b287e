import type { TPushSubscription } from "@binhyen/contracts";
import { type Channel, type ChannelMessage, PermanentDeliveryError } from "../../channels/channel";
import { generateVapidKeys, PushSender, type VapidKeys } from "../../channels/web-push/push-sender";
import type { Actor } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { announcementsRepository as repo } from "./announcements.repository";
import { pushRepository } from "./push.repository";

/**
 * The VAPID secret's row is named after the secret key it is sealed under: a database restored
 * under another key (or a test database shared by several keys) gets its own pair, never an
 * unreadable one. Browsers then re-subscribe with the new public key.
 */
const vapidName = (deps: Deps) => `vapid:${deps.box.mac("vapid-name", "v1", 16)}`;
const VAPID = "vapid";

/** The server's VAPID key pair: generated once, kept sealed under the secret key (not in clear). */
export async function vapidKeys(deps: Deps): Promise<VapidKeys> {
  const read = async () => {
    const row = await pushRepository.findSecret(deps.db, vapidName(deps));
    return row ? (JSON.parse(deps.box.open(row.sealed, VAPID)) as VapidKeys) : undefined;
  };
  const found = await read();
  if (found) {
    return found;
  }
  const keys = generateVapidKeys();
  await pushRepository.insertSecretIfAbsent(deps.db, {
    name: vapidName(deps),
    sealed: deps.box.seal(JSON.stringify(keys), VAPID),
    createdAt: deps.clock.now(),
  });
  // Two processes may race at first start: whichever row landed is the key pair.
  return (await read()) ?? keys;
}

/** Only real push services (and, in tests and the demo, loopback fakes) — never an arbitrary URL. */
export function pushEndpointAllowed(endpoint: string, allowedHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (
    url.protocol !== "https:" &&
    !(url.protocol === "http:" && ["127.0.0.1", "localhost"].includes(url.hostname))
  ) {
    return false;
  }
  return allowedHosts.some((h) => url.hostname === h || (h.startsWith(".") && url.hostname.endsWith(h)));
}

export async function subscribePush(deps: Deps, actor: Actor, sub: TPushSubscription) {
  if (!pushEndpointAllowed(sub.endpoint, deps.config.pushAllowedHosts)) {
    throw new AppError("VALIDATION_FAILED", "Dịch vụ thông báo của trình duyệt này chưa được hỗ trợ.", [
      { path: "endpoint", message: "push service not allowed" },
    ]);
  }
  const now = deps.clock.now();
  await pushRepository.upsertSubscription(deps.db, {
    id: deps.ids.uuid(),
    userId: actor.userId,
    endpoint: sub.endpoint,
    p256dh: sub.keys.p256dh,
    auth: sub.keys.auth,
    createdAt: now,
  });
  return { ok: true as const };
}

export async function unsubscribePush(deps: Deps, actor: Actor, endpoint: string) {
  await pushRepository.deleteSubscription(deps.db, endpoint, actor.userId);
  return { ok: true as const };
}

/** A token bucket: at most `perSecond` sends per second from this process. */
export function rateLimiter(perSecond: number, now: () => number = Date.now) {
  let tokens = perSecond;
  let last = now();
  return async function take(): Promise<void> {
    for (;;) {
      const t = now();
      tokens = Math.min(perSecond, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - tokens) / perSecond) * 1000)));
    }
  };
}

/**
 * Web Push for announcements: one outbox row per announcement fans out to every subscribed
 * browser of its recipients. Status per subscription lives in announcement_deliveries, so a
 * retry sends only what is still owed; a 404/410 removes the dead subscription.
 */
export function createPushChannel(deps: Deps, opts: { perSecond?: number } = {}): Channel {
  let sender: PushSender | undefined;
  const take = rateLimiter(opts.perSecond ?? 100);
  return {
    name: "push",
    async deliver(message: ChannelMessage) {
      const id = String(message.payload.announcementId ?? "");
      const a = await repo.find(deps.db, id);
      const now = deps.clock.now();
      if (!a) {
        throw new PermanentDeliveryError("announcement not found");
      }
      if (a.status !== "published" || (a.expiresAt && a.expiresAt <= now)) {
        return; // withdrawn or expired before we got to it: nothing is owed any more
      }
      sender ??= new PushSender({ vapid: await vapidKeys(deps), subject: deps.config.pushSubject });
      const targets = await pushRepository.pendingTargets(deps.db, id);
      let retry = 0;
      let retryAfterMs = 0;
      for (const t of targets) {
        await take();
        const outcome = await sender.send(
          { endpoint: t.endpoint, keys: { p256dh: t.p256dh, auth: t.auth } },
          {
            title: a.title,
            category: a.category,
            urgent: a.urgent,
            url: `/groups/${t.group_id}/feed`,
            id: a.id,
          },
          { urgency: a.urgent ? "high" : "normal", topic: a.id.replaceAll("-", "").slice(0, 32) },
        );
        const status =
          outcome.kind === "delivered"
            ? "delivered"
            : outcome.kind === "gone"
              ? "gone"
              : outcome.kind === "permanent"
                ? "failed"
                : "pending";
        const lastError = "reason" in outcome ? outcome.reason.slice(0, 300) : null;
        await pushRepository.recordDelivery(deps.db, {
          announcementId: id,
          target: t.id,
          memberId: t.member_id,
          groupId: t.group_id,
          status,
          lastError,
          at: deps.clock.now(),
        });
        if (outcome.kind === "gone") {
          await pushRepository.deleteSubscriptionById(deps.db, t.id);
        } else if (outcome.kind === "delivered") {
          await pushRepository.markSubscriptionSucceeded(deps.db, t.id, deps.clock.now());
        } else if (outcome.kind === "retry") {
          retry++;
          retryAfterMs = Math.max(retryAfterMs, outcome.retryAfterMs ?? 0);
        }
      }
      if (retry > 0) {
        throw new Error(
          `${retry} push message(s) to retry${retryAfterMs ? ` after ${retryAfterMs} ms` : ""}`,
        );
      }
    },
  };
}
