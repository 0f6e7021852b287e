import type { TZaloStatus } from "@binhyen/contracts";
import { BarChart } from "../../components/bar-chart";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { packageCeiling, packageLabel } from "./zalo-format";

type Assets = TZaloStatus["oa"]["assets"];

/** Group packages (GMF) by type: how many are still free to create a group, how many are used. */
export function ZaloAssetsChart({ assets, testId = "zalo-assets" }: { assets: Assets; testId?: string }) {
  const { t, locale } = useI18n();
  if (assets.length === 0) {
    return <p className="muted small">{t("zalo.assets.none")}</p>;
  }
  const n = (value: number) => formatNumber(value, locale);
  const rows = [...assets]
    .sort((a, b) => (packageCeiling(a.productType) ?? 0) - (packageCeiling(b.productType) ?? 0))
    .map((a) => ({
      key: a.productType,
      label: packageLabel(a.productType, t),
      value: a.available,
      valueText: t("zalo.assets.row", { available: n(a.available), used: n(a.used) }),
    }));
  return (
    <BarChart
      title={t("zalo.assets.title")}
      description={t("zalo.assets.description")}
      testId={testId}
      rows={rows}
      max={Math.max(1, ...assets.map((a) => a.available + a.used))}
    />
  );
}
