import type { TMeResponse } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import { canWriteAnnouncements, hasFeed, homePath, navTargets, receivesAlerts } from "./roles";

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
      ["commune", "cases", "announcements", "coverage", "officers"],
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
