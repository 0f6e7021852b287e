import { formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

/** The headers of the columns every coverage table has: households, covered, percentage. */
export function CoverageHeaders() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col" className="num">
        {t("coverage.households")}
      </th>
      <th scope="col" className="num">
        {t("coverage.covered")}
      </th>
      <th scope="col" className="num">
        {t("coverage.percent")}
      </th>
    </>
  );
}

interface CoverageCellsProps {
  households: number;
  covered: number;
  percent: number;
  percentTestId?: string;
}

/** One row's households, covered and percentage, under CoverageHeaders. */
export function CoverageCells({ households, covered, percent, percentTestId }: CoverageCellsProps) {
  const { locale } = useI18n();
  return (
    <>
      <td className="num">{formatNumber(households, locale)}</td>
      <td className="num">{formatNumber(covered, locale)}</td>
      <td className="num" data-testid={percentTestId}>
        {formatPercent(percent, locale)}
      </td>
    </>
  );
}
