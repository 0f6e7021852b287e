import { randomInt } from "node:crypto";
import type { TZaloLinkCode, TZaloMyLink } from "@binhyen/contracts";
import type { Actor } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { zaloPolicy } from "./zalo.policy";
import { zaloRepository } from "./zalo.repository";
import { sealFor } from "./zalo-api";
import { zaloEffects } from "./zalo-effects";

/**
 * Officers link their own Zalo: a short-lived code from Bình Yên, sent as a message to the
 * commune's OA (so the OA knows their OA-scoped id and can make them phó nhóm) or to the Bot
 * (so alerts reach them on Zalo).
 */
const CODE_TTL_MS = 15 * 60_000;
const CODE_RE = /^LK[-\s]?(\d{6})$/i;

const codeHash = (deps: Deps, digits: string) => deps.box.mac("zalo-link-code", digits, 43);

/** The commune whose OA and bot the person links to: their home commune, else their role's. */
async function homeCommune(deps: Deps, actor: Actor): Promise<string | undefined> {
  return (
    (await zaloRepository.homeCommuneOf(deps.db, actor.userId)) ??
    actor.roles.find((r) => r.communeId)?.communeId
  );
}

export async function myZaloLink(deps: Deps, actor: Actor): Promise<TZaloMyLink> {
  if (!zaloPolicy.linkSelf(actor)) {
    throw new AppError("FORBIDDEN");
  }
  const link = await zaloRepository.findOfficerLink(deps.db, actor.userId);
  const communeId = link?.communeId ?? (await homeCommune(deps, actor));
  const conn = communeId ? await zaloRepository.findConnection(deps.db, communeId) : undefined;
  return {
    oaLinked: Boolean(link?.oaUserId),
    botLinked: Boolean(link?.botChatIdSealed),
    oaLinkedAt: link?.oaLinkedAt?.toISOString() ?? null,
    botLinkedAt: link?.botLinkedAt?.toISOString() ?? null,
    oaName: conn?.oaName ?? null,
    botName: conn?.botName ?? null,
  };
}

export async function newLinkCode(deps: Deps, actor: Actor, requestId: string): Promise<TZaloLinkCode> {
  const communeId = await homeCommune(deps, actor);
  if (!zaloPolicy.linkSelf(actor) || !communeId) {
    throw new AppError("FORBIDDEN");
  }
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  let digits = "";
  for (let attempt = 0; ; attempt++) {
    digits = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const taken = await zaloRepository.findOfficerLinkByCode(deps.db, codeHash(deps, digits));
    if (!taken || (taken.codeExpiresAt && taken.codeExpiresAt < now)) {
      if (taken) {
        await zaloRepository.updateOfficerLink(deps.db, taken.userId, {
          codeHash: null,
          codeExpiresAt: null,
        });
      }
      break;
    }
    if (attempt > 10) {
      throw new AppError("CONFLICT", "Không tạo được mã, thử lại.");
    }
  }
  await deps.db.transaction(async (tx) => {
    await zaloRepository.upsertOfficerLink(tx, {
      userId: actor.userId,
      communeId,
      codeHash: codeHash(deps, digits),
      codeExpiresAt: expiresAt,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.link_code_issued",
      entityType: "user",
      entityId: actor.userId,
      communeId,
      requestId,
    });
  });
  const conn = await zaloRepository.findConnection(deps.db, communeId);
  return {
    code: `LK-${digits}`,
    expiresAt: expiresAt.toISOString(),
    oaName: conn?.oaName ?? null,
    botName: conn?.botName ?? null,
  };
}

export async function unlinkMyZalo(deps: Deps, actor: Actor, requestId: string): Promise<TZaloMyLink> {
  const link = await zaloRepository.findOfficerLink(deps.db, actor.userId);
  if (link) {
    const now = deps.clock.now();
    const groups = (await orgRepository.currentRolesOfUser(deps.db, actor.userId))
      .map((r) => r.role.groupId)
      .filter((g): g is string => Boolean(g));
    await deps.db.transaction(async (tx) => {
      await zaloRepository.updateOfficerLink(tx, actor.userId, {
        oaUserId: null,
        botChatIdSealed: null,
        oaLinkedAt: null,
        botLinkedAt: null,
        codeHash: null,
        updatedAt: now,
      });
      for (const g of groups) {
        await zaloEffects.adminsChanged(tx, g, now);
      }
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "zalo.officer_unlinked",
        entityType: "user",
        entityId: actor.userId,
        communeId: link.communeId,
        requestId,
      });
    });
  }
  return myZaloLink(deps, actor);
}

/**
 * A message to the OA or the bot that is a valid, unexpired link code of an officer of this
 * commune links that Zalo identity; anything else returns false (it is a resident's message).
 */
export async function linkOfficerByCode(
  deps: Deps,
  communeId: string,
  via: "oa" | "bot",
  zaloId: string,
  text: string,
): Promise<boolean> {
  const m = CODE_RE.exec(text.trim());
  if (!m?.[1]) {
    return false;
  }
  const link = await zaloRepository.findOfficerLinkByCode(deps.db, codeHash(deps, m[1]));
  const now = deps.clock.now();
  if (!link || link.communeId !== communeId || !link.codeExpiresAt || link.codeExpiresAt < now) {
    return false;
  }
  const groups = (await orgRepository.currentRolesOfUser(deps.db, link.userId))
    .map((r) => r.role.groupId)
    .filter((g): g is string => Boolean(g));
  await deps.db.transaction(async (tx) => {
    await zaloRepository.updateOfficerLink(
      tx,
      link.userId,
      via === "oa"
        ? { oaUserId: zaloId, oaLinkedAt: now, codeHash: null, codeExpiresAt: null, updatedAt: now }
        : {
            botChatIdSealed: sealFor(deps, communeId, "officer-bot-chat", zaloId),
            botLinkedAt: now,
            codeHash: null,
            codeExpiresAt: null,
            updatedAt: now,
          },
    );
    if (via === "oa") {
      // Now the OA knows who they are on Zalo: make them phó nhóm of their groups.
      for (const g of groups) {
        await zaloEffects.adminsChanged(tx, g, now);
      }
    }
    await recordAudit(tx, now, {
      actorUserId: link.userId,
      action: via === "oa" ? "zalo.officer_linked_oa" : "zalo.officer_linked_bot",
      entityType: "user",
      entityId: link.userId,
      communeId,
    });
  });
  return true;
}
