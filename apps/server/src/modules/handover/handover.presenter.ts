import { type THandover, type THandoverParty, ZHandoverSnapshot } from "@binhyen/contracts";
import type { Actor } from "../../core/authz";
import { type HandoverRef, handoverPolicy } from "./handover.policy";
import type { handoverRepository } from "./handover.repository";

export type HandoverFound = NonNullable<Awaited<ReturnType<typeof handoverRepository.find>>>;

export const refOf = (found: HandoverFound): HandoverRef => ({
  communeId: found.handover.communeId,
  provinceId: found.province.id,
  fromUserId: found.handover.fromUserId,
  toUserId: found.handover.toUserId,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Parts the caller may still confirm: theirs, not yet given. */
export function openParties(actor: Actor, found: HandoverFound): THandoverParty[] {
  const h = found.handover;
  const done: Record<THandoverParty, Date | null> = {
    FROM: h.fromConfirmedAt,
    TO: h.toConfirmedAt,
    CHIEF: h.chiefConfirmedAt,
  };
  return handoverPolicy.parties(actor, refOf(found)).filter((p) => done[p] === null);
}

export function presentHandover(actor: Actor, found: HandoverFound): THandover {
  const h = found.handover;
  return {
    id: h.id,
    communeId: h.communeId,
    group: { id: found.group.id, name: found.group.name, hamletName: found.hamlet.name },
    from: h.fromUserId ? { id: h.fromUserId, name: found.fromName ?? "" } : null,
    to: { id: h.toUserId, name: found.toName },
    reason: h.reason,
    // Parsed, so a stored snapshot always leaves in the contract's shape (and nothing else).
    snapshot: ZHandoverSnapshot.parse(h.snapshot),
    createdBy: { id: h.createdByUserId, name: found.byName },
    createdAt: h.createdAt.toISOString(),
    confirmations: {
      fromConfirmedAt: iso(h.fromConfirmedAt),
      toConfirmedAt: iso(h.toConfirmedAt),
      chiefConfirmedAt: iso(h.chiefConfirmedAt),
    },
    canConfirm: openParties(actor, found),
  };
}
