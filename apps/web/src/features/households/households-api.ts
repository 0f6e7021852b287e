import type {
  TChangeHeadRequest,
  TCreateHouseholdRequest,
  THousehold,
  THouseholdInvite,
  THouseholdListResponse,
  THouseholdStatus,
  TImportPreviewResponse,
  TImportStatus,
  TSetHouseholdStatusRequest,
  TUpdateHouseholdRequest,
} from "@binhyen/contracts";
import { api, query } from "../../lib/api-client";

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface HouseholdFilters {
  q?: string;
  status?: THouseholdStatus;
  reached?: "yes" | "no";
  limit: number;
  offset: number;
}

export function listHouseholds(
  hamletId: string,
  filters: HouseholdFilters,
  signal?: AbortSignal,
): Promise<THouseholdListResponse> {
  return api.get<THouseholdListResponse>(
    `/hamlets/${hamletId}/households${query({
      q: filters.q,
      status: filters.status,
      reached: filters.reached,
      limit: filters.limit,
      offset: filters.offset,
    })}`,
    withSignal(signal),
  );
}

export function createHousehold(hamletId: string, body: TCreateHouseholdRequest): Promise<THousehold> {
  return api.post<THousehold>(`/hamlets/${hamletId}/households`, body);
}

export function updateHousehold(householdId: string, body: TUpdateHouseholdRequest): Promise<THousehold> {
  return api.patch<THousehold>(`/households/${householdId}`, body);
}

export function changeHead(householdId: string, body: TChangeHeadRequest): Promise<THousehold> {
  return api.post<THousehold>(`/households/${householdId}/head`, body);
}

export function setHouseholdStatus(
  householdId: string,
  body: TSetHouseholdStatusRequest,
): Promise<THousehold> {
  return api.post<THousehold>(`/households/${householdId}/status`, body);
}

export function createInvite(householdId: string): Promise<THouseholdInvite> {
  return api.post<THouseholdInvite>(`/households/${householdId}/invite`, {});
}

/** 202 when queued; 503 CHANNEL_UNAVAILABLE while no delivery channel is turned on. */
export function sendInvite(householdId: string, channel: string): Promise<unknown> {
  return api.post(`/households/${householdId}/invite/send`, { channel });
}

export const IMPORT_TEMPLATE_XLSX = "/api/households/import-template.xlsx";
export const IMPORT_TEMPLATE_CSV = "/api/households/import-template.csv";

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

/** Reads the file and says what an import would do; writes nothing. */
export function previewImport(hamletId: string, file: File): Promise<TImportPreviewResponse> {
  return api.post<TImportPreviewResponse>(
    `/hamlets/${hamletId}/households/import?dryRun=true`,
    fileForm(file),
  );
}

/** Starts the import (202); follow it with getImport. */
export function startImport(hamletId: string, file: File): Promise<{ importId: string }> {
  return api.post<{ importId: string }>(`/hamlets/${hamletId}/households/import`, fileForm(file));
}

export function getImport(importId: string, signal?: AbortSignal): Promise<TImportStatus> {
  return api.get<TImportStatus>(`/imports/${importId}`, withSignal(signal));
}

export function listImports(hamletId: string, signal?: AbortSignal): Promise<{ items: TImportStatus[] }> {
  return api.get<{ items: TImportStatus[] }>(`/hamlets/${hamletId}/imports`, withSignal(signal));
}
