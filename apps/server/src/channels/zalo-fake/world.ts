import { EventFactory, type EventNames } from "./events";
import { liveGroup, maxMembers } from "./gmf-common";
import { emptyState, type GmfProduct, type GroupSettings, type WorldState } from "./state";
import {
  type AddUserInput,
  addUser,
  type CreateAppInput,
  type CreatedApp,
  createApp,
  mintTokens,
  type TokenPair,
} from "./world-accounts";
import { BotWorld } from "./world-bot";
import type { Clock, Emitted, WorldCtx } from "./world-context";
import { addAssets } from "./world-gmf";
import * as people from "./world-gmf-people";
import { residentSends, setFollowing } from "./world-oa";

export type { AddUserInput, CreateAppInput, CreatedApp, TokenPair } from "./world-accounts";
export type { Clock, Emitted } from "./world-context";

/** A clock running with real time plus an offset that tests and the control page can move. */
export type SettableClock = Clock & { advance(ms: number): void; set(at: Date): void };

export function settableClock(start: Date = new Date()): SettableClock {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    set: (at) => {
      offset = at.getTime() - Date.now();
    },
  };
}

/** One webhook POST attempt, as the dispatcher logs it. */
export type Delivery = {
  kind: "oa" | "bot";
  url: string;
  event: string;
  /** 0 = first attempt; n = the n-th retry (sent with `num_retry: n`). */
  attempt: number;
  /** HTTP status, or null when the receiver timed out or the connection failed. */
  status: number | null;
  error: string | null;
  at: number;
};

export type DeliveryPort = { log(): Delivery[]; flush(): Promise<void> };

export type Failure = { path: string; error: number; times: number };

export type GroupSnapshot = {
  groupId: string;
  oaId: string;
  name: string;
  description: string;
  avatar: string;
  link: string;
  status: "enabled" | "disabled" | "deleted";
  assetId: string;
  maxMembers: number;
  autoDeleteDate: number | null;
  members: { userId: string; displayName: string }[];
  admins: string[];
  pending: string[];
  settings: GroupSettings;
};

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The fake Zalo world: state + rules, no HTTP. Seeding (createApp, addUser, addAssets, createBot…),
 * inspection (group, groupMessages, userMessages…) and simulated people (residentSendsText,
 * memberPosts…) are called directly by tests and the demo seed; the HTTP routes call the same rules.
 * Every simulated action returns once its webhook is enqueued; `flushWebhooks()` waits for delivery.
 */
export class FakeZaloWorld {
  readonly ctx: WorldCtx;
  readonly bot: BotWorld;
  readonly clock: Clock;
  readonly #emitted: Emitted[] = [];
  readonly #failures: Failure[] = [];
  #sink: (e: Emitted) => void = () => {};
  #changed: () => void = () => {};
  #delivery: DeliveryPort | null = null;

  constructor(opts: { clock?: Clock; eventNames?: EventNames; state?: WorldState } = {}) {
    this.clock = opts.clock ?? settableClock();
    this.ctx = {
      state: opts.state ?? emptyState(),
      clock: this.clock,
      events: new EventFactory(opts.eventNames),
      now: () => this.clock.now().getTime(),
      emit: (e) => {
        this.#emitted.push(e);
        if (this.#emitted.length > 1000) {
          this.#emitted.shift();
        }
        this.#sink(e);
      },
    };
    this.bot = new BotWorld(this.ctx);
  }

  /** Wires delivery and persistence (startFakeZalo does this); `changed` runs after each mutation. */
  connect(sink: (e: Emitted) => void, delivery: DeliveryPort, changed: () => void = () => {}): void {
    this.#sink = sink;
    this.#delivery = delivery;
    this.#changed = changed;
  }

  #touch<T>(value: T): T {
    this.#changed();
    return value;
  }

  get state(): WorldState {
    return this.ctx.state;
  }

  // ── Seeding ────────────────────────────────────────────────────────────────
  /** A Zalo App linked to a new OA; ids and secrets are generated unless given. */
  createApp(input: CreateAppInput): CreatedApp {
    return this.#touch(createApp(this.ctx, input));
  }
  /** A user of the OA (OA-scoped user_id); followers by default, no interaction yet. */
  addUser(oaId: string, input: AddUserInput): string {
    return this.#touch(addUser(this.ctx, oaId, input));
  }
  /** GMF assets (gmf10/50/100/1000 = member ceiling), valid a year unless `validThrough`. */
  addAssets(oaId: string, productType: GmfProduct, count: number, validThrough?: Date): string[] {
    return this.#touch(addAssets(this.ctx, oaId, productType, count, validThrough));
  }
  /** The API Explorer shortcut: an access (25 h) + refresh (3 months) pair without consent. */
  mintTokens(appId: string): TokenPair {
    return this.#touch(mintTokens(this.ctx, appId));
  }
  createBot(input: { token?: string; name: string }): { token: string; botId: string } {
    return this.#touch(this.bot.create(input));
  }
  /** A Zalo user who has opened a chat with the bot; returns the chat id (= user id, 20 hex). */
  addBotUser(token: string, displayName: string): string {
    return this.#touch(this.bot.addUser(token, displayName));
  }

  // ── Inspection ─────────────────────────────────────────────────────────────
  app(appId: string): (CreatedApp & { oaName: string }) | undefined {
    const app = this.state.apps[appId];
    const oa = app ? this.state.oas[app.oaId] : undefined;
    return app && oa
      ? { appId, appSecret: app.appSecret, oaId: oa.oaId, oaSecret: oa.secret, oaName: oa.name }
      : undefined;
  }
  apps(): (CreatedApp & { oaName: string })[] {
    return Object.keys(this.state.apps).flatMap((id) => this.app(id) ?? []);
  }
  users(oaId: string) {
    return copy(Object.values(this.state.users).filter((u) => u.oaId === oaId));
  }
  group(groupId: string): GroupSnapshot | undefined {
    const g = this.state.groups[groupId];
    if (!g) {
      return undefined;
    }
    return copy({
      groupId: g.groupId,
      oaId: g.oaId,
      name: g.name,
      description: g.description,
      avatar: g.avatar,
      link: g.link,
      status: g.status,
      assetId: g.assetId,
      maxMembers: maxMembers(this.ctx, g),
      autoDeleteDate: g.autoDeleteDate,
      members: g.members.map((id) => ({ userId: id, displayName: this.state.users[id]?.displayName ?? "" })),
      admins: g.admins,
      pending: g.pending.map((p) => p.userId),
      settings: g.settings,
    });
  }
  /** The OA's groups, deleted ones included (status "deleted"). */
  groups(oaId: string): GroupSnapshot[] {
    return Object.values(this.state.groups)
      .filter((g) => g.oaId === oaId)
      .flatMap((g) => this.group(g.groupId) ?? []);
  }
  groupMessages(groupId: string) {
    return copy(this.state.groupMessages[groupId] ?? []);
  }
  /** Both directions of the OA ↔ user conversation, oldest first ("out" = CS messages). */
  userMessages(oaId: string, userId: string) {
    return copy(this.state.oaMessages.filter((m) => m.oaId === oaId && m.userId === userId));
  }
  bots() {
    return Object.values(this.state.bots).map((b) => ({
      token: b.token,
      botId: b.botId,
      name: b.name,
      webhookUrl: b.webhook?.url ?? null,
      users: Object.values(b.users).map((u) => ({ ...u })),
    }));
  }
  botMessages(token: string, chatId: string) {
    return copy(this.state.bots[token]?.messages.filter((m) => m.chatId === chatId) ?? []);
  }
  /** Events the world produced (OA events and bot updates sent to a webhook), oldest first. */
  emitted(): Emitted[] {
    return copy(this.#emitted);
  }
  /** Webhook POST attempts with their outcome. */
  webhookLog(): Delivery[] {
    return this.#delivery?.log() ?? [];
  }
  /** Resolves when no webhook delivery (including scheduled retries) is in flight. */
  flushWebhooks(): Promise<void> {
    return this.#delivery?.flush() ?? Promise.resolve();
  }

  // ── Faults and time ────────────────────────────────────────────────────────
  /** The group's asset expires: status disabled, group/message answers -237. */
  expireGroup(groupId: string): void {
    this.#touch(people.expireGroup(this.ctx, groupId));
  }
  /**
   * The next `times` (1) calls to `path` fail with `error`: an OA path after /vX.0/oa/
   * ("group/message", "message/cs", "getoa"), "access_token" (OAuth) or a bot method ("sendMessage").
   */
  failNext(f: { path: string; error: number; times?: number }): void {
    this.#failures.push({ path: f.path.replace(/^\/+/, ""), error: f.error, times: f.times ?? 1 });
  }
  /** Consumes one injected failure for this path (the routes call it). */
  takeFailure(path: string): number | null {
    const f = this.#failures.find((x) => x.path === path && x.times > 0);
    if (!f) {
      return null;
    }
    f.times--;
    return f.error;
  }
  /** Moves the clock (only when it is a SettableClock, the default). */
  advanceClock(ms: number): void {
    const clock = this.clock as Partial<SettableClock>;
    if (typeof clock.advance !== "function") {
      throw new Error("fake Zalo: this clock cannot be advanced");
    }
    clock.advance(ms);
  }

  // ── Simulated people ───────────────────────────────────────────────────────
  residentSendsText(oaId: string, userId: string, text: string): { messageId: string } {
    return residentSends(this.ctx, oaId, userId, "user_send_text", { text });
  }
  residentSendsImage(oaId: string, userId: string, imageUrl: string): { messageId: string } {
    return residentSends(this.ctx, oaId, userId, "user_send_image", {
      attachments: [{ type: "image", payload: { url: imageUrl, thumbnail: imageUrl } }],
    });
  }
  residentSendsLocation(oaId: string, userId: string, lat: number, lng: number): { messageId: string } {
    return residentSends(this.ctx, oaId, userId, "user_send_location", {
      attachments: [
        { type: "location", payload: { coordinates: { latitude: String(lat), longitude: String(lng) } } },
      ],
    });
  }
  residentSendsFile(oaId: string, userId: string, file: { url: string; name: string; size: number }) {
    return residentSends(this.ctx, oaId, userId, "user_send_file", {
      attachments: [{ type: "file", payload: { url: file.url, name: file.name, size: String(file.size) } }],
    });
  }
  follow(oaId: string, userId: string): void {
    setFollowing(this.ctx, oaId, userId, true);
  }
  unfollow(oaId: string, userId: string): void {
    setFollowing(this.ctx, oaId, userId, false);
  }
  memberPosts(groupId: string, userId: string, text: string): { messageId: string } {
    return people.memberPosts(this.ctx, groupId, userId, { text });
  }
  memberPostsImage(groupId: string, userId: string, url: string, caption?: string): { messageId: string } {
    return people.memberPosts(this.ctx, groupId, userId, { imageUrl: url, caption });
  }
  memberRenamesGroup(groupId: string, userId: string, name: string): void {
    people.memberRenamesGroup(this.ctx, groupId, userId, name);
  }
  /** "pending" when the group needs approval (join_appr), else "joined". */
  userRequestsJoin(groupId: string, userId: string): "pending" | "joined" {
    return people.userRequestsJoin(this.ctx, groupId, userId);
  }
  memberLeaves(groupId: string, userId: string): void {
    people.memberLeaves(this.ctx, groupId, userId);
  }
  botUserSends(token: string, chatId: string, text: string): { messageId: string } {
    return this.bot.userSends(token, chatId, { text });
  }
  botUserSendsPhoto(
    token: string,
    chatId: string,
    photoUrl: string,
    caption?: string,
  ): { messageId: string } {
    return this.bot.userSends(token, chatId, { photo: photoUrl, caption });
  }

  /** The live (not deleted) group's mutable record — an escape hatch for tests; throws when missing. */
  liveGroup(groupId: string) {
    return liveGroup(this.ctx, groupId);
  }
  /** Sets group settings directly (keys as in the API: join_appr, lock_send_msg, …), without an event. */
  updateGroupSettings(groupId: string, settings: Partial<GroupSettings>): void {
    this.#touch(Object.assign(liveGroup(this.ctx, groupId).settings, settings));
  }

  /** Ends pending long-polls. */
  close(): void {
    this.bot.close();
  }
}
