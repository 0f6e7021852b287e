import type { TReviewReportSettings } from "@binhyen/contracts";
import { DEFAULT_MARGINS_MM, isoDateParts } from "./document-format";
import { communeFullName, communePlace, provinceFullName } from "./review-report-document";

/**
 * A new review report's header and signature settings, all editable before issue (PATCH):
 * "CÔNG AN TỈNH <province>" over "CÔNG AN XÃ <commune>", the symbol BC-CAX (BC-CAP for a ward),
 * the commune as the place, the chief as the signer, and the usual recipients.
 */
const AGENCY_ABBREVIATION: Record<string, string> = { XA: "CAX", PHUONG: "CAP", DAC_KHU: "CAĐK" };
const COMMUNE_WORD: Record<string, string> = { XA: "xã", PHUONG: "phường", DAC_KHU: "đặc khu" };

export type SignerCandidate = { name: string; role: "COMMUNE_CHIEF" | "COMMUNE_DEPUTY" };

const up = (s: string) => s.toLocaleUpperCase("vi");
const pad2 = (n: number) => String(n).padStart(2, "0");

/** "Sơ kết 01 năm …" for whole years, "Sơ kết 6 tháng …" for whole months, else the dates. */
export function defaultSummary(from: string, to: string): string {
  const a = isoDateParts(from);
  const b = isoDateParts(to);
  const model = "thực hiện mô hình “Zalo kết nối bình yên”";
  // Whole months: from the first of a month to the last day of a month.
  const lastDay = new Date(Date.UTC(b.year, b.month, 0)).getUTCDate();
  if (a.day === 1 && b.day === lastDay) {
    const months = (b.year - a.year) * 12 + (b.month - a.month) + 1;
    if (months % 12 === 0) {
      return `Sơ kết ${pad2(months / 12)} năm ${model}`;
    }
    return `Sơ kết ${months} tháng ${model}`;
  }
  return `Kết quả ${model} từ ngày ${pad2(a.day)}/${pad2(a.month)}/${a.year} đến ngày ${pad2(b.day)}/${pad2(b.month)}/${b.year}`;
}

/**
 * The signer: the chief signs as "TRƯỞNG CÔNG AN"; a commune without a chief has a deputy sign
 * "KT. TRƯỞNG CÔNG AN / PHÓ TRƯỞNG CÔNG AN" (Decree 30: ký thay).
 */
export function defaultSigner(chief: SignerCandidate | undefined, deputy: SignerCandidate | undefined) {
  if (chief || !deputy) {
    return { prefix: null, authority: "TRƯỞNG CÔNG AN", title: "", name: chief?.name ?? "" };
  }
  return {
    prefix: "KT." as const,
    authority: "TRƯỞNG CÔNG AN",
    title: "PHÓ TRƯỞNG CÔNG AN",
    name: deputy.name,
  };
}

export function defaultSettings(input: {
  communeName: string;
  communeKind: string;
  provinceName: string;
  period: { from: string; to: string };
  chief?: SignerCandidate | undefined;
  deputy?: SignerCandidate | undefined;
}): TReviewReportSettings {
  const abbreviation = AGENCY_ABBREVIATION[input.communeKind] ?? "CAX";
  const word = COMMUNE_WORD[input.communeKind] ?? "xã";
  return {
    parentAgency: up(`Công an ${provinceFullName(input.provinceName)}`),
    issuingAgency: up(`Công an ${communeFullName(input.communeName, input.communeKind)}`),
    symbol: `BC-${abbreviation}`,
    place: communePlace(input.communeName),
    summary: defaultSummary(input.period.from, input.period.to),
    signer: defaultSigner(input.chief, input.deputy),
    recipients: ["Công an tỉnh (PV01)", `Đảng ủy ${word}`, `UBND ${word}`],
    archiveUnit: abbreviation,
    margins: { ...DEFAULT_MARGINS_MM },
  };
}
