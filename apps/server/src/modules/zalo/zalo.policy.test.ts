import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "../../core/authz";
import { persona as basePersona } from "../../test/persona";
import { zaloPolicy } from "./zalo.policy";

const C = "c1";
const P = "p1";
const G = "g1";
const actor = (roles: RoleGrant[], isOfficer = true): Actor => basePersona(roles, { isOfficer });
const commune = { communeId: C, provinceId: P };
const group = { id: G, communeId: C, provinceId: P };

const cases: [string, Actor, Record<string, boolean>][] = [
  [
    "chief",
    actor([{ role: "COMMUNE_CHIEF", communeId: C }]),
    { visible: true, read: true, connect: true, followers: true, readGroup: true, manage: true },
  ],
  [
    "commune deputy",
    actor([{ role: "COMMUNE_DEPUTY", communeId: C }]),
    { visible: true, read: true, connect: false, followers: true, readGroup: true, manage: true },
  ],
  [
    "leader of the group",
    actor([{ role: "GROUP_LEADER", communeId: C, groupId: G }]),
    { visible: true, read: false, connect: false, followers: true, readGroup: true, manage: true },
  ],
  [
    "leader of another group",
    actor([{ role: "GROUP_LEADER", communeId: C, groupId: "g2" }]),
    { visible: true, read: false, connect: false, followers: true, readGroup: false, manage: false },
  ],
  [
    "group deputy",
    actor([{ role: "GROUP_DEPUTY", communeId: C, groupId: G }]),
    { visible: true, read: false, connect: false, followers: false, readGroup: true, manage: false },
  ],
  [
    "member",
    actor([{ role: "GROUP_MEMBER", communeId: C, groupId: G }], false),
    { visible: true, read: false, connect: false, followers: false, readGroup: false, manage: false },
  ],
  [
    "province officer",
    actor([{ role: "PROVINCE_OFFICER", provinceId: P }]),
    { visible: true, read: false, connect: false, followers: false, readGroup: false, manage: false },
  ],
  [
    "chief of another commune",
    actor([{ role: "COMMUNE_CHIEF", communeId: "c2" }]),
    { visible: false, read: false, connect: false, followers: false, readGroup: false, manage: false },
  ],
];

describe("zaloPolicy role matrix", () => {
  it.each(cases)("%s", (_name, a, expected) => {
    expect({
      visible: zaloPolicy.visible(a, commune),
      read: zaloPolicy.readConnection(a, commune),
      connect: zaloPolicy.connect(a, commune),
      followers: zaloPolicy.readFollowers(a, commune),
      readGroup: zaloPolicy.readGroup(a, group),
      manage: zaloPolicy.manageGroup(a, group),
    }).toEqual(expected);
  });

  it("officers and group officials link their own Zalo; plain members do not", () => {
    expect(zaloPolicy.linkSelf(actor([], true))).toBe(true);
    expect(zaloPolicy.linkSelf(actor([{ role: "GROUP_DEPUTY", communeId: C, groupId: G }], false))).toBe(
      true,
    );
    expect(zaloPolicy.linkSelf(actor([{ role: "GROUP_MEMBER", communeId: C, groupId: G }], false))).toBe(
      false,
    );
  });
});
