import type { TMeResponse } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import {
  canHandOverGroup,
  canReadGroupLife,
  canWriteAnnouncements,
  hasFeed,
  homePath,
  isGroupMember,
  isGroupOfficer,
  navTargets,
  receivesAlerts,
} from "./roles";

type Roles = Pick<TMeResponse, "roles">;
const C = "commune-1";
const member: Roles = { roles: [{ role: "GROUP_MEMBER", communeId: C, hamletId: "h-1", groupId: "g-1" }] };
const deputy: Roles = { roles: [{ role: "GROUP_DEPUTY", communeId: C, hamletId: "h-1", groupId: "g-1" }] };
const leader: Roles = { roles: [{ role: "GROUP_LEADER", communeId: C, hamletId: "h-1", groupId: "g-1" }] };
const chief: Roles = { roles: [{ role: "COMMUNE_CHIEF", communeId: C }] };

describe("navigation for announcements and the news board", () => {
  it.each([
    // who, home, first entries, writes announcements, has a feed
    ["member", member, "/feed", ["feed", "group", "report"], false, true],
    ["deputy", deputy, "/groups/g-1", ["group", "feed", "announcements", "report"], true, true],
    [
      "leader",
      leader,
      "/groups/g-1",
      ["group", "cases", "announcements", "commune", "coverage"],
      true,
      false,
    ],
    [
      "chief",
      chief,
      `/communes/${C}`,
      ["commune", "cases", "announcements", "coverage", "review", "officers"],
      true,
      false,
    ],
  ] as const)("%s", (_who, me, home, kinds, writes, feed) => {
    expect(homePath(me)).toBe(home);
    expect(navTargets(me).map((target) => target.kind)).toEqual(kinds);
    expect(canWriteAnnouncements(me, C)).toBe(writes);
    expect(canWriteAnnouncements(me, "another-commune")).toBe(false);
    expect(hasFeed(me)).toBe(feed);
  });
});

describe("who has the alerts bell", () => {
  const communeDeputy: Roles = { roles: [{ role: "COMMUNE_DEPUTY", communeId: C }] };
  const noRole: Roles = { roles: [] };
  const resident = { isOfficer: false };
  const officer = { isOfficer: true };
  it.each([
    ["member", member, resident, false],
    ["group deputy", deputy, resident, false],
    ["group leader", leader, resident, true],
    ["commune deputy", communeDeputy, officer, true],
    ["chief", chief, officer, true],
    ["an officer without a role yet (may be assigned a case)", noRole, officer, true],
    ["nobody", noRole, resident, false],
  ] as const)("%s", (_who, me, user, bell) => {
    expect(receivesAlerts({ ...me, user })).toBe(bell);
  });
});

describe("group life: discussion, moderation, rules, polls, handover", () => {
  const communeDeputy: Roles = { roles: [{ role: "COMMUNE_DEPUTY", communeId: C }] };
  const province: Roles = { roles: [{ role: "PROVINCE_OFFICER", provinceId: "p-1" }] };
  const group = { id: "g-1", communeId: C };
  const otherGroup = { id: "g-2", communeId: C };
  it.each([
    // who, reads, officer (moderates), member (acknowledges, votes), hands over, officer of g-2
    ["member", member, true, false, true, false, false],
    ["group deputy", deputy, true, true, false, false, false],
    ["group leader", leader, true, true, false, false, false],
    ["commune deputy", communeDeputy, true, true, false, true, true],
    ["chief", chief, true, true, false, true, true],
    ["province officer", province, false, false, false, false, false],
  ] as const)("%s", (_who, me, reads, officer, votes, handsOver, otherOfficer) => {
    expect(canReadGroupLife(me, group)).toBe(reads);
    expect(isGroupOfficer(me, group)).toBe(officer);
    expect(isGroupMember(me, group.id)).toBe(votes);
    expect(canHandOverGroup(me, C)).toBe(handsOver);
    expect(isGroupOfficer(me, otherGroup)).toBe(otherOfficer);
    expect(canReadGroupLife(me, { id: "g-3", communeId: "another-commune" })).toBe(false);
  });
});

describe("the periodic review in the navigation", () => {
  const communeDeputy: Roles = { roles: [{ role: "COMMUNE_DEPUTY", communeId: C }] };
  const province: Roles = { roles: [{ role: "PROVINCE_OFFICER", provinceId: "p-1" }] };
  it.each([
    // who, the review's address (null: not in the navigation)
    ["member", member, null],
    ["group deputy", deputy, null],
    ["group leader", leader, null],
    ["commune deputy", communeDeputy, `/communes/${C}/review`],
    ["chief", chief, `/communes/${C}/review`],
    ["province officer", province, "/provinces/p-1/review"],
  ] as const)("%s", (_who, me, href) => {
    expect(navTargets(me).find((target) => target.kind === "review")?.href ?? null).toBe(href);
  });
});
