import type { TCreateReportRequest, TReceiptView, TReportPlaces } from "@binhyen/contracts";
import { api } from "../../lib/api-client";

/*
 * The resident's side of reports: no account. A 401 here never means "your session ended" (these
 * routes are public), so the session is never told about one.
 */

/** The reporter's view; `canRate` is newer than the rest, so a server without it is tolerated. */
export type ReceiptView = Omit<TReceiptView, "canRate"> & { canRate?: boolean };

const quiet = (signal?: AbortSignal) => ({ quietUnauthenticated: true, ...(signal ? { signal } : {}) });
const receiptPath = (code: string) => `/reports/receipt/${encodeURIComponent(code)}`;

/**
 * `sendKey` stays the same for every attempt at one draft, so a re-send never makes a second report.
 * `proofOfWork` answers a 428 PROOF_OF_WORK_REQUIRED ("<challenge>:<nonce>", see proof-of-work.ts).
 */
export function submitReport(
  body: TCreateReportRequest,
  sendKey: string,
  proofOfWork?: string,
): Promise<{ receiptCode: string }> {
  return api.post<{ receiptCode: string }>("/reports", body, {
    ...quiet(),
    idempotencyKey: sendKey,
    ...(proofOfWork ? { proofOfWork } : {}),
  });
}

/** The commune's name and hamlets, for choosing where a report goes (public; 404: no such commune). */
export function getReportPlaces(communeId: string, signal?: AbortSignal): Promise<TReportPlaces> {
  return api.get<TReportPlaces>(`/reports/places/${encodeURIComponent(communeId)}`, quiet(signal));
}

export function getReceipt(code: string, signal?: AbortSignal): Promise<ReceiptView> {
  return api.get<ReceiptView>(receiptPath(code), quiet(signal));
}

export function sendReporterMessage(code: string, body: string): Promise<ReceiptView> {
  return api.post<ReceiptView>(`${receiptPath(code)}/messages`, { body }, quiet());
}

export function uploadReportPhoto(code: string, file: File): Promise<{ attachmentId: string }> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.post<{ attachmentId: string }>(`${receiptPath(code)}/attachments`, form, quiet());
}

export function rateReport(code: string, rating: number, comment: string): Promise<ReceiptView> {
  return api.post<ReceiptView>(
    `${receiptPath(code)}/rating`,
    { rating, ...(comment ? { comment } : {}) },
    quiet(),
  );
}
