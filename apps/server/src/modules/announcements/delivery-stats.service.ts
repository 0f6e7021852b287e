import type { TAnnouncementStats, TRecipientList } from "@binhyen/contracts";
import { type Actor, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { orgRepository } from "../org/org.repository";
import { announcementPolicy } from "./announcements.policy";
import { announcementsRepository as repo } from "./announcements.repository";

async function loadManaged(deps: Deps, actor: Actor, id: string) {
  const a = await repo.find(deps.db, id);
  const c = a ? await orgRepository.findCommune(deps.db, a.communeId) : undefined;
  if (!a || !c || !seesCommune(actor, a.communeId, c.commune.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  const groupIds = await repo.groupIds(deps.db, id);
  if (!announcementPolicy.manage(actor, { ...a, groupIds })) {
    throw new AppError("FORBIDDEN");
  }
  return a;
}

/** Delivered / read / acknowledged by household, per group and per channel. */
export async function announcementStats(deps: Deps, actor: Actor, id: string): Promise<TAnnouncementStats> {
  await loadManaged(deps, actor, id);
  const groups = await repo.stats(deps.db, id);
  const deliveries = await repo.deliveryStats(deps.db, id);
  const sum = (k: "recipients" | "delivered" | "read" | "acknowledged" | "web_reachable") =>
    groups.reduce((s, g) => s + Number(g[k]), 0);
  const channels = new Map<string, { pending: number; delivered: number; failed: number }>();
  // The web channel: members who have the app; "delivered" = the app has shown it.
  channels.set("web", {
    pending: sum("web_reachable") - sum("delivered"),
    delivered: sum("delivered"),
    failed: 0,
  });
  for (const d of deliveries) {
    const c = channels.get(d.channel) ?? { pending: 0, delivered: 0, failed: 0 };
    if (d.status === "delivered") {
      c.delivered += Number(d.n);
    } else if (d.status === "pending") {
      c.pending += Number(d.n);
    } else {
      c.failed += Number(d.n);
    }
    channels.set(d.channel, c);
  }
  return {
    recipients: sum("recipients"),
    delivered: sum("delivered"),
    read: sum("read"),
    acknowledged: sum("acknowledged"),
    byChannel: [...channels].map(([channel, c]) => ({ channel, ...c, pending: Math.max(0, c.pending) })),
    byGroup: groups.map((g) => ({
      groupId: g.group_id,
      name: g.name,
      recipients: Number(g.recipients),
      read: Number(g.read),
      acknowledged: Number(g.acknowledged),
    })),
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Who has not seen (or acknowledged) it yet — for an urgent notice, the list to phone. */
export async function announcementRecipients(
  deps: Deps,
  actor: Actor,
  id: string,
  f: { state: "unseen" | "unacknowledged" | "all"; groupId?: string; limit: number; offset: number },
): Promise<TRecipientList> {
  await loadManaged(deps, actor, id);
  const { total, items, channels } = await repo.recipients(deps.db, id, f);
  return {
    total,
    items: items.map((i) => ({
      memberId: i.member_id,
      householdId: i.household_id,
      name: i.name,
      address: i.address ?? "",
      group: { id: i.group_id, name: i.group_name },
      deliveredAt: iso(i.delivered_at),
      readAt: iso(i.read_at),
      ackAt: iso(i.ack_at),
      channels: channels
        .filter((c) => c.memberId === i.member_id)
        .map((c) => ({ channel: c.channel, status: c.status })),
    })),
  };
}
