import type { TPost, ZCreatePostResponse, ZPostList } from "@binhyen/contracts";
import type { z } from "zod";
import { api, query } from "../../lib/api-client";

/*
 * Members' posts (issue #6; routes at the top of packages/contracts/src/moderation.ts). The content
 * policy runs on the server before anyone sees a post: the answer says whether it went out, waits
 * for a moderator, or was refused, with the rules' reasons in Vietnamese.
 */

export type TPostList = z.infer<typeof ZPostList>;
export type TCreatePostResponse = z.infer<typeof ZCreatePostResponse>;
export type { TPost };

export function listPosts(groupId: string, before?: string, signal?: AbortSignal): Promise<TPostList> {
  return api.get<TPostList>(`/groups/${groupId}/posts${query({ before })}`, signal ? { signal } : {});
}

export function createPost(groupId: string, body: string, parentId?: string): Promise<TCreatePostResponse> {
  return api.post<TCreatePostResponse>(`/groups/${groupId}/posts`, parentId ? { body, parentId } : { body });
}

export function reportPost(postId: string, reason: string): Promise<unknown> {
  return api.post(`/posts/${postId}/report`, { reason });
}
