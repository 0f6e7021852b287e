import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { searchKey, vietnameseSortKey } from "../core/text";
import {
  auditLog,
  communes,
  groupMembers,
  groups,
  hamlets,
  households,
  provinces,
  roleAssignments,
  users,
} from "../db/schema";
import type { Deps } from "../deps";
import { hashPassword } from "../modules/auth/password";

export const TEST_PASSWORD = "test-password-1";

let phoneCounter = randomInt(1_000_000);
/** A valid, unused-looking mobile number; unique within a run even on a shared PostgreSQL database. */
export function freshPhone(): string {
  phoneCounter = (phoneCounter + 7919) % 10_000_000;
  return `091${String(phoneCounter).padStart(7, "0")}`;
}

export type TestUser = { id: string; phone: string; name: string };
export type TestCommune = {
  provinceId: string;
  communeId: string;
  hamlets: { hamletId: string; groupId: string }[];
  users: {
    province: TestUser;
    chief: TestUser;
    deputy: TestUser;
    leader: TestUser;
    leader2: TestUser;
    spareOfficer: TestUser;
    groupDeputy: TestUser;
    member: TestUser;
  };
};

let passwordHash: Promise<string> | undefined;

/**
 * A province with one commune of `hamlets` hamlets (one group each). The leader leads hamlet 0,
 * leader2 leads the others; groupDeputy and member belong to hamlet 0's group.
 */
export async function buildCommune(
  deps: Deps,
  opts: { hamlets?: number; name?: string } = {},
): Promise<TestCommune> {
  passwordHash ??= hashPassword(TEST_PASSWORD, deps.passwordCost);
  const hash = await passwordHash;
  const id = () => deps.ids.uuid();
  const now = deps.clock.now();
  const provinceId = id();
  const communeId = id();
  const db = deps.db;
  await db
    .insert(provinces)
    .values({ id: provinceId, name: `Tỉnh thử ${provinceId.slice(0, 4)}`, validFrom: "2025-07-01" });
  await db.insert(communes).values({
    id: communeId,
    provinceId,
    name: opts.name ?? `Xã thử ${communeId.slice(0, 4)}`,
    kind: "XA",
    validFrom: "2025-07-01",
  });
  const mkUser = async (
    name: string,
    officer: boolean,
    home: string | null = communeId,
  ): Promise<TestUser> => {
    const u = { id: id(), phone: freshPhone(), name };
    await db.insert(users).values({
      id: u.id,
      name,
      searchKey: searchKey(name),
      phone: u.phone,
      passwordHash: hash,
      isOfficer: officer,
      homeCommuneId: home,
      createdAt: now,
      updatedAt: now,
    });
    return u;
  };
  const u = {
    province: await mkUser("Hoàng Văn Tỉnh", true, null),
    chief: await mkUser("Lê Minh Trưởng", true),
    deputy: await mkUser("Trần Quốc Phó", true),
    leader: await mkUser("Phạm Văn Đức", true),
    leader2: await mkUser("Võ Thị Hạnh", true),
    spareOfficer: await mkUser("Lương Thị Chi", true),
    groupDeputy: await mkUser("Nguyễn Thị Lan", false),
    member: await mkUser("Đỗ Văn Nam", false),
  };
  const role = (userId: string, r: string, extra: Partial<typeof roleAssignments.$inferInsert> = {}) =>
    db.insert(roleAssignments).values({ id: id(), userId, role: r, createdAt: now, ...extra });
  await role(u.province.id, "PROVINCE_OFFICER", { provinceId });
  await role(u.chief.id, "COMMUNE_CHIEF", { communeId });
  await role(u.deputy.id, "COMMUNE_DEPUTY", { communeId });
  const out: TestCommune["hamlets"] = [];
  for (let i = 0; i < (opts.hamlets ?? 2); i++) {
    const hamletId = id();
    const groupId = id();
    const name = `Ấp Thử ${i + 1}`;
    await db.insert(hamlets).values({
      id: hamletId,
      communeId,
      name,
      searchKey: searchKey(name),
      kind: "AP",
      sortOrder: i,
      validFrom: "2025-07-01",
    });
    await db
      .insert(groups)
      .values({ id: groupId, hamletId, communeId, name: `Nhóm ${name}`, createdAt: now, updatedAt: now });
    const leaderId = i === 0 ? u.leader.id : u.leader2.id;
    await role(leaderId, "GROUP_LEADER", { communeId, hamletId, groupId });
    out.push({ hamletId, groupId });
  }
  const first = out[0];
  if (first) {
    await role(u.groupDeputy.id, "GROUP_DEPUTY", {
      communeId,
      hamletId: first.hamletId,
      groupId: first.groupId,
      title: "HAMLET_HEAD",
    });
    await role(u.member.id, "GROUP_MEMBER", { communeId, hamletId: first.hamletId, groupId: first.groupId });
  }
  return { provinceId, communeId, hamlets: out, users: u };
}

export async function addMembers(
  deps: Deps,
  t: TestCommune,
  groupIndex: number,
  names: string[],
): Promise<void> {
  const g = t.hamlets[groupIndex];
  if (!g) {
    throw new Error("no such group");
  }
  await deps.db.insert(groupMembers).values(
    names.map((name) => ({
      id: deps.ids.uuid(),
      groupId: g.groupId,
      communeId: t.communeId,
      name: name.normalize("NFC"),
      searchKey: searchKey(name),
      sortKey: vietnameseSortKey(name),
      phone: freshPhone(),
      kind: "HOUSEHOLD_REP",
      consentAt: deps.clock.now(),
    })),
  );
}

export async function addHousehold(
  deps: Deps,
  t: TestCommune,
  groupIndex: number,
  headName: string,
): Promise<string> {
  const g = t.hamlets[groupIndex];
  const hid = deps.ids.uuid();
  await deps.db.insert(households).values({
    id: hid,
    hamletId: g?.hamletId ?? "",
    communeId: t.communeId,
    headName,
    searchKey: searchKey(headName),
    sortKey: vietnameseSortKey(headName),
  });
  return hid;
}

export async function auditRows(deps: Deps, action: string, entityId: string) {
  return deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
}
