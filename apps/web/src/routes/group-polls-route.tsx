import type { TPollStatus } from "@binhyen/contracts";
import { useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { listPolls } from "../features/consultation/consultation-api";
import { PollCard } from "../features/consultation/poll-card";
import { PollForm } from "../features/consultation/poll-form";
import { getGroup } from "../features/group/group-api";
import { GroupTabs } from "../features/group/group-tabs";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isGroupOfficer } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

const PAGE = 10;
type Filter = "" | TPollStatus;
const FILTERS: readonly Filter[] = ["", "open", "closed"];

/** "Bình chọn": the group's polls, open ones first as the server orders them; officers create one. */
export function GroupPollsRoute({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const group = useQuery(`group:${groupId}`, (signal) => getGroup(groupId, signal));
  const [filter, setFilter] = useState<Filter>("");
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const flash = useFlash();
  const offset = page * PAGE;
  const polls = useQuery(`polls:${groupId}:${filter}:${offset}`, (signal) =>
    listPolls(groupId, { ...(filter ? { status: filter } : {}), limit: PAGE, offset }, signal),
  );
  useDocumentTitle(
    group.data ? t("polls.pageTitle", { name: group.data.name }) : t("polls.title"),
    t("app.name"),
  );

  if (group.status === "error" && !group.data) {
    return <PageError error={group.error} onRetry={group.reload} />;
  }
  if (!group.data) {
    return <Loading />;
  }
  const officer = isGroupOfficer(me, group.data);
  const total = polls.data?.total ?? 0;

  return (
    <section data-testid="group-polls-page" data-group-id={groupId}>
      <p className="breadcrumb">
        <Link href={`/groups/${groupId}`} className="link">
          ← {t("posts.toGroup")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("polls.title")}</h1>
          <p className="page-header__subtitle">{group.data.name}</p>
        </div>
        {officer ? (
          <div className="page-header__actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setCreating(true)}
              data-testid="poll-create"
            >
              {t("polls.create")}
            </button>
          </div>
        ) : null}
      </header>
      <GroupTabs groupId={groupId} officer={officer} current="polls" />

      <fieldset className="fieldset fieldset--chips polls-filter">
        <legend className="visually-hidden">{t("polls.filter")}</legend>
        <div className="chips chips--filter">
          {FILTERS.map((value) => (
            <button
              key={value || "all"}
              type="button"
              className={filter === value ? "chip chip--toggle is-active" : "chip chip--toggle"}
              aria-pressed={filter === value}
              onClick={() => {
                setFilter(value);
                setPage(0);
              }}
              data-testid={`polls-filter-${value || "all"}`}
            >
              {t(`polls.filter.${value || "all"}`)}
            </button>
          ))}
        </div>
      </fieldset>

      {polls.status === "error" && !polls.data ? (
        <ErrorNotice error={polls.error} onRetry={polls.reload} />
      ) : !polls.data ? (
        <Loading />
      ) : polls.data.items.length === 0 ? (
        <EmptyState>{officer ? t("polls.emptyOfficer") : t("polls.empty")}</EmptyState>
      ) : (
        <ol className="post-list" data-testid="poll-list">
          {polls.data.items.map((summary) => (
            <li key={summary.id}>
              <PollCard summary={summary} onChanged={polls.reload} />
            </li>
          ))}
        </ol>
      )}
      {total > PAGE ? (
        <nav className="pager" aria-label={t("polls.pagination")}>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={page === 0}
            onClick={() => setPage((p) => p - 1)}
          >
            {t("members.prev")}
          </button>
          <span className="pager__status">
            {t("polls.range", {
              from: formatNumber(offset + 1, locale),
              to: formatNumber(Math.min(offset + PAGE, total), locale),
              total: formatNumber(total, locale),
            })}
          </span>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={offset + PAGE >= total}
            onClick={() => setPage((p) => p + 1)}
          >
            {t("members.next")}
          </button>
        </nav>
      ) : null}

      {creating ? (
        <PollForm
          groupId={groupId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            flash.show(t("polls.created"));
            setFilter("");
            setPage(0);
            polls.reload();
          }}
        />
      ) : null}
      <FlashToast flash={flash} />
    </section>
  );
}
