import { type Actor, hasCommuneRole, seesCommune } from "../../core/authz";
import type { ReviewCommuneRef } from "./indicators.policy";

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

/**
 * Commendations (khen thưởng, plan II.6): the management team proposes and reads the register; the
 * commune chief alone decides (the decision is signed by the head of the unit). Nobody else in the
 * commune, the province included, sees the register here.
 */
export const commendationsPolicy = {
  visible: (a: Actor, c: ReviewCommuneRef) => seesCommune(a, c.communeId, c.provinceId),
  list: (a: Actor, c: ReviewCommuneRef) => hasCommuneRole(a, c.communeId, MANAGEMENT),
  propose: (a: Actor, c: ReviewCommuneRef) => hasCommuneRole(a, c.communeId, MANAGEMENT),
  decide: (a: Actor, c: ReviewCommuneRef) => hasCommuneRole(a, c.communeId, ["COMMUNE_CHIEF"]),
};
