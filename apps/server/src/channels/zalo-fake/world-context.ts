import { OaError, ZaloApiError } from "./errors";
import type { EventFactory, OaEvent } from "./events";
import type { BotUpdate, OaRecord, UserRecord, WorldState } from "./state";

export type Clock = { now(): Date };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** CS messages need an interaction within 7 days; GMF invites need following or the same window. */
export const WINDOW_MS = 7 * DAY_MS;

/** Something the world wants delivered: an OA webhook event or a Bot API update to a webhook. */
export type Emitted =
  | { kind: "oa"; oaId: string; payload: OaEvent }
  | { kind: "bot"; token: string; url: string; secret: string; update: BotUpdate };

/** What the rule modules share: the state, the clock, the event factory and the outbox. */
export type WorldCtx = {
  state: WorldState;
  clock: Clock;
  events: EventFactory;
  now(): number;
  emit(e: Emitted): void;
};

export function oaOf(ctx: WorldCtx, oaId: string): OaRecord {
  const oa = ctx.state.oas[oaId];
  if (!oa) {
    throw new Error(`fake Zalo: unknown OA ${oaId}`);
  }
  return oa;
}

/** A user of this OA; API callers get -201 for an id that is not theirs. */
export function userOf(ctx: WorldCtx, oaId: string, userId: unknown): UserRecord {
  const user = typeof userId === "string" ? ctx.state.users[userId] : undefined;
  if (!user || user.oaId !== oaId) {
    throw new ZaloApiError(OaError.INVALID_PARAM, "user_id is invalid");
  }
  return user;
}

export function interactedWithin(ctx: WorldCtx, user: UserRecord, ms: number): boolean {
  return user.lastInteractionAt !== null && ctx.now() - user.lastInteractionAt <= ms;
}

/** GMF: invitees must follow the OA or have interacted with it within 7 days. */
export function mayBeInvited(ctx: WorldCtx, user: UserRecord): boolean {
  return user.follower || interactedWithin(ctx, user, WINDOW_MS);
}

export function base(ctx: WorldCtx, oaId: string): { appId: string; oaId: string; at: number } {
  return { appId: oaOf(ctx, oaId).appId, oaId, at: ctx.now() };
}
