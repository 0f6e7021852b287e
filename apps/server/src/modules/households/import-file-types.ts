/** Types and the error shared by the household file reader; no runtime dependencies on its other parts. */

export type HouseholdColumn = "headName" | "address" | "phones" | "members" | "code";
export type RawHouseholdRow = {
  row: number;
  headName: string;
  address: string;
  phones: string;
  members: string;
  code: string;
};
export type ParsedHouseholdFile = {
  format: "csv" | "xlsx";
  rows: RawHouseholdRow[];
  columns: Record<HouseholdColumn, string | null>;
};
export type ImportFileErrorCode =
  | "NOT_CSV_OR_XLSX"
  | "LEGACY_XLS"
  | "TOO_LARGE"
  | "TOO_MANY_ROWS"
  | "EMPTY"
  | "NO_HEAD_COLUMN";

/** `message` is Vietnamese and meant to be shown to the officer as is. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}
