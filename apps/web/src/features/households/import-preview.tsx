import type {
  TImportError,
  TImportPreviewResponse,
  TImportPreviewRow,
  TImportRowAction,
} from "@binhyen/contracts";
import { useState } from "react";
import { formatNumber } from "../../i18n/format";
import { type Translate, useI18n } from "../../i18n/i18n-context";

const ACTION_CLASS: Record<TImportRowAction, string> = {
  create: "badge badge--success",
  update: "badge badge--info",
  unchanged: "badge",
  reject: "badge badge--danger",
};

const KNOWN_FIELDS = ["headName", "code", "address", "phones", "memberCount"] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];

/** The column's name in the person's language; unknown server field names are shown as they are. */
export function fieldLabel(field: string, t: Translate): string {
  return (KNOWN_FIELDS as readonly string[]).includes(field)
    ? t(`importField.${field as KnownField}`)
    : field;
}

interface CountsProps {
  counts: { create: number; update: number; unchanged: number; reject: number };
  /** "preview" says what will happen; "result" what did. */
  tense: "preview" | "result";
}

/** The four outcomes as chips; each carries its number in data-count for tests and tools. */
export function ImportCounts({ counts, tense }: CountsProps) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const items: Array<{ action: TImportRowAction; text: string; count: number }> = [
    {
      action: "create",
      count: counts.create,
      text: t(tense === "preview" ? "import.count.create" : "import.count.created", {
        count: n(counts.create),
      }),
    },
    {
      action: "update",
      count: counts.update,
      text: t(tense === "preview" ? "import.count.update" : "import.count.updated", {
        count: n(counts.update),
      }),
    },
    {
      action: "unchanged",
      count: counts.unchanged,
      text: t("import.count.unchanged", { count: n(counts.unchanged) }),
    },
    { action: "reject", count: counts.reject, text: t("import.count.reject", { count: n(counts.reject) }) },
  ];
  return (
    <ul className="chips" data-testid={`import-counts-${tense}`}>
      {items.map((item) => (
        <li
          key={item.action}
          className={`chip chip--${item.action}`}
          data-testid={`import-count-${item.action}`}
          data-count={item.count}
        >
          {item.text}
        </li>
      ))}
    </ul>
  );
}

function rowNotes(row: TImportPreviewRow, errors: readonly TImportError[], t: Translate): string[] {
  const notes: string[] = [];
  if (row.message) {
    notes.push(row.message);
  }
  for (const error of errors) {
    if (error.row === row.row && !notes.includes(error.message)) {
      notes.push(error.message);
    }
  }
  if (row.action === "update" && row.changes.length > 0) {
    notes.push(t("import.changes", { fields: row.changes.map((field) => fieldLabel(field, t)).join(", ") }));
  }
  return notes;
}

/** What an import would do, row by row, before anything is written. */
export function ImportPreview({ preview }: { preview: TImportPreviewResponse }) {
  const { t, locale } = useI18n();
  const [onlyRejected, setOnlyRejected] = useState(false);
  const rows = onlyRejected ? preview.rows.filter((row) => row.action === "reject") : preview.rows;
  const n = (value: number) => formatNumber(value, locale);

  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="muted small">{t("import.totalRows", { count: n(preview.total) })}</p>
      <ImportCounts
        tense="preview"
        counts={{
          create: preview.imported,
          update: preview.updated,
          unchanged: preview.unchanged,
          reject: preview.rejected,
        }}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={onlyRejected}
          onChange={(event) => setOnlyRejected(event.target.checked)}
          data-testid="import-only-rejected"
        />
        <span>{t("import.onlyRejected")}</span>
      </label>
      {preview.rows.length < preview.total ? (
        <p className="muted small">
          {t("import.rowsTruncated", { shown: n(preview.rows.length), total: n(preview.total) })}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">{t("import.noRejected")}</p>
      ) : (
        <div className="table-wrap table-wrap--stack">
          <table className="table table--stack import-table" data-testid="import-rows">
            <caption className="visually-hidden">{t("import.previewTitle")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("import.row")}
                </th>
                <th scope="col">{t("import.action")}</th>
                <th scope="col">{t("households.head")}</th>
                <th scope="col">{t("households.code")}</th>
                <th scope="col">{t("households.phones")}</th>
                <th scope="col">{t("households.address")}</th>
                <th scope="col" className="num">
                  {t("households.memberCount")}
                </th>
                <th scope="col">{t("import.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const notes = rowNotes(row, preview.errors, t);
                return (
                  <tr
                    key={row.row}
                    className={row.action === "reject" ? "is-rejected" : undefined}
                    data-testid="import-row"
                    data-action={row.action}
                  >
                    <td data-label={t("import.row")} className="num">
                      {row.row}
                    </td>
                    <td data-label={t("import.action")}>
                      <span className={ACTION_CLASS[row.action]}>{t(`import.action.${row.action}`)}</span>
                    </td>
                    <th scope="row" data-label={t("households.head")}>
                      {row.headName || "—"}
                    </th>
                    <td data-label={t("households.code")}>{row.code ?? ""}</td>
                    <td data-label={t("households.phones")}>{row.phones.join(", ")}</td>
                    <td data-label={t("households.address")}>{row.address}</td>
                    <td data-label={t("households.memberCount")} className="num">
                      {row.memberCount ?? ""}
                    </td>
                    <td data-label={t("import.details")} data-testid="import-row-notes">
                      {notes.map((note) => (
                        <span key={note} className="import-note">
                          {note}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
