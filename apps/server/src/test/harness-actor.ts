import type { Actor } from "../core/authz";
import type { Deps } from "../deps";
import { sessionRepository } from "../modules/auth/auth.repository";
import { actorFromSession, sha256 } from "../modules/auth/auth.service";

/** The Actor a service sees for this user, through a real session row (no vitest needed: benches use it). */
export async function actorOf(deps: Deps, userId: string): Promise<Actor> {
  const token = deps.ids.token(32);
  const now = deps.clock.now();
  await sessionRepository.insert(deps.db, {
    id: sha256(token),
    userId,
    csrfToken: deps.ids.token(24),
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
    ip: "127.0.0.1",
    userAgent: "bench",
  });
  const actor = await actorFromSession(deps, token);
  if (!actor) {
    throw new Error("no actor");
  }
  return actor;
}
