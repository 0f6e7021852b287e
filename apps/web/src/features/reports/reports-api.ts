import type {
  TCommendationClaim,
  TCreateReportRequest,
  TReceiptCommendation,
  TReceiptView,
  TReportPlaces,
} from "@binhyen/contracts";
import { api } from "../../lib/api-client";

/*
 * The resident's side of reports: no account. A 401 here never means "your session ended" (these
 * routes are public), so the session is never told about one.
 */

/**
 * The reporter's view; `canRate` is newer than the rest, so a server without it is tolerated. A server
 * that sends the commendation with the view (`commendation`, null for none) spares the reporter the
 * separate look-up below.
 */
export type ReceiptView = Omit<TReceiptView, "canRate"> & {
  canRate?: boolean;
  commendation?: TReceiptCommendation | null;
};

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

/** The decided commendation of the report, if any (404 NOT_FOUND: none, or a wrong code). */
export function getReceiptCommendation(code: string, signal?: AbortSignal): Promise<TReceiptCommendation> {
  return api.get<TReceiptCommendation>(`${receiptPath(code)}/commendation`, quiet(signal));
}

/** Takes the claim reference, shown once: the server keeps only its keyed hash. */
export function claimReceiptCommendation(code: string): Promise<TCommendationClaim> {
  return api.post<TCommendationClaim>(`${receiptPath(code)}/commendation/claim`, {}, quiet());
}
