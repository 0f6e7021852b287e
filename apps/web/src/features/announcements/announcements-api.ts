import type {
  TAnnouncementDetail,
  TAnnouncementFile,
  TAnnouncementSettings,
  TAnnouncementStats,
  TAnnouncementStatus,
  TAnnouncementSummary,
  TContentFinding,
  TCreateAnnouncementInput,
  TRecipientList,
} from "@binhyen/contracts";
import { api, currentCsrfToken, query, toApiErrorFromText } from "../../lib/api-client";

/*
 * The officers' side of announcements (plan II.4.1): list, compose, check, publish, approve,
 * withdraw, pin, delivery figures. Every rule is enforced by the server again; the screens only
 * hide what `allowedActions` does not offer.
 */

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface AnnouncementFilters {
  status?: TAnnouncementStatus | "";
  category?: string;
  q?: string;
}

export function listAnnouncements(
  communeId: string,
  filters: AnnouncementFilters,
  signal?: AbortSignal,
): Promise<{ items: TAnnouncementSummary[] }> {
  return api.get(
    `/communes/${communeId}/announcements${query({
      status: filters.status,
      category: filters.category,
      q: filters.q,
    })}`,
    withSignal(signal),
  );
}

export function getAnnouncement(id: string, signal?: AbortSignal): Promise<TAnnouncementDetail> {
  return api.get<TAnnouncementDetail>(`/announcements/${id}`, withSignal(signal));
}

export function createAnnouncement(
  body: TCreateAnnouncementInput,
): Promise<{ announcementId: string; status: TAnnouncementStatus }> {
  return api.post("/announcements", body);
}

export function updateAnnouncement(id: string, body: TCreateAnnouncementInput): Promise<unknown> {
  return api.patch(`/announcements/${id}`, body);
}

export function checkAnnouncement(
  body: TCreateAnnouncementInput,
): Promise<{ ok: boolean; findings: TContentFinding[] }> {
  return api.post("/announcements/check", body);
}

export type AnnouncementAction = "publish" | "approve" | "reject" | "withdraw";

/** publish and approve take no body; reject and withdraw take the reason. */
export function runAnnouncementAction(
  id: string,
  action: AnnouncementAction,
  reason?: string,
): Promise<unknown> {
  return api.post(`/announcements/${id}/${action}`, reason === undefined ? {} : { reason });
}

export function pinAnnouncement(id: string, pinned: boolean): Promise<unknown> {
  return api.post(`/announcements/${id}/pin`, { pinned });
}

export function getAnnouncementStats(id: string, signal?: AbortSignal): Promise<TAnnouncementStats> {
  return api.get<TAnnouncementStats>(`/announcements/${id}/stats`, withSignal(signal));
}

export type RecipientState = "unseen" | "unacknowledged" | "all";

export function listRecipients(
  id: string,
  state: RecipientState,
  signal?: AbortSignal,
): Promise<TRecipientList> {
  // The whole list of a hamlet in one answer (the server's maximum); the page says if more exist.
  return api.get<TRecipientList>(
    `/announcements/${id}/recipients${query({ state, limit: 500 })}`,
    withSignal(signal),
  );
}

export function capUrl(id: string): string {
  return `/api/announcements/${id}/cap.xml`;
}

export function getAnnouncementSettings(
  communeId: string,
  signal?: AbortSignal,
): Promise<TAnnouncementSettings> {
  return api.get<TAnnouncementSettings>(`/communes/${communeId}/announcement-settings`, withSignal(signal));
}

export function saveAnnouncementSettings(
  communeId: string,
  settings: TAnnouncementSettings,
): Promise<unknown> {
  return api.put(`/communes/${communeId}/announcement-settings`, settings);
}

/**
 * Uploads one file as multipart "file", reporting progress (0–1). XMLHttpRequest rather than
 * fetch: only it reports upload progress. Failures become the same ApiError as every other call.
 */
export function uploadAnnouncementFile(
  communeId: string,
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<TAnnouncementFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<TAnnouncementFile>((resolve, reject) => {
    xhr.open("POST", `/api/communes/${communeId}/announcement-files`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("accept", "application/json");
    const csrf = currentCsrfToken();
    if (csrf) {
      xhr.setRequestHeader("x-csrf-token", csrf);
    }
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as TAnnouncementFile);
        } catch {
          reject(toApiErrorFromText(500, "", null));
        }
      } else {
        reject(toApiErrorFromText(xhr.status, xhr.responseText, xhr.getResponseHeader("x-request-id")));
      }
    });
    xhr.addEventListener("error", () => reject(toApiErrorFromText(0, "", null)));
    xhr.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** The bytes of an uploaded file (officers and the announcement's audience may read them). */
export function fileUrl(fileId: string): string {
  return `/api/announcement-files/${fileId}`;
}
