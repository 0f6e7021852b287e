/**
 * The fake Zalo world's state: plain JSON (instants as epoch ms) so it can be written to the
 * state file and read back after a demo restart. Runtime-only things (webhook deliveries,
 * long-poll waiters, injected failures) live elsewhere.
 */

export const STATE_VERSION = 1;

export type AppRecord = {
  appId: string;
  appSecret: string;
  oaId: string;
  active: boolean;
  /** When set, the consent link must use exactly this redirect_uri (else -14003). */
  redirectUri: string | null;
};

export type OaRecord = {
  oaId: string;
  appId: string;
  name: string;
  /** The OA Secret Key shown when the OA was linked to the app (signs webhooks by default). */
  secret: string;
  verified: boolean;
  packageName: string;
  packageValidThrough: number;
  /** Proactive (billable) CS messages left this month. */
  proactiveQuota: number;
};

export type UserRecord = {
  userId: string;
  oaId: string;
  userIdByApp: string;
  displayName: string;
  follower: boolean;
  lastInteractionAt: number | null;
  phone: string | null;
  /** CS replies since the user's last message (8 are free within 48 h). */
  repliesSinceInteraction: number;
};

export type AuthCode = {
  appId: string;
  oaId: string;
  challenge: string | null;
  expiresAt: number;
  used: boolean;
};

export type TokenRecord = { appId: string; oaId: string; expiresAt: number; used: boolean };

export const GMF_PRODUCTS = { gmf10: 10, gmf50: 50, gmf100: 100, gmf1000: 1000 } as const;
export type GmfProduct = keyof typeof GMF_PRODUCTS;

export type AssetRecord = {
  assetId: string;
  oaId: string;
  productType: GmfProduct;
  quotaType: "sub_quota" | "purchase_quota" | "reward_quota";
  validThrough: number;
  autoRenew: boolean;
  usedBy: string | null;
};

export type GroupSettings = {
  lock_send_msg: boolean;
  join_appr: boolean;
  enable_msg_history: boolean;
  enable_link_join: boolean;
};

export type GroupRecord = {
  groupId: string;
  oaId: string;
  name: string;
  description: string;
  avatar: string;
  link: string;
  status: "enabled" | "disabled" | "deleted";
  assetId: string;
  autoDeleteDate: number | null;
  /** User ids in join order; the OA (owner) is implicit and always a member. */
  members: string[];
  admins: string[];
  pending: { userId: string; at: number }[];
  settings: GroupSettings;
  createdAt: number;
};

export type Mention = { kind: "user" | "all"; id: string; offset: number; length: number };

export type GroupMessage = {
  messageId: string;
  groupId: string;
  /** "oa" = sent by the OA through group/message; "user" = a member (simulated person). */
  from: { kind: "oa" | "user"; id: string };
  type: "text" | "image" | "file" | "sticker";
  text: string | null;
  url: string | null;
  attachmentId: string | null;
  fileToken: string | null;
  mentions: Mention[];
  at: number;
};

export type Attachment = {
  type: "image" | "location" | "file";
  payload: {
    url?: string;
    thumbnail?: string;
    coordinates?: { latitude: string; longitude: string };
    name?: string;
    size?: string;
  };
};

/** One message of an OA ↔ user conversation ("in" = user → OA, "out" = CS message OA → user). */
export type OaUserMessage = {
  messageId: string;
  oaId: string;
  userId: string;
  direction: "in" | "out";
  text: string | null;
  attachments: Attachment[];
  /** out: the template/attachment the OA sent (media, file, request_user_info). */
  template: Record<string, unknown> | null;
  quoteMessageId: string | null;
  /** out: true when the message used proactive (billable) quota. */
  billable: boolean;
  at: number;
};

export type UploadRecord = {
  id: string;
  kind: "image" | "file";
  oaId: string;
  name: string;
  size: number;
  expiresAt: number;
};

export type BotMessage = {
  messageId: string;
  chatId: string;
  direction: "in" | "out";
  text: string | null;
  photo: string | null;
  caption: string | null;
  date: number;
};

export type BotUpdate = { event_name: string; message: Record<string, unknown> };

export type BotRecord = {
  token: string;
  botId: string;
  name: string;
  webhook: { url: string; secret: string; updatedAt: number } | null;
  webhookUpdatedAt: number;
  users: Record<string, { chatId: string; displayName: string }>;
  messages: BotMessage[];
  /** Updates waiting for getUpdates (only while no webhook is set). */
  pending: BotUpdate[];
};

export type WorldState = {
  version: typeof STATE_VERSION;
  apps: Record<string, AppRecord>;
  oas: Record<string, OaRecord>;
  users: Record<string, UserRecord>;
  authCodes: Record<string, AuthCode>;
  accessTokens: Record<string, TokenRecord>;
  refreshTokens: Record<string, TokenRecord>;
  assets: Record<string, AssetRecord>;
  groups: Record<string, GroupRecord>;
  groupMessages: Record<string, GroupMessage[]>;
  oaMessages: OaUserMessage[];
  uploads: Record<string, UploadRecord>;
  bots: Record<string, BotRecord>;
};

/**
 * A lookup table without a prototype: ids come from requests, and `table["constructor"]` must be
 * undefined, not Object's constructor.
 */
export function table<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

const TABLES = [
  "apps",
  "oas",
  "users",
  "authCodes",
  "accessTokens",
  "refreshTokens",
  "assets",
  "groups",
  "groupMessages",
  "uploads",
  "bots",
] as const;

export function emptyState(): WorldState {
  return {
    version: STATE_VERSION,
    apps: table(),
    oas: table(),
    users: table(),
    authCodes: table(),
    accessTokens: table(),
    refreshTokens: table(),
    assets: table(),
    groups: table(),
    groupMessages: table(),
    oaMessages: [],
    uploads: table(),
    bots: table(),
  };
}

/** Parses a state file; throws a readable error on anything but a version-1 world. */
export function parseState(json: string, source: string): WorldState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`fake Zalo: ${source} is not valid JSON`);
  }
  if (!value || typeof value !== "object" || (value as { version?: unknown }).version !== STATE_VERSION) {
    throw new Error(`fake Zalo: ${source} is not a version-${STATE_VERSION} world state`);
  }
  const state = { ...emptyState(), ...(value as WorldState) };
  for (const key of TABLES) {
    (state as Record<string, unknown>)[key] = table(state[key] as Record<string, unknown>);
  }
  for (const bot of Object.values(state.bots)) {
    bot.users = table(bot.users);
  }
  return state;
}
