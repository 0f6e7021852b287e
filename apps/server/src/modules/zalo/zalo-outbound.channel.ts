import { type Channel, type ChannelMessage, PermanentDeliveryError } from "../../channels/channel";
import { ZaloApiError, zaloErrorMessage } from "../../channels/zalo-oa/zalo-errors";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { alertsRepository } from "../alerts/alerts.repository";
import { recordAudit } from "../audit/audit.service";
import { moderationRepository } from "../moderation/moderation.repository";
import { orgRepository } from "../org/org.repository";
import { reportsRepository } from "../reports/reports.repository";
import { zaloRepository } from "./zalo.repository";
import { alertLeaders } from "./zalo-alerts";
import { deliverAnnouncementToZalo } from "./zalo-announcements";
import { oaFor, openFor, zaloClients } from "./zalo-api";
import { ZALO_BOT_CHANNEL, ZALO_INBOUND_CHANNEL, ZALO_OA_CHANNEL } from "./zalo-effects";
import { desiredAdmins } from "./zalo-groups.service";
import { processInboundEvent } from "./zalo-inbound.service";
import { CS_WINDOW_MS, threadRecipient } from "./zalo-private-reports.service";

/**
 * The outbox channels of the Zalo module: `zalo-oa` carries Bình Yên's decisions to Zalo
 * (announcements, join decisions, removals, locks, profile reverts, deputies, consultation
 * replies); `zalo-inbound` processes accepted webhook events; `zalo-bot` sends officers' alerts.
 * Zalo errors a person must fix, or that will never succeed, end the row (PermanentDeliveryError)
 * after recording them where an officer looks; the rest are retried with back-off.
 */
/** The outbox worker's default number of attempts. */
const INBOUND_MAX_ATTEMPTS = 8;

function giveUpOn(err: unknown): never {
  if (err instanceof ZaloApiError && (err.kind === "permanent" || err.kind === "human")) {
    throw new PermanentDeliveryError(zaloErrorMessage(err.code, err.api));
  }
  if (err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason) {
    // Not connected / needs consent: nothing to retry until a person acts.
    throw new PermanentDeliveryError(err.message);
  }
  throw err;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

async function groupOp(deps: Deps, m: ChannelMessage) {
  const groupId = str(m.payload.groupId);
  const link = await zaloRepository.findGroupLink(deps.db, groupId);
  if (!link) {
    return; // unlinked since: nothing to do on Zalo
  }
  const api = oaFor(deps, link.communeId);
  const now = deps.clock.now();
  const ids = strs(m.payload.zaloUserIds);
  switch (m.payload.op) {
    case "accept": {
      await api.acceptPendingInvites(link.zaloGroupId, ids);
      for (const id of ids) {
        const req = await zaloRepository.latestZaloJoin(deps.db, groupId, id);
        await zaloRepository.upsertZaloMember(deps.db, {
          groupId,
          zaloUserId: id,
          memberId: req?.memberId ?? null,
          displayName: req?.name ?? "",
          state: "member",
          updatedAt: now,
        });
      }
      return;
    }
    case "reject":
      await api.rejectPendingInvites(link.zaloGroupId, ids);
      return;
    case "remove": {
      await api.removeMembers(link.zaloGroupId, ids);
      for (const id of ids) {
        const known = await zaloRepository.findZaloMember(deps.db, groupId, id);
        await zaloRepository.upsertZaloMember(deps.db, {
          groupId,
          zaloUserId: id,
          memberId: known?.memberId ?? null,
          displayName: known?.displayName ?? "",
          state: "removed",
          updatedAt: now,
        });
      }
      return;
    }
    case "lock": {
      const lockSendMsg = m.payload.lockSendMsg === true;
      await api.updateGroupInfo(link.zaloGroupId, { lockSendMsg });
      await zaloRepository.updateGroupLink(deps.db, groupId, { settings: { ...link.settings, lockSendMsg } });
      return;
    }
    case "revert_profile": {
      const g = await orgRepository.findGroup(deps.db, groupId);
      const official = await moderationRepository.officialProfile(deps.db, groupId);
      const name = official?.name ?? g?.group.name ?? link.name ?? "";
      const description = official?.description ?? g?.group.description ?? "";
      await api.updateGroupInfo(link.zaloGroupId, { name, description });
      await zaloRepository.updateGroupLink(deps.db, groupId, { name });
      await alertLeaders(
        deps,
        link.communeId,
        groupId,
        "ZALO_GROUP_CHANGED",
        `Nhóm Zalo "${name}" bị thành viên đổi thông tin; Bình Yên đã khôi phục hồ sơ chính thức.`,
        `zalo-revert:${m.id}`,
      );
      return;
    }
    case "sync_admins": {
      const desired = (await desiredAdmins(deps, groupId))
        .map((a) => a.oaUserId)
        .filter((x): x is string => !!x);
      const add = desired.filter((x) => !link.admins.includes(x));
      const remove = link.admins.filter((x) => !desired.includes(x));
      if (add.length) {
        // Only members can be made phó nhóm: an officer not yet in the group is invited first
        // (the OA owns the group, so an invited follower joins at once; members are skipped).
        await api.invite(link.zaloGroupId, add);
        await api.addAdmins(link.zaloGroupId, add);
      }
      if (remove.length) {
        await api.removeAdmins(link.zaloGroupId, remove);
      }
      await zaloRepository.updateGroupLink(deps.db, groupId, { admins: desired });
      if (add.length || remove.length) {
        await deps.db.transaction(async (tx) => {
          await recordAudit(tx, now, {
            actorUserId: null,
            action: "zalo.admins_synced",
            entityType: "group",
            entityId: groupId,
            communeId: link.communeId,
            data: { added: add.length, removed: remove.length },
          });
        });
      }
      return;
    }
    case "invite":
      await api.invite(link.zaloGroupId, ids);
      return;
    default:
      throw new PermanentDeliveryError(`unknown Zalo group operation ${String(m.payload.op)}`);
  }
}

async function csSend(deps: Deps, m: ChannelMessage) {
  const communeId = str(m.payload.communeId);
  const to = openFor(deps, communeId, "cs-to", str(m.payload.toSealed));
  const text = openFor(deps, communeId, "cs-text", str(m.payload.textSealed));
  const quote = str(m.payload.quoteMessageId) || undefined;
  await oaFor(deps, communeId).sendCsText({ userId: to, text, quoteMessageId: quote });
}

/** An officer's message to a reporter who came through the OA, within Zalo's 7-day window. */
async function replySend(deps: Deps, m: ChannelMessage) {
  const reportId = str(m.payload.reportId);
  const messageId = str(m.payload.messageId);
  const report = (await reportsRepository.find(deps.db, reportId))?.report;
  const who = await threadRecipient(deps, reportId);
  const msg = report
    ? (await reportsRepository.messages(deps.db, reportId, false)).find((x) => x.message.id === messageId)
        ?.message
    : undefined;
  if (!report || !who || !msg) {
    return;
  }
  const now = deps.clock.now();
  const fail = async (why: string) => {
    await alertLeaders(
      deps,
      report.communeId,
      null,
      "ZALO_REPLY_FAILED",
      `Không gửi được tin nhắn qua Zalo cho người báo tin (hồ sơ ${report.id.slice(0, 8)}): ${why} Hãy dùng kênh khác.`,
      `zalo-reply-failed:${messageId}`,
      msg.authorUserId ? [msg.authorUserId] : [],
      report.id,
    );
    throw new PermanentDeliveryError(why);
  };
  if (now.getTime() - who.thread.lastInteractionAt.getTime() >= CS_WINDOW_MS) {
    await fail("đã quá 7 ngày kể từ lần cuối người báo tin nhắn OA.");
  }
  try {
    await oaFor(deps, report.communeId).sendCsText({
      userId: who.zaloUserId,
      text: `Công an xã: ${msg.body}`,
      quoteMessageId: who.thread.lastUserMessageId ?? undefined,
    });
  } catch (err) {
    if (err instanceof ZaloApiError && (err.kind === "permanent" || err.kind === "human")) {
      await fail(zaloErrorMessage(err.code, err.api));
    }
    throw err;
  }
}

export function createZaloChannels(deps: Deps): Channel[] {
  const oa: Channel = {
    name: ZALO_OA_CHANNEL,
    async deliver(m) {
      try {
        if (m.event === "announcement.published") {
          await deliverAnnouncementToZalo(deps, str(m.payload.announcementId));
        } else if (m.event.startsWith("zalo.group.")) {
          await groupOp(deps, m);
        } else if (m.event === "zalo.cs") {
          await csSend(deps, m);
        } else if (m.event === "zalo.reply") {
          await replySend(deps, m);
        } else {
          throw new PermanentDeliveryError(`unknown event ${m.event}`);
        }
      } catch (err) {
        if (err instanceof PermanentDeliveryError) {
          throw err;
        }
        giveUpOn(err);
      }
    },
  };
  const inbound: Channel = {
    name: ZALO_INBOUND_CHANNEL,
    async deliver(m) {
      try {
        await processInboundEvent(deps, Number(m.payload.eventId));
      } catch (err) {
        // The worker's last attempt: the status page counts it as a failed event.
        if (m.attempt >= INBOUND_MAX_ATTEMPTS) {
          await zaloRepository.finishEvent(
            deps.db,
            Number(m.payload.eventId),
            "failed",
            String(err),
            deps.clock.now(),
          );
        }
        throw err;
      }
    },
  };
  const bot: Channel = {
    name: ZALO_BOT_CHANNEL,
    async deliver(m) {
      if (m.event === "zalo.bot.reply") {
        const communeId = str(m.payload.communeId);
        const conn = await zaloRepository.findConnection(deps.db, communeId);
        if (!conn?.botTokenSealed) {
          return;
        }
        await zaloClients(deps)
          .bot.sendMessage(
            openFor(deps, communeId, "bot-token", conn.botTokenSealed),
            openFor(deps, communeId, "bot-chat", str(m.payload.chatSealed)),
            openFor(deps, communeId, "bot-text", str(m.payload.textSealed)),
          )
          .catch(giveUpOn);
        return;
      }
      // alert.raised: the alert's own title (never names a reporter) to each linked officer. One
      // row holds one commune's alerts (raiseAlert), so the bot is looked up once.
      const alerts = await alertsRepository.findMany(deps.db, strs(m.payload.alertIds));
      const communeId = alerts[0]?.communeId;
      const conn = communeId ? await zaloRepository.findConnection(deps.db, communeId) : undefined;
      if (!communeId || !conn?.botTokenSealed) {
        return;
      }
      const botToken = openFor(deps, communeId, "bot-token", conn.botTokenSealed);
      const links = await zaloRepository.officerLinksOf(
        deps.db,
        alerts.map((a) => a.userId),
      );
      for (const a of alerts) {
        const link = links.find((l) => l.userId === a.userId && l.botChatIdSealed);
        if (!link?.botChatIdSealed) {
          continue;
        }
        await zaloClients(deps)
          .bot.sendMessage(
            botToken,
            openFor(deps, link.communeId, "officer-bot-chat", link.botChatIdSealed),
            `🔔 ${a.title}\n${deps.config.publicUrl}${a.link}`,
          )
          .catch(giveUpOn);
      }
    },
  };
  return [oa, inbound, bot];
}

export function registerZaloChannels(deps: Deps): void {
  for (const c of createZaloChannels(deps)) {
    if (!deps.channels.get(c.name)) {
      deps.channels.register(c);
    }
  }
}
