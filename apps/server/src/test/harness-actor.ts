import type { Actor } from "../core/authz";
import type { Deps } from "../deps";
import { actorForUser } from "../modules/auth/auth.service";

/** The Actor a service sees for this user (tests and benches: the same roles a session would give). */
export const actorOf = (deps: Deps, userId: string): Promise<Actor> => actorForUser(deps, userId);
