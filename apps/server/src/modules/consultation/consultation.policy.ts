import { type Actor, hasCommuneRole, hasGroupRole, seesCommune } from "../../core/authz";
import type { GroupRef } from "../org/org.policy";

/** Permissions for the group's rules and polls (plan II.3); role-matrix tests in consultation.policy.test.ts. */
const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;
const GROUP_OFFICERS = ["GROUP_LEADER", "GROUP_DEPUTY"] as const;

/** What a policy needs of a poll besides its group. */
export type PollState = {
  createdByUserId: string;
  /** Closed early or past its deadline. */
  ended: boolean;
  /** The caller has a ballot in it. */
  voted: boolean;
};

const isManagement = (a: Actor, g: GroupRef) => hasCommuneRole(a, g.communeId, MANAGEMENT);
/** The group's leader and deputies, and the commune's management team. */
const isOfficer = (a: Actor, g: GroupRef) => isManagement(a, g) || hasGroupRole(a, g.id, GROUP_OFFICERS);
const isMember = (a: Actor, g: GroupRef) => hasGroupRole(a, g.id, ["GROUP_MEMBER"]);

export const consultationPolicy = {
  /** Outside the commune (or the province, for province officers) everything answers 404. */
  visible: (a: Actor, g: GroupRef) => seesCommune(a, g.communeId, g.provinceId),
  /** Rules and polls are read by the group's members and officers and the management team. */
  read: (a: Actor, g: GroupRef) => isOfficer(a, g) || isMember(a, g),
  /** The leader and deputies publish the rules; the management team may too. */
  publishRules: (a: Actor, g: GroupRef) => isOfficer(a, g),
  /** Who acknowledged: officers only, a member sees only their own acknowledgement. */
  seeAcknowledgements: (a: Actor, g: GroupRef) => isOfficer(a, g),
  acknowledgeRules: (a: Actor, g: GroupRef) => isMember(a, g),
  createPoll: (a: Actor, g: GroupRef) => isOfficer(a, g),
  vote: (a: Actor, g: GroupRef) => isMember(a, g),
  /** Officers always; a member after voting or once the poll has ended, so results do not sway the vote. */
  seeResults: (a: Actor, g: GroupRef, p: Pick<PollState, "ended" | "voted">) =>
    isOfficer(a, g) || (isMember(a, g) && (p.voted || p.ended)),
  /**
   * Who chose what, for a poll that is not anonymous: officers only. The caller also checks the
   * poll is not anonymous; for an anonymous poll the rows hold no user id to show.
   */
  seeVoters: (a: Actor, g: GroupRef) => isOfficer(a, g),
  /** Its creator while still an officer of the group, or the management team. */
  close: (a: Actor, g: GroupRef, p: Pick<PollState, "createdByUserId">) =>
    isManagement(a, g) || (p.createdByUserId === a.userId && isOfficer(a, g)),
};
