import { CONSENT_VERSION } from "@binhyen/contracts";
import { eq } from "drizzle-orm";
import { searchKey, vietnameseSortKey } from "../core/text";
import { vnDate } from "../core/vn-time";
import type { Db } from "../db/client";
import {
  communes,
  coverageSnapshots,
  groupMembers,
  groups,
  hamlets,
  households,
  provinces,
  roleAssignments,
  users,
} from "../db/schema";
import type { Deps } from "../deps";
import { recordAudit } from "../modules/audit/audit.service";
import { hashPassword } from "../modules/auth/password";
import { seedDemoAnnouncements } from "./demo-announcements";
import {
  DEMO_ACCOUNTS,
  DEMO_COMMUNE,
  DEMO_HAMLETS,
  DEMO_OTHER_COMMUNE,
  DEMO_PASSWORD,
  DEMO_PROVINCE,
  DEMO_RULES,
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  MALE_GIVEN,
  MALE_MIDDLE,
  STREETS,
} from "./demo-data";
import { seedDemoReports } from "./demo-reports";

/** Deterministic PRNG (mulberry32): the same demo every time. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const weighted = (xs: readonly (readonly [string, number])[]): string => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) {
        return v;
      }
    }
    return xs[0]?.[0] ?? "";
  };
  return { next, pick, weighted };
}

const CONTACT_MIX = [
  ["not_contacted", 45],
  ["invited", 30],
  ["declined", 15],
  ["unreachable", 10],
] as const;

const MOBILE_PREFIXES = [
  "090",
  "091",
  "093",
  "094",
  "096",
  "097",
  "098",
  "086",
  "088",
  "089",
  "032",
  "033",
  "034",
  "035",
  "036",
  "037",
  "038",
  "039",
  "070",
  "076",
  "077",
  "078",
  "079",
  "081",
  "082",
  "083",
  "084",
  "085",
  "056",
  "058",
  "059",
];

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.phone, DEMO_ACCOUNTS.chief.phone));
  return row !== undefined;
}

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

async function insertBatched<T>(items: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) {
    await insert(items.slice(i, i + size));
  }
}

/** Seeds the demo province, the Đồng Tâm commune (≥1,500 households) and a small neighbour. */
export async function seedDemo(deps: Deps): Promise<{
  communeId: string;
  provinceId: string;
  households: number;
  members: number;
  reports: number;
  announcements: number;
}> {
  const r = rng(20250929);
  const now = deps.clock.now();
  const uuid = () => deps.ids.uuid();
  const demoHash = await hashPassword(DEMO_PASSWORD, deps.passwordCost);
  const usedPhones = new Set<string>();
  const randomPhone = () => {
    for (;;) {
      const p = `${r.pick(MOBILE_PREFIXES)}${String(Math.floor(r.next() * 1e7)).padStart(7, "0")}`;
      if (!usedPhones.has(p) && !p.startsWith("09000") && !p.startsWith("09091")) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const personName = (female: boolean, family?: string) =>
    `${family ?? r.weighted(FAMILY_NAMES.filter(([, w]) => w > 0))} ${r.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE)} ${r.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`;

  const provinceId = uuid();
  const communeId = uuid();
  const otherCommuneId = uuid();
  const userRows: Insert<typeof users>[] = [];
  const roleRows: Insert<typeof roleAssignments>[] = [];
  const hamletRows: Insert<typeof hamlets>[] = [];
  const groupRows: Insert<typeof groups>[] = [];
  const householdRows: Insert<typeof households>[] = [];
  const memberRows: Insert<typeof groupMembers>[] = [];

  const addUser = (u: {
    name: string;
    phone: string;
    officer: boolean;
    commune: string;
    password: boolean;
  }) => {
    const id = uuid();
    usedPhones.add(u.phone);
    userRows.push({
      id,
      name: u.name,
      searchKey: searchKey(u.name),
      phone: u.phone,
      passwordHash: u.password ? demoHash : null,
      isOfficer: u.officer,
      homeCommuneId: u.commune,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  };
  const addRole = (row: Omit<Insert<typeof roleAssignments>, "id" | "createdAt">) =>
    roleRows.push({ id: uuid(), createdAt: now, ...row });

  const provinceUser = addUser({
    ...DEMO_ACCOUNTS.province,
    officer: true,
    commune: communeId,
    password: true,
  });
  // The province officer belongs to the province, not to a commune.
  const pu = userRows.find((u) => u.id === provinceUser);
  if (pu) {
    pu.homeCommuneId = null;
  }
  addRole({ userId: provinceUser, role: "PROVINCE_OFFICER", provinceId });
  const chief = addUser({ ...DEMO_ACCOUNTS.chief, officer: true, commune: communeId, password: true });
  addRole({ userId: chief, role: "COMMUNE_CHIEF", communeId });
  const deputy = addUser({ ...DEMO_ACCOUNTS.deputy, officer: true, commune: communeId, password: true });
  addRole({ userId: deputy, role: "COMMUNE_DEPUTY", communeId });
  const leaderByHamlet = new Map<number, string>();
  for (const l of DEMO_ACCOUNTS.leaders) {
    const id = addUser({ name: l.name, phone: l.phone, officer: true, commune: communeId, password: true });
    for (const h of l.hamlets) {
      leaderByHamlet.set(h, id);
    }
  }
  // Two officers without a group yet: candidates when a leader rotates.
  addUser({
    name: "Trịnh Công Sơn Hà",
    phone: "0900000017",
    officer: true,
    commune: communeId,
    password: true,
  });
  addUser({
    name: "Lương Thị Kim Chi",
    phone: "0900000018",
    officer: true,
    commune: communeId,
    password: true,
  });

  const buildHamlets = (
    cid: string,
    list: readonly { name: string; households: number; coverage: number }[],
    leaderOf: (i: number) => string,
    withDemoPeople: boolean,
  ) => {
    list.forEach((h, index) => {
      const hamletId = uuid();
      const groupId = uuid();
      hamletRows.push({
        id: hamletId,
        communeId: cid,
        name: h.name,
        searchKey: searchKey(h.name),
        kind: "AP",
        remote: h.name === "Ấp Suối Giai",
        sortOrder: index + 1,
        validFrom: DEMO_COMMUNE.validFrom,
      });
      groupRows.push({
        id: groupId,
        hamletId,
        communeId: cid,
        name: `Zalo kết nối bình yên ${h.name}`,
        rules: DEMO_RULES,
        description:
          "Nhóm kết nối Công an xã với đại diện các hộ gia đình trong ấp. Thông tin tố giác, tin báo về tội phạm xin nhắn riêng cho Trưởng nhóm, không đăng trong nhóm.",
        postingMode: index % 3 === 0 ? "premoderated" : index % 3 === 1 ? "open" : "announcements_only",
        createdAt: now,
        updatedAt: now,
      });
      addRole({ userId: leaderOf(index), role: "GROUP_LEADER", communeId: cid, hamletId, groupId });
      const deputies = [
        { title: "PARTY_SECRETARY", female: false },
        { title: "HAMLET_HEAD", female: r.next() < 0.3 },
        { title: "SECURITY_TEAM_HEAD", female: false },
      ];
      for (const d of deputies) {
        const isDemo = withDemoPeople && index === 0 && d.title === DEMO_ACCOUNTS.groupDeputy.title;
        const name = isDemo ? DEMO_ACCOUNTS.groupDeputy.name : personName(d.female);
        const phone = isDemo ? DEMO_ACCOUNTS.groupDeputy.phone : randomPhone();
        const id = addUser({ name, phone, officer: false, commune: cid, password: isDemo });
        addRole({ userId: id, role: "GROUP_DEPUTY", communeId: cid, hamletId, groupId, title: d.title });
        memberRows.push(member(groupId, cid, null, id, name, phone, "HAMLET_BOARD"));
      }
      for (let k = 0; k < 4; k++) {
        const name = personName(false);
        memberRows.push(
          member(groupId, cid, null, null, name, randomPhone(), k < 2 ? "HAMLET_BOARD" : "SECURITY_TEAM"),
        );
      }
      for (let k = 0; k < 6; k++) {
        memberRows.push(
          member(groupId, cid, null, null, personName(r.next() < 0.2), randomPhone(), "SECURITY_TEAM"),
        );
      }
      for (let n = 0; n < h.households; n++) {
        const householdId = uuid();
        const female = r.next() < 0.28;
        const head = personName(female);
        const hasPhone = r.next() < 0.9;
        const phone = hasPhone ? randomPhone() : null;
        householdRows.push({
          id: householdId,
          hamletId,
          communeId: cid,
          code: `${String(index + 1).padStart(2, "0")}-${String(n + 1).padStart(4, "0")}`,
          headName: head,
          searchKey: searchKey(head),
          sortKey: vietnameseSortKey(head),
          address: `Tổ ${1 + Math.floor(n / 40)}, ${r.pick(STREETS)}, ${h.name}`,
          phones: phone ? (r.next() < 0.15 ? [phone, randomPhone()] : [phone]) : [],
          memberCount: 1 + Math.floor(r.next() * 6),
          status: r.next() < 0.02 ? "moved" : "active",
          contactStatus: r.weighted(CONTACT_MIX),
          createdAt: now,
          updatedAt: now,
        });
        // Exactly the configured share is covered, spread over the hamlet (7919 is prime).
        if ((n * 7919) % h.households < Math.round(h.coverage * h.households)) {
          // Usually the head joins; sometimes a spouse or grown child represents the household.
          const family = head.split(" ")[0];
          const rep = r.next() < 0.75 ? head : personName(r.next() < 0.5, family);
          memberRows.push(
            member(groupId, cid, householdId, null, rep, phone ?? randomPhone(), "HOUSEHOLD_REP"),
          );
        }
      }
      if (withDemoPeople && index === 0) {
        const id = addUser({ ...DEMO_ACCOUNTS.member, officer: false, commune: cid, password: true });
        addRole({ userId: id, role: "GROUP_MEMBER", communeId: cid, hamletId, groupId });
        const hh = householdRows[householdRows.length - 1]?.id ?? null;
        memberRows.push(
          member(
            groupId,
            cid,
            hh,
            id,
            DEMO_ACCOUNTS.member.name,
            DEMO_ACCOUNTS.member.phone,
            "HOUSEHOLD_REP",
          ),
        );
      }
    });
  };
  const member = (
    groupId: string,
    cid: string,
    householdId: string | null,
    userId: string | null,
    name: string,
    phone: string,
    kind: string,
  ): Insert<typeof groupMembers> => {
    const joinedAt = new Date(now.getTime() - Math.floor(r.next() * 400) * 86400_000);
    return {
      id: uuid(),
      groupId,
      communeId: cid,
      householdId,
      userId,
      name,
      searchKey: searchKey(name),
      sortKey: vietnameseSortKey(name),
      phone,
      kind,
      status: "active",
      consentAt: joinedAt,
      consentVersion: CONSENT_VERSION,
      consentPurposes: ["GROUP_MEMBERSHIP", "HOUSEHOLD_REPRESENTATIVE"],
      consentCollectedBy: "self",
      joinedAt,
    };
  };

  buildHamlets(communeId, DEMO_HAMLETS, (i) => leaderByHamlet.get(i) ?? chief, true);

  const otherChief = addUser({
    ...DEMO_OTHER_COMMUNE.chief,
    officer: true,
    commune: otherCommuneId,
    password: false,
  });
  addRole({ userId: otherChief, role: "COMMUNE_CHIEF", communeId: otherCommuneId });
  const otherLeader = addUser({
    ...DEMO_OTHER_COMMUNE.leader,
    officer: true,
    commune: otherCommuneId,
    password: false,
  });
  buildHamlets(otherCommuneId, DEMO_OTHER_COMMUNE.hamlets, () => otherLeader, false);

  // Weekly coverage history for the trend chart, from the members' join dates.
  const snapshotRows: Insert<typeof coverageSnapshots>[] = [];
  const householdById = new Map(householdRows.map((h) => [h.id, h]));
  for (const hamlet of hamletRows) {
    const active = householdRows.filter((h) => h.hamletId === hamlet.id && h.status === "active");
    const firstJoin = new Map<string, number>();
    for (const m of memberRows) {
      const hh = m.householdId ? householdById.get(m.householdId) : undefined;
      if (hh?.hamletId === hamlet.id && hh.status === "active" && m.joinedAt) {
        const t = m.joinedAt.getTime();
        firstJoin.set(hh.id, Math.min(firstJoin.get(hh.id) ?? t, t));
      }
    }
    const joins = [...firstJoin.values()];
    for (let week = 52; week >= 0; week--) {
      const day = new Date(now.getTime() - week * 7 * 86400_000);
      snapshotRows.push({
        hamletId: hamlet.id,
        communeId: hamlet.communeId,
        day: vnDate(day),
        households: active.length,
        covered: joins.filter((t) => t <= day.getTime()).length,
      });
    }
  }

  await deps.db.transaction(async (tx) => {
    await tx.insert(provinces).values({ id: provinceId, ...DEMO_PROVINCE });
    await tx.insert(communes).values([
      { id: communeId, provinceId, ...DEMO_COMMUNE },
      {
        id: otherCommuneId,
        provinceId,
        name: DEMO_OTHER_COMMUNE.name,
        kind: "XA",
        validFrom: DEMO_COMMUNE.validFrom,
      },
    ]);
    await insertBatched(userRows, 500, (b) => tx.insert(users).values(b));
    await tx.insert(hamlets).values(hamletRows);
    await tx.insert(groups).values(groupRows);
    await insertBatched(roleRows, 500, (b) => tx.insert(roleAssignments).values(b));
    await insertBatched(householdRows, 500, (b) => tx.insert(households).values(b));
    await insertBatched(memberRows, 500, (b) => tx.insert(groupMembers).values(b));
    await insertBatched(snapshotRows, 500, (b) => tx.insert(coverageSnapshots).values(b));
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "demo.seeded",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: { households: householdRows.length, members: memberRows.length, users: userRows.length },
    });
  });
  const demoHamlets = hamletRows
    .filter((h) => h.communeId === communeId)
    .map((h, i) => ({ hamletId: h.id, leaderUserId: leaderByHamlet.get(i) ?? chief }));
  const reportCount = await seedDemoReports(deps, communeId, demoHamlets, chief, deputy);
  const demoGroups = hamletRows
    .filter((h) => h.communeId === communeId)
    .map((h, i) => ({
      groupId: groupRows.find((g) => g.hamletId === h.id)?.id ?? "",
      leaderUserId: leaderByHamlet.get(i) ?? chief,
    }));
  const memberUser = userRows.find((u) => u.phone === DEMO_ACCOUNTS.member.phone)?.id ?? null;
  const announcementCount = await seedDemoAnnouncements(deps, communeId, demoGroups, chief, memberUser);
  return {
    communeId,
    provinceId,
    households: householdRows.length,
    members: memberRows.length,
    reports: reportCount,
    announcements: announcementCount,
  };
}
