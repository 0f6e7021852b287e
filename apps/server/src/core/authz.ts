import type { TRole } from "@binhyen/contracts";
import { AppError } from "./errors";

export type RoleGrant = {
  role: TRole;
  provinceId?: string;
  communeId?: string;
  hamletId?: string;
  groupId?: string;
  title?: string;
};

export type Actor = {
  userId: string;
  name: string;
  phone: string;
  isOfficer: boolean;
  locale: "vi" | "en";
  totpEnabled: boolean;
  roles: RoleGrant[];
  /** The commune requires TOTP and this officer has not turned it on: only account routes are open. */
  totpSetupRequired: boolean;
  sessionId: string;
  csrfToken: string;
};

/** Role hierarchy inside a commune: higher ranks include what lower ranks may read. */
export const ROLE_RANK = {
  PROVINCE_OFFICER: 0,
  COMMUNE_CHIEF: 50,
  COMMUNE_DEPUTY: 40,
  GROUP_LEADER: 30,
  GROUP_DEPUTY: 20,
  GROUP_MEMBER: 10,
} as const satisfies Record<TRole, number>;

export const hasCommuneRole = (a: Actor, communeId: string, roles: readonly TRole[]) =>
  a.roles.some((r) => r.communeId === communeId && roles.includes(r.role));

export const hasGroupRole = (a: Actor, groupId: string, roles: readonly TRole[]) =>
  a.roles.some((r) => r.groupId === groupId && roles.includes(r.role));

/** Does the actor's tenant include this commune at all? Outside it everything answers 404. */
export const seesCommune = (a: Actor, communeId: string, provinceId?: string) =>
  a.roles.some(
    (r) =>
      r.communeId === communeId ||
      (r.role === "PROVINCE_OFFICER" && provinceId !== undefined && r.provinceId === provinceId),
  );

/**
 * Turns a policy answer into the designed response: outside the tenant → 404 (exactly like a
 * missing row), inside it but not allowed → 403.
 */
export function enforce(visible: boolean, allowed: boolean): void {
  if (!visible) {
    throw new AppError("NOT_FOUND");
  }
  if (!allowed) {
    throw new AppError("FORBIDDEN");
  }
}
