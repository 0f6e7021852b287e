import type { TFeed, TMyFeeds } from "@binhyen/contracts";
import { api, query } from "../../lib/api-client";

/** Set by the service worker on an answer it served from its cache because the network failed. */
const OFFLINE_HEADER = "x-binhyen-offline";

export interface Fetched<T> {
  data: T;
  /** True when the answer came from the device's cache (the network failed). */
  offline: boolean;
}

async function getMarked<T>(path: string, signal?: AbortSignal): Promise<Fetched<T>> {
  let offline = false;
  const data = await api.get<T>(path, {
    ...(signal ? { signal } : {}),
    onHeaders: (headers) => {
      offline = headers.get(OFFLINE_HEADER) === "1";
    },
  });
  return { data, offline };
}

export function getMyFeeds(signal?: AbortSignal): Promise<Fetched<TMyFeeds>> {
  return getMarked<TMyFeeds>("/me/feeds", signal);
}

export interface FeedFilters {
  category?: string;
  q?: string;
  before?: string;
}

export function getGroupFeed(groupId: string, filters: FeedFilters, signal?: AbortSignal) {
  return getMarked<TFeed>(
    `/groups/${groupId}/feed${query({ category: filters.category, q: filters.q, before: filters.before })}`,
    signal,
  );
}

export function markRead(id: string): Promise<unknown> {
  return api.post(`/announcements/${id}/read`, {});
}

export function acknowledge(id: string): Promise<unknown> {
  return api.post(`/announcements/${id}/ack`, {});
}
