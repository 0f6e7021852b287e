import type { TZaloAsset } from "@binhyen/contracts";
import { Link } from "wouter";
import { EmptyState, ErrorNotice, Loading } from "../../components/status";
import { formatDate, formatNumber } from "../../i18n/format";
import { type Translate, useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { getZaloInventory } from "./zalo-api";
import { groupStatusBadge, groupStatusLabel, packageLabel } from "./zalo-format";

function assetStatusLabel(status: string, t: Translate): string {
  if (status === "available") {
    return t("zalo.assetStatus.available");
  }
  return status === "used" ? t("zalo.assetStatus.used") : status;
}

/**
 * The OA's groups and group packages, read live from Zalo when the page opens: which hamlet group
 * each Zalo group serves, and which packages are still free.
 */
export function ZaloInventory({ communeId, connected }: { communeId: string; connected: boolean }) {
  const { t, locale } = useI18n();
  const inventory = useQuery(connected ? `zalo-inventory:${communeId}` : null, (signal) =>
    getZaloInventory(communeId, signal),
  );
  const n = (value: number) => formatNumber(value, locale);
  const groupName = (asset: TZaloAsset) =>
    asset.usedBy
      ? (inventory.data?.groups.find((g) => g.zaloGroupId === asset.usedBy)?.name ?? asset.usedBy)
      : "—";

  return (
    <section className="card" aria-labelledby="zalo-inventory-title" data-testid="zalo-inventory">
      <h2 className="card__title" id="zalo-inventory-title">
        {t("zalo.inventory.title")}
      </h2>
      {!connected ? (
        <p className="muted">{t("zalo.inventory.notConnected")}</p>
      ) : inventory.status === "error" && !inventory.data ? (
        <>
          <p>{t("zalo.inventory.failed")}</p>
          <ErrorNotice error={inventory.error} onRetry={inventory.reload} />
        </>
      ) : !inventory.data ? (
        <Loading label={t("zalo.inventory.loading")} />
      ) : (
        <>
          {inventory.data.groups.length === 0 ? (
            <EmptyState>{t("zalo.inventory.noGroups")}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="zalo-inventory-groups">
                <caption className="visually-hidden">{t("zalo.inventory.groupsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("zalo.inventory.group")}</th>
                    <th scope="col">{t("zalo.inventory.status")}</th>
                    <th scope="col" className="num">
                      {t("zalo.inventory.members")}
                    </th>
                    <th scope="col">{t("zalo.inventory.hamletGroup")}</th>
                  </tr>
                </thead>
                <tbody>
                  {inventory.data.groups.map((g) => (
                    <tr
                      key={g.zaloGroupId}
                      data-testid="zalo-inventory-group"
                      data-zalo-group-id={g.zaloGroupId}
                    >
                      <th scope="row">
                        {g.name}
                        <span className="table__sub">{g.zaloGroupId}</span>
                      </th>
                      <td>
                        <span className={groupStatusBadge(g.status)}>{groupStatusLabel(g.status, t)}</span>
                      </td>
                      <td className="num">
                        {g.maxMember === null ? n(g.totalMember) : `${n(g.totalMember)}/${n(g.maxMember)}`}
                      </td>
                      <td>
                        {g.linkedGroupId ? (
                          <Link href={`/groups/${g.linkedGroupId}/zalo`} className="link">
                            {g.linkedGroupName ?? g.linkedGroupId}
                          </Link>
                        ) : (
                          <span className="muted">{t("zalo.inventory.notLinked")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h3 className="section-label">{t("zalo.inventory.assets")}</h3>
          {inventory.data.assets.length === 0 ? (
            <p className="muted small">{t("zalo.assets.none")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="zalo-inventory-assets">
                <caption className="visually-hidden">{t("zalo.inventory.assetsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("zalo.inventory.assetType")}</th>
                    <th scope="col">{t("zalo.inventory.status")}</th>
                    <th scope="col">{t("zalo.inventory.validThrough")}</th>
                    <th scope="col">{t("zalo.inventory.usedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {inventory.data.assets.map((a) => (
                    <tr key={a.assetId} data-testid="zalo-inventory-asset">
                      <th scope="row">
                        {packageLabel(a.productType, t)}
                        <span className="table__sub">{a.assetId}</span>
                      </th>
                      <td>
                        <span
                          className={a.status === "available" ? "badge badge--success" : "badge badge--muted"}
                        >
                          {assetStatusLabel(a.status, t)}
                        </span>
                      </td>
                      <td>{a.validThrough ? formatDate(a.validThrough) : "—"}</td>
                      <td>{groupName(a)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={inventory.status === "loading"}
              onClick={inventory.reload}
            >
              {t("zalo.inventory.reload")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
