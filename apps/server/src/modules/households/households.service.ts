import type {
  TChangeHeadRequest,
  TContactStatus,
  TCreateHouseholdRequest,
  THousehold,
  THouseholdListQuery,
  THouseholdListResponse,
  THouseholdStatus,
  TSetHouseholdStatusRequest,
  TUpdateHouseholdRequest,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { requirePhone } from "../../core/phone";
import { likePattern, searchKey, sortByVietnameseName, vietnameseSortKey } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { type HamletRef, householdPolicy } from "./households.policy";
import { type HouseholdRow, householdsRepository } from "./households.repository";

export async function loadHamlet(deps: Deps, hamletId: string) {
  const found = await orgRepository.findHamlet(deps.db, hamletId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref: HamletRef = {
    hamletId,
    groupId: found.group.id,
    communeId: found.hamlet.communeId,
    provinceId: found.commune.provinceId,
    deputiesSeePhones: found.group.deputiesSeePhones,
  };
  return { ...found, ref };
}

async function loadHousehold(deps: Deps, householdId: string) {
  const household = await householdsRepository.find(deps.db, householdId);
  if (!household) {
    throw new AppError("NOT_FOUND");
  }
  return { household, ...(await loadHamlet(deps, household.hamletId)) };
}

/** Normalises each phone (req. 28); an invalid one fails naming its position. */
export function normalisePhones(inputs: readonly string[], path = "phones"): string[] {
  const out: string[] = [];
  inputs.forEach((p, i) => {
    const national = requirePhone(p, `${path}.${i}`).national;
    if (!out.includes(national)) {
      out.push(national);
    }
  });
  return out;
}

function present(
  h: HouseholdRow,
  covered: boolean,
  reps: { householdId: string | null; memberId: string; name: string }[],
  showPhones: boolean,
): THousehold {
  return {
    id: h.id,
    hamletId: h.hamletId,
    code: h.code,
    headName: h.headName,
    address: h.address,
    phones: showPhones ? h.phones : [],
    phonesHidden: !showPhones,
    memberCount: h.memberCount,
    status: h.status as THouseholdStatus,
    contactStatus: h.contactStatus as TContactStatus,
    covered,
    representatives: sortByVietnameseName(
      reps.filter((r) => r.householdId === h.id),
      (r) => r.name,
    ).map((r) => ({ memberId: r.memberId, name: r.name })),
    updatedAt: h.updatedAt.toISOString(),
  };
}

export async function listHouseholds(
  deps: Deps,
  actor: Actor,
  hamletId: string,
  query: THouseholdListQuery,
): Promise<THouseholdListResponse> {
  const { ref } = await loadHamlet(deps, hamletId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.list(actor, ref));
  const { total, rows } = await householdsRepository.list(
    deps.db,
    hamletId,
    { pattern: query.q ? likePattern(query.q) : undefined, status: query.status, reached: query.reached },
    query.limit,
    query.offset,
  );
  const reps = await householdsRepository.representatives(
    deps.db,
    rows.map((r) => r.household.id),
  );
  const showPhones = householdPolicy.seePhones(actor, ref);
  return { total, items: rows.map((r) => present(r.household, r.covered, reps, showPhones)) };
}

async function presentOne(deps: Deps, actor: Actor, ref: HamletRef, id: string): Promise<THousehold> {
  const h = await householdsRepository.find(deps.db, id);
  if (!h) {
    throw new AppError("NOT_FOUND");
  }
  const [covered, reps] = await Promise.all([
    householdsRepository.isCovered(deps.db, id),
    householdsRepository.representatives(deps.db, [id]),
  ]);
  return present(h, covered, reps, householdPolicy.seePhones(actor, ref));
}

async function assertCodeFree(
  deps: Deps,
  hamletId: string,
  code: string | null | undefined,
  exceptId?: string,
) {
  if (!code) {
    return;
  }
  const other = await householdsRepository.findByCode(deps.db, hamletId, code);
  if (other && other.id !== exceptId) {
    throw new AppError("CONFLICT", `Mã hộ ${code} đã có trong ấp (${other.headName}).`, [
      { path: "code", message: "duplicate household code" },
    ]);
  }
}

export async function createHousehold(
  deps: Deps,
  actor: Actor,
  hamletId: string,
  input: TCreateHouseholdRequest,
  requestId: string,
): Promise<THousehold> {
  const { ref } = await loadHamlet(deps, hamletId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  const phones = normalisePhones(input.phones);
  const code = input.code || null;
  await assertCodeFree(deps, hamletId, code);
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await householdsRepository.insert(tx, [
      {
        id,
        hamletId,
        communeId: ref.communeId,
        code,
        headName: input.headName,
        searchKey: searchKey(input.headName),
        sortKey: vietnameseSortKey(input.headName),
        address: input.address ?? "",
        phones,
        memberCount: input.memberCount ?? 1,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "household.created",
      entityType: "household",
      entityId: id,
      communeId: ref.communeId,
      data: { hamletId, code },
      requestId,
    });
  });
  return presentOne(deps, actor, ref, id);
}

export async function updateHousehold(
  deps: Deps,
  actor: Actor,
  householdId: string,
  input: TUpdateHouseholdRequest,
  requestId: string,
): Promise<THousehold> {
  const { household, ref } = await loadHousehold(deps, householdId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  const phones = input.phones ? normalisePhones(input.phones) : undefined;
  if (input.code !== undefined) {
    await assertCodeFree(deps, household.hamletId, input.code, householdId);
  }
  const patch = {
    ...(input.code !== undefined ? { code: input.code || null } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(phones ? { phones } : {}),
    ...(input.memberCount !== undefined ? { memberCount: input.memberCount } : {}),
    ...(input.contactStatus ? { contactStatus: input.contactStatus } : {}),
  };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await householdsRepository.update(tx, householdId, { ...patch, updatedAt: now });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "household.updated",
      entityType: "household",
      entityId: householdId,
      communeId: ref.communeId,
      // Field names and outreach state only: the registry holds the values themselves.
      data: { fields: Object.keys(patch), contactStatus: input.contactStatus ?? null },
      requestId,
    });
  });
  return presentOne(deps, actor, ref, householdId);
}

/** Req. 34: the head (chủ hộ) changes only by this explicit action, recorded with old and new names. */
export async function changeHead(
  deps: Deps,
  actor: Actor,
  householdId: string,
  input: TChangeHeadRequest,
  requestId: string,
): Promise<THousehold> {
  const { household, ref } = await loadHousehold(deps, householdId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await householdsRepository.update(tx, householdId, {
      headName: input.headName,
      searchKey: searchKey(input.headName),
      sortKey: vietnameseSortKey(input.headName),
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "household.head_changed",
      entityType: "household",
      entityId: householdId,
      communeId: ref.communeId,
      data: { from: household.headName, to: input.headName, reason: input.reason ?? null },
      requestId,
    });
  });
  return presentOne(deps, actor, ref, householdId);
}

/** Moved or dissolved households leave the coverage denominator; reactivating brings them back. */
export async function setHouseholdStatus(
  deps: Deps,
  actor: Actor,
  householdId: string,
  input: TSetHouseholdStatusRequest,
  requestId: string,
): Promise<THousehold> {
  const { household, ref } = await loadHousehold(deps, householdId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  if (household.status !== input.status) {
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await householdsRepository.update(tx, householdId, { status: input.status, updatedAt: now });
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "household.status_changed",
        entityType: "household",
        entityId: householdId,
        communeId: ref.communeId,
        data: { from: household.status, to: input.status, note: input.note ?? null },
        requestId,
      });
    });
  }
  return presentOne(deps, actor, ref, householdId);
}
