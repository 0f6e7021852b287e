import type { TImportError, TImportPreviewRow } from "@binhyen/contracts";
import { isPhoneError, normalizePhone } from "../../core/phone";
import { searchKey } from "../../core/text";
import type { HouseholdRow } from "./households.repository";
import type { RawHouseholdRow } from "./import-file";

/** One validated row and what importing it would do. Pure: the same input gives the same plan. */
export type PlannedRow = TImportPreviewRow & {
  /** For update/unchanged: the matched household. */
  householdId: string | null;
};

export type ImportPlan = {
  rows: PlannedRow[];
  errors: TImportError[];
  counts: { imported: number; updated: number; unchanged: number; rejected: number };
};

const PHONE_SPLIT = /[,;/|\n]+|\s{2,}|\s+(?:hoặc|hoac|or)\s+/i;

function splitPhones(raw: string): string[] {
  return raw
    .split(PHONE_SPLIT)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Validates every row, finds duplicates inside the file, and matches the rest against the hamlet's
 * households by code, else by a shared phone and the same head name (accent-insensitive). Re-running
 * it on an imported file yields only "unchanged" rows: the import is idempotent.
 */
export function planImport(raw: readonly RawHouseholdRow[], existing: readonly HouseholdRow[]): ImportPlan {
  const byCode = new Map<string, HouseholdRow>();
  const byPhoneAndName = new Map<string, HouseholdRow>();
  for (const h of existing) {
    if (h.code) {
      byCode.set(h.code.toLowerCase(), h);
    }
    for (const p of h.phones) {
      byPhoneAndName.set(`${p}|${h.searchKey}`, h);
    }
  }
  const seen = new Map<string, number>();
  const rows: PlannedRow[] = [];
  const errors: TImportError[] = [];
  const counts = { imported: 0, updated: 0, unchanged: 0, rejected: 0 };

  for (const r of raw) {
    const headName = r.headName.trim();
    const code = r.code.trim() || null;
    const address = r.address.trim();
    const base = {
      row: r.row,
      headName,
      code,
      address,
      phones: [] as string[],
      memberCount: null as number | null,
    };
    const reject = (field: string, message: string) => {
      rows.push({ ...base, action: "reject", changes: [], message, householdId: null });
      errors.push({ row: r.row, field, message });
      counts.rejected++;
    };
    if (headName === "") {
      reject("headName", "Thiếu họ tên chủ hộ.");
      continue;
    }
    if (headName.length > 120) {
      reject("headName", "Họ tên chủ hộ dài quá 120 ký tự.");
      continue;
    }
    if (code && code.length > 40) {
      reject("code", "Mã hộ dài quá 40 ký tự.");
      continue;
    }
    const phones: string[] = [];
    const bad: string[] = [];
    for (const p of splitPhones(r.phones)) {
      const n = normalizePhone(p);
      if (isPhoneError(n)) {
        bad.push(p);
      } else if (!phones.includes(n.national)) {
        phones.push(n.national);
      }
    }
    base.phones = phones;
    if (bad.length > 0) {
      reject("phones", `Số điện thoại không hợp lệ: ${bad.map((b) => `"${b}"`).join(", ")}.`);
      continue;
    }
    let memberCount: number | null = null;
    if (r.members.trim() !== "") {
      const n = Number(r.members.trim().replace(/[.,]0+$/, ""));
      if (!Number.isInteger(n) || n < 1 || n > 100) {
        reject("members", `Số nhân khẩu không hợp lệ: "${r.members.trim()}" (cần số nguyên từ 1 đến 100).`);
        continue;
      }
      memberCount = n;
    }
    base.memberCount = memberCount;
    const nameKey = searchKey(headName);
    const key = code
      ? `code:${code.toLowerCase()}`
      : phones[0]
        ? `phone:${phones[0]}|${nameKey}`
        : `name:${nameKey}|${searchKey(address)}`;
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      reject("row", `Trùng với dòng ${firstRow}.`);
      continue;
    }
    seen.set(key, r.row);

    const match =
      (code ? byCode.get(code.toLowerCase()) : undefined) ??
      phones.map((p) => byPhoneAndName.get(`${p}|${nameKey}`)).find((h) => h !== undefined);
    if (!match) {
      rows.push({ ...base, action: "create", changes: [], message: null, householdId: null });
      counts.imported++;
      continue;
    }
    const changes: string[] = [];
    if (searchKey(match.headName) !== nameKey || match.headName !== headName) {
      changes.push("headName");
    }
    if (address !== "" && address !== match.address) {
      changes.push("address");
    }
    if (phones.length > 0 && !sameSet(phones, match.phones)) {
      changes.push("phones");
    }
    if (memberCount !== null && memberCount !== match.memberCount) {
      changes.push("memberCount");
    }
    if (code && match.code !== code) {
      changes.push("code");
    }
    const action = changes.length > 0 ? "update" : "unchanged";
    rows.push({ ...base, action, changes, message: null, householdId: match.id });
    counts[action === "update" ? "updated" : "unchanged"]++;
  }
  return { rows, errors, counts };
}
