import type { TReviewIndicatorDefinition, TReviewIndicatorValue } from "@binhyen/contracts";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/vi";
import { DrillValue } from "./indicator-card";
import type { PlaceRow } from "./review-charts";
import { figureText, findValue } from "./review-format";
import { indicatorLabel } from "./review-labels";

/** The columns of the per-hamlet (per-commune) table, when the server computes them. */
const COLUMNS: readonly { code: string; header: MessageKey }[] = [
  { code: "HAMLETS_WITH_GROUP", header: "review.col.withGroup" },
  { code: "GROUPS", header: "review.col.groups" },
  { code: "MEMBERS", header: "review.col.members" },
  { code: "HOUSEHOLDS_COVERED", header: "review.col.households" },
  { code: "COVERAGE_PERCENT", header: "review.col.coverage" },
  { code: "ANNOUNCEMENTS_TOTAL", header: "review.col.announcements" },
  { code: "REPORTS_RECEIVED", header: "review.col.reports" },
  { code: "REPORTS_VALUABLE", header: "review.col.valuable" },
  { code: "REPORTS_OVERDUE", header: "review.col.overdue" },
];

interface PlacesTableProps<R extends PlaceRow> {
  rows: readonly R[];
  total: { name: string; indicators: readonly TReviewIndicatorValue[] };
  definitions: readonly TReviewIndicatorDefinition[];
  placeHeader: string;
  caption: string;
  testId: string;
  rowTestId: string;
  /** The place's name cell (a link to its page); the plain name by default. */
  renderName?: (row: R) => ReactNode;
  /** "Có nhóm"/"Chưa" rather than 1/1 for a single hamlet. */
  hamletRows?: boolean;
  onDrill?: (definition: TReviewIndicatorDefinition, row: R | null) => void;
}

/**
 * Places side by side — the hamlets of a commune or the communes of a province — with the total
 * under them. Report figures open their list when `onDrill` is given. On a phone each row becomes a
 * card whose cells name their column.
 */
export function PlacesTable<R extends PlaceRow>({
  rows,
  total,
  definitions,
  placeHeader,
  caption,
  testId,
  rowTestId,
  renderName,
  hamletRows = false,
  onDrill,
}: PlacesTableProps<R>) {
  const { t, locale } = useI18n();
  const columns = COLUMNS.flatMap((column) => {
    const definition = definitions.find((d) => d.code === column.code);
    return definition ? [{ ...column, definition }] : [];
  });

  const cell = (
    column: (typeof columns)[number],
    indicators: readonly TReviewIndicatorValue[],
    row: R | null,
  ) => {
    const { definition } = column;
    if (row?.unassigned && definition.section === "COVERAGE") {
      return "—";
    }
    const value = findValue(indicators, definition.code);
    if (hamletRows && row && definition.code === "HAMLETS_WITH_GROUP") {
      const denominator = value?.current.denominator;
      return denominator ? (value?.current.value ? t("review.hasGroup") : t("review.noGroup")) : "—";
    }
    const text = figureText(value?.current, definition.unit, locale, t);
    return (
      <DrillValue
        text={text}
        count={definition.drilldown ? (value?.current.value ?? null) : null}
        onDrill={onDrill && definition.drilldown ? () => onDrill(definition, row) : undefined}
        label={indicatorLabel(definition, locale, t)}
        testId={`${rowTestId}-${definition.code}`}
      />
    );
  };

  return (
    <div className="table-wrap table-wrap--stack">
      <table className="table table--stack" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{placeHeader}</th>
            {columns.map((column) => (
              <th key={column.code} scope="col" className="num">
                {t(column.header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={rowTestId} data-key={row.key}>
              <th scope="row">{renderName ? renderName(row) : row.name}</th>
              {columns.map((column) => (
                <td key={column.code} className="num" data-label={t(column.header)}>
                  {cell(column, row.indicators, row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {rows.length > 1 ? (
          <tfoot>
            <tr data-testid={`${rowTestId}-total`}>
              <th scope="row">{total.name}</th>
              {columns.map((column) => (
                <td key={column.code} className="num" data-label={t(column.header)}>
                  {cell(column, total.indicators, null)}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
