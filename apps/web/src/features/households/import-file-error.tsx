import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";

const FILE_CODES = [
  "NOT_CSV_OR_XLSX",
  "LEGACY_XLS",
  "TOO_LARGE",
  "TOO_MANY_ROWS",
  "EMPTY",
  "NO_HEAD_COLUMN",
] as const;
type FileCode = (typeof FILE_CODES)[number];

/**
 * Why a file could not be read at all (not CSV/XLSX, legacy .xls, too large, no head column). The
 * server explains it in Vietnamese and names the problem with a code in details[].message; the
 * generic "invalid input" sentence would hide that explanation, so it is shown here instead.
 */
export function ImportFileError({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  if (!isApiError(error, "VALIDATION_FAILED")) {
    return <ErrorNotice error={error} />;
  }
  const issue = error.fieldIssues.find((item) => item.path === "file");
  const code = FILE_CODES.find((c) => c === issue?.message) as FileCode | undefined;
  const text =
    locale === "vi" && error.serverMessage
      ? error.serverMessage
      : code
        ? t(`importError.${code}`)
        : error.serverMessage || t("error.VALIDATION_FAILED");
  return (
    <div className="notice notice--error" role="alert" data-testid="import-file-error">
      <p>{text}</p>
    </div>
  );
}
