import type { Deps } from "../../deps";
import { normalizeReceiptCode, receiptLookupKey } from "../reports/receipt-code";
import { type ReportRow, reportsRepository } from "../reports/reports.repository";

/**
 * The report a receipt code opens, or undefined for a wrong or unknown code alike. The same lookup
 * as reports.service (`byReceipt`, private there): the keyed hash of the canonical code under the
 * "receipt" MAC label, 43 characters. Keep the two in step; better, export one helper from reports.
 */
export async function reportByReceipt(deps: Deps, code: string): Promise<ReportRow | undefined> {
  const canonical = normalizeReceiptCode(code);
  if (!canonical) {
    return undefined;
  }
  const key = receiptLookupKey(canonical, (d) => deps.box.mac("receipt", d, 43));
  return reportsRepository.findByReceiptKey(deps.db, key);
}
