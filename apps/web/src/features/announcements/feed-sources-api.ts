import type { TCreateFeed, TFeedSource } from "@binhyen/contracts";
import { api } from "../../lib/api-client";

/* The official feeds (RSS/Atom of the provincial police) relayed into drafts (plan II.5.2). */

export function listFeedSources(communeId: string, signal?: AbortSignal): Promise<{ items: TFeedSource[] }> {
  return api.get(`/communes/${communeId}/feeds`, signal ? { signal } : {});
}

export function createFeedSource(communeId: string, body: TCreateFeed): Promise<unknown> {
  return api.post(`/communes/${communeId}/feeds`, body);
}

export function updateFeedSource(
  feedId: string,
  body: Partial<Pick<TFeedSource, "title" | "category" | "autoPublish" | "enabled">>,
): Promise<unknown> {
  return api.patch(`/feeds/${feedId}`, body);
}

export function deleteFeedSource(feedId: string): Promise<unknown> {
  return api.delete(`/feeds/${feedId}`);
}

/** Fetches the feed now; answers the feed as it is afterwards (its lastError if it failed). */
export function pollFeedSource(feedId: string): Promise<TFeedSource> {
  return api.post(`/feeds/${feedId}/poll`, {});
}
