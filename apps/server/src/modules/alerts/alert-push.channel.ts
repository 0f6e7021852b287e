import type { Channel } from "../../channels/channel";
import { PushSender } from "../../channels/web-push/push-sender";
import type { Deps } from "../../deps";
import { pushRepository } from "../announcements/push.repository";
import { rateLimiter, vapidKeys } from "../announcements/push.service";
import { alertsRepository } from "./alerts.repository";
import { ALERT_PUSH_CHANNEL } from "./alerts.service";

/**
 * Web Push for officers' alerts. The payload is the alert's title and link only — the same text
 * the app shows, which never names a reporter. The push `topic` is the alert id, so a retried
 * send replaces an undelivered copy instead of stacking a second one.
 */
export function createAlertPushChannel(deps: Deps): Channel {
  let sender: PushSender | undefined;
  const take = rateLimiter(50);
  return {
    name: ALERT_PUSH_CHANNEL,
    async deliver(message) {
      const ids = Array.isArray(message.payload.alertIds) ? message.payload.alertIds.map(String) : [];
      const alerts = await alertsRepository.findMany(deps.db, ids);
      const subs = await alertsRepository.subscriptionsOf(
        deps.db,
        alerts.map((a) => a.userId),
      );
      if (subs.length === 0) {
        return;
      }
      sender ??= new PushSender({ vapid: await vapidKeys(deps), subject: deps.config.pushSubject });
      let retry = 0;
      for (const a of alerts) {
        for (const s of subs.filter((x) => x.userId === a.userId)) {
          await take();
          const outcome = await sender.send(
            { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
            { title: a.title, url: a.link, kind: a.kind, id: a.id },
            { urgency: "high", topic: a.id.replaceAll("-", "").slice(0, 32) },
          );
          if (outcome.kind === "gone") {
            await pushRepository.deleteSubscriptionById(deps.db, s.id);
          } else if (outcome.kind === "retry") {
            retry++;
          }
        }
      }
      if (retry > 0) {
        throw new Error(`${retry} alert push(es) to retry`);
      }
    },
  };
}
