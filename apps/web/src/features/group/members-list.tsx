import { type ReactNode, useState } from "react";
import { Field } from "../../components/field";
import { EmptyState, ErrorNotice, Loading } from "../../components/status";
import { formatDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { sortByName } from "../../lib/names";
import { useDebounced } from "../../lib/use-debounced";
import { useQuery } from "../../lib/use-query";
import { listMembers } from "./group-api";

const PAGE_SIZE = 20;

/**
 * Members with a search box. The server searches on accent-free keys, so "nguyen van an" finds
 * "Nguyễn Văn An"; the page is then shown in Vietnamese name order.
 */
export function MembersList({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const q = useDebounced(search.trim(), 300);
  const offset = page * PAGE_SIZE;
  const members = useQuery(`members:${groupId}:${q}:${offset}`, (signal) =>
    listMembers(groupId, { ...(q ? { q } : {}), limit: PAGE_SIZE, offset }, signal),
  );
  const n = (value: number) => formatNumber(value, locale);

  let body: ReactNode;
  if (members.status === "error") {
    body = <ErrorNotice error={members.error} onRetry={members.reload} />;
  } else if (!members.data) {
    body = <Loading />;
  } else if (members.data.items.length === 0) {
    body = <EmptyState>{q ? t("members.noMatch", { q }) : t("members.empty")}</EmptyState>;
  } else {
    const { total, items } = members.data;
    const sorted = sortByName(items, (m) => m.name);
    const lastOnPage = offset + items.length;
    body = (
      <>
        <p className="members__range" aria-live="polite">
          {t("members.range", { from: n(offset + 1), to: n(lastOnPage), total: n(total) })}
        </p>
        <ul className="members__list" data-testid="members-list">
          {sorted.map((member) => (
            <li key={member.id} className="member" data-testid="member-row">
              <span className="member__avatar" aria-hidden="true">
                {member.name.trim().split(/\s+/).pop()?.[0]?.toUpperCase() ?? "?"}
              </span>
              <span className="member__main">
                <span className="member__name">{member.name}</span>
                <span className="member__meta">
                  {t(`memberKind.${member.kind}`)}
                  {member.phone ? ` · ${member.phone}` : ""}
                </span>
              </span>
              <span className="member__joined">
                {t("members.joined", { date: formatDate(member.joinedAt) })}
              </span>
            </li>
          ))}
        </ul>
        {total > PAGE_SIZE ? (
          <nav className="pager" aria-label={t("members.pagination")}>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={page === 0}
              onClick={() => setPage((p) => Math.max(0, p - 1))}
              data-testid="members-prev"
            >
              {t("members.prev")}
            </button>
            <span className="pager__status">
              {n(page + 1)} / {n(Math.ceil(total / PAGE_SIZE))}
            </span>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={lastOnPage >= total}
              onClick={() => setPage((p) => p + 1)}
              data-testid="members-next"
            >
              {t("members.next")}
            </button>
          </nav>
        ) : null}
      </>
    );
  }

  return (
    <section className="card members" aria-labelledby="members-title" data-testid="members-section">
      <h2 className="card__title" id="members-title">
        {t("members.title")}
      </h2>
      <search className="toolbar">
        <Field label={t("members.search")}>
          {({ id }) => (
            <input
              id={id}
              className="input"
              type="search"
              placeholder={t("members.searchPlaceholder")}
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                setPage(0);
              }}
              data-testid="members-search"
            />
          )}
        </Field>
      </search>
      {body}
    </section>
  );
}
