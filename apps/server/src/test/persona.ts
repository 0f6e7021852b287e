import type { Actor, RoleGrant } from "../core/authz";

/** A signed-in person for policy tables: only the roles (and whether an officer) matter. */
export function persona(roles: RoleGrant[], opts: { isOfficer?: boolean; userId?: string } = {}): Actor {
  return {
    userId: opts.userId ?? "u",
    name: "n",
    phone: "0900000000",
    isOfficer: opts.isOfficer ?? true,
    locale: "vi",
    totpEnabled: false,
    roles,
    totpSetupRequired: false,
    sessionId: "s",
    csrfToken: "t",
  };
}
