/**
 * A delivery channel (web, zalo-oa, zalo-bot). Workers hand it one outbox message at a time;
 * services never call channels directly (STYLE §4).
 */
export type ChannelMessage = {
  id: number;
  event: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  attempt: number;
};

export class PermanentDeliveryError extends Error {}

export interface Channel {
  readonly name: string;
  /** Can deliver to a phone number (Zalo, SMS) — used for invites to households. */
  readonly reachesPhones?: boolean;
  /** Resolves when delivered; throws to retry; throws PermanentDeliveryError to give up. */
  deliver(message: ChannelMessage): Promise<void>;
}

export class ChannelRegistry {
  readonly #channels = new Map<string, Channel>();
  register(channel: Channel): this {
    this.#channels.set(channel.name, channel);
    return this;
  }
  get(name: string): Channel | undefined {
    return this.#channels.get(name);
  }
  names(): string[] {
    return [...this.#channels.keys()];
  }
}
