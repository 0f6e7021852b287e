import type { TCoverageResponse, THamletCoverage } from "@binhyen/contracts";
import { api } from "../../lib/api-client";

export type TCoverageTrend = TCoverageResponse["trend"];
export type THamletCoverageWithTrend = THamletCoverage & { trend: TCoverageTrend };

export function getCommuneCoverage(communeId: string, signal?: AbortSignal): Promise<TCoverageResponse> {
  return api.get<TCoverageResponse>(`/communes/${communeId}/coverage`, signal ? { signal } : {});
}

export function getHamletCoverage(hamletId: string, signal?: AbortSignal): Promise<THamletCoverageWithTrend> {
  return api.get<THamletCoverageWithTrend>(`/hamlets/${hamletId}/coverage`, signal ? { signal } : {});
}
