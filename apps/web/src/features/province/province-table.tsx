import type { TProvinceSummary } from "@binhyen/contracts";
import { Link } from "wouter";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

type CommuneRow = TProvinceSummary["communes"][number];

export function ProvinceTable({ communes }: { communes: readonly CommuneRow[] }) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const total = communes.reduce(
    (sum, c) => ({
      hamlets: sum.hamlets + c.hamlets,
      groups: sum.groups + c.groups,
      groupsWithLeader: sum.groupsWithLeader + c.groupsWithLeader,
      members: sum.members + c.members,
    }),
    { hamlets: 0, groups: 0, groupsWithLeader: 0, members: 0 },
  );
  return (
    <div className="table-wrap">
      <table className="table" data-testid="province-table">
        <caption className="visually-hidden">{t("province.tableTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("province.commune")}</th>
            <th scope="col" className="num">
              {t("province.hamlets")}
            </th>
            <th scope="col" className="num">
              {t("province.groups")}
            </th>
            <th scope="col" className="num">
              {t("province.withLeader")}
            </th>
            <th scope="col" className="num">
              {t("province.members")}
            </th>
          </tr>
        </thead>
        <tbody>
          {communes.map((c) => (
            <tr key={c.communeId} data-testid="commune-row">
              <th scope="row">
                <Link
                  href={`/communes/${c.communeId}/coverage`}
                  className="link"
                  data-testid="commune-coverage-link"
                >
                  {c.name}
                </Link>
              </th>
              <td className="num">{n(c.hamlets)}</td>
              <td className="num">{n(c.groups)}</td>
              <td className="num">
                {n(c.groupsWithLeader)}
                {c.groupsWithLeader < c.groups ? <span className="badge badge--warning">!</span> : null}
              </td>
              <td className="num">{n(c.members)}</td>
            </tr>
          ))}
        </tbody>
        {communes.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">{t("province.total")}</th>
              <td className="num">{n(total.hamlets)}</td>
              <td className="num">{n(total.groups)}</td>
              <td className="num">{n(total.groupsWithLeader)}</td>
              <td className="num">{n(total.members)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
