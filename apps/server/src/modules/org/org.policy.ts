import { Ability, type TAbility } from "@binhyen/contracts";
import { type Actor, hasCommuneRole, hasGroupRole, seesCommune } from "../../core/authz";

/** Permissions as small pure functions per (resource, action); role-matrix tests in org.policy.test.ts. */
export type CommuneRef = { id: string; provinceId: string };
export type GroupRef = { id: string; communeId: string; provinceId: string };

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

export const communePolicy = {
  visible: (a: Actor, c: CommuneRef) => seesCommune(a, c.id, c.provinceId),
  read: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, [...MANAGEMENT, "GROUP_LEADER"]),
  manageHamlets: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, MANAGEMENT),
  assignLeaders: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, MANAGEMENT),
  manageOfficers: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, MANAGEMENT),
  /** The list of officers: also leaders, who hand cases to a colleague or an investigator. */
  listOfficers: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, [...MANAGEMENT, "GROUP_LEADER"]),
  /** Granting or removing management-team roles and commune settings: the chief alone. */
  manageManagement: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, ["COMMUNE_CHIEF"]),
  manageSettings: (a: Actor, c: CommuneRef) => hasCommuneRole(a, c.id, ["COMMUNE_CHIEF"]),
};

export const groupPolicy = {
  visible: (a: Actor, g: GroupRef) => seesCommune(a, g.communeId, g.provinceId),
  read: (a: Actor, g: GroupRef) =>
    hasCommuneRole(a, g.communeId, MANAGEMENT) ||
    hasGroupRole(a, g.id, ["GROUP_LEADER", "GROUP_DEPUTY", "GROUP_MEMBER"]),
  /** II.5.2: only the leader and the deputies change name, avatar, background and description. */
  editProfile: (a: Actor, g: GroupRef) => hasGroupRole(a, g.id, ["GROUP_LEADER", "GROUP_DEPUTY"]),
  /** Only the management team assigns or replaces leaders; a group deputy never can. */
  assignLeader: (a: Actor, g: GroupRef) => hasCommuneRole(a, g.communeId, MANAGEMENT),
  manageDeputies: (a: Actor, g: GroupRef) =>
    hasCommuneRole(a, g.communeId, MANAGEMENT) || hasGroupRole(a, g.id, ["GROUP_LEADER"]),
  /** Members' phone numbers: officers only, not fellow residents. */
  seeMemberPhones: (a: Actor, g: GroupRef) =>
    hasCommuneRole(a, g.communeId, MANAGEMENT) || hasGroupRole(a, g.id, ["GROUP_LEADER"]),
};

export const provincePolicy = {
  visible: (a: Actor, provinceId: string) =>
    a.roles.some((r) => r.role === "PROVINCE_OFFICER" && r.provinceId === provinceId),
  readSummary: (a: Actor, provinceId: string) =>
    a.roles.some((r) => r.role === "PROVINCE_OFFICER" && r.provinceId === provinceId),
};

/** The flat list the web app uses to show screens and buttons. */
export function abilitiesOf(a: Actor): TAbility[] {
  const out = new Set<TAbility>();
  for (const r of a.roles) {
    switch (r.role) {
      case "PROVINCE_OFFICER":
        out.add(Ability.VIEW_PROVINCE_SUMMARY);
        break;
      case "COMMUNE_CHIEF":
        out.add(Ability.MANAGE_COMMUNE_SETTINGS);
        out.add(Ability.VIEW_COMMUNE).add(Ability.MANAGE_HAMLETS).add(Ability.ASSIGN_LEADERS);
        out.add(Ability.MANAGE_OFFICERS).add(Ability.VIEW_GROUP).add(Ability.MANAGE_GROUP_DEPUTIES);
        break;
      case "COMMUNE_DEPUTY":
        out.add(Ability.VIEW_COMMUNE).add(Ability.MANAGE_HAMLETS).add(Ability.ASSIGN_LEADERS);
        out.add(Ability.MANAGE_OFFICERS).add(Ability.VIEW_GROUP).add(Ability.MANAGE_GROUP_DEPUTIES);
        break;
      case "GROUP_LEADER":
        out.add(Ability.VIEW_COMMUNE).add(Ability.VIEW_GROUP).add(Ability.EDIT_GROUP_PROFILE);
        out.add(Ability.MANAGE_GROUP_DEPUTIES);
        break;
      case "GROUP_DEPUTY":
        out.add(Ability.VIEW_GROUP).add(Ability.EDIT_GROUP_PROFILE);
        break;
      case "GROUP_MEMBER":
        out.add(Ability.VIEW_GROUP);
        break;
    }
  }
  if (a.isOfficer) {
    out.add(Ability.SETUP_TOTP);
  }
  return [...out];
}
