import type { Attachment } from "./state";

/**
 * OA webhook event payloads (reference/zalo.md §2.6, §2.8). Names differ between sources, so every
 * name goes through a map the caller may override (`eventNames` option); keys are the defaults.
 */
export const DEFAULT_EVENT_NAMES = {
  user_send_text: "user_send_text",
  user_send_image: "user_send_image",
  user_send_location: "user_send_location",
  user_send_file: "user_send_file",
  follow: "follow",
  unfollow: "unfollow",
  oa_send_text: "oa_send_text",
  oa_send_image: "oa_send_image",
  oa_send_file: "oa_send_file",
  oa_send_list: "oa_send_list",
  user_send_group_text: "user_send_group_text",
  user_send_group_image: "user_send_group_image",
  oa_send_group_text: "oa_send_group_text",
  oa_send_group_image: "oa_send_group_image",
  oa_send_group_file: "oa_send_group_file",
  oa_send_group_sticker: "oa_send_group_sticker",
  create_group: "create_group",
  user_request_join_group: "user_request_join_group",
  accept_request_join_group: "accept_request_join_group",
  reject_request_join_group: "reject_request_join_group",
  user_join_group: "user_join_group",
  user_out_group: "user_out_group",
  update_group_info: "update_group_info",
  add_group_admin: "add_group_admin",
  remove_group_admin: "remove_group_admin",
  delete_group: "delete_group",
} as const;

export type EventKey = keyof typeof DEFAULT_EVENT_NAMES;
export type EventNames = Partial<Record<EventKey, string>>;

/** Every OA event carries these; `timestamp` is epoch ms as a string and feeds the signature. */
export type OaEvent = {
  app_id: string;
  oa_id: string;
  event_name: string;
  timestamp: string;
  [field: string]: unknown;
};

export type EventMessage = { msg_id: string; text?: string; attachments?: Attachment[] };

type Base = { appId: string; oaId: string; at: number };

export class EventFactory {
  constructor(private readonly names: EventNames = {}) {}

  name(key: EventKey): string {
    return this.names[key] ?? DEFAULT_EVENT_NAMES[key];
  }

  private base(b: Base, key: EventKey): OaEvent {
    return { app_id: b.appId, oa_id: b.oaId, event_name: this.name(key), timestamp: String(b.at) };
  }

  /** user_send_* (user → OA) and oa_send_* (OA → user echo: sender/recipient swapped). */
  direct(
    b: Base,
    key: EventKey,
    user: { userId: string; userIdByApp: string },
    fromUser: boolean,
    message: EventMessage,
  ): OaEvent {
    const userSide = { id: user.userId };
    const oaSide = { id: b.oaId };
    return {
      ...this.base(b, key),
      user_id_by_app: user.userIdByApp,
      sender: fromUser ? userSide : oaSide,
      recipient: fromUser ? oaSide : userSide,
      message,
    };
  }

  follow(b: Base, key: "follow" | "unfollow", user: { userId: string; userIdByApp: string }): OaEvent {
    return {
      ...this.base(b, key),
      user_id_by_app: user.userIdByApp,
      follower: { id: user.userId },
      source: "oa_profile",
    };
  }

  /** Group message by a member (user_send_group_*) or the OA's own post echo (oa_send_group_*). */
  groupMessage(
    b: Base,
    key: EventKey,
    groupId: string,
    sender: { id: string; userIdByApp?: string },
    message: EventMessage,
  ): OaEvent {
    return {
      ...this.base(b, key),
      ...(sender.userIdByApp ? { user_id_by_app: sender.userIdByApp } : {}),
      sender: { id: sender.id },
      recipient: { id: groupId },
      message,
    };
  }

  /** Lifecycle events: join/leave/admin changes carry `users`, update_group_info `group_info`. */
  lifecycle(
    b: Base,
    key: EventKey,
    groupId: string,
    actorId: string,
    extra: {
      users?: { user_id: string; display_name: string }[];
      group_info?: { name: string; group_description: string; avatar: string };
    } = {},
  ): OaEvent {
    return {
      ...this.base(b, key),
      group_id: groupId,
      sender: { id: actorId },
      recipient: { id: groupId },
      ...extra,
    };
  }
}
