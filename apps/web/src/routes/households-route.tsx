import type { THousehold, THouseholdStatus } from "@binhyen/contracts";
import { type ReactNode, useEffect, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { Field } from "../components/field";
import { Modal } from "../components/modal";
import { PageError } from "../components/page-error";
import { coverageBand, ProgressBar } from "../components/progress-bar";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { getGroup } from "../features/group/group-api";
import { HouseholdDialog, type HouseholdDialogMode } from "../features/households/household-dialog";
import { HouseholdForm } from "../features/households/household-form";
import { HouseholdTable } from "../features/households/household-table";
import { listHouseholds } from "../features/households/households-api";
import { PhonesSetting } from "../features/households/phones-setting";
import { getHamletCoverage } from "../features/reach/coverage-api";
import { formatNumber, formatPercent } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { HOUSEHOLD_STATUS_LIST } from "../lib/household-codes";
import { sortByName } from "../lib/names";
import { canEditHouseholds, isGroupLeader } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDebounced } from "../lib/use-debounced";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

const PAGE_SIZE = 20;

type StatusFilter = THouseholdStatus | "all";
type ReachedFilter = "yes" | "no" | "all";

/** Filters live in the address, so "not reached" links from the coverage screen land filtered. */
function readFilters(search: string) {
  const params = new URLSearchParams(search);
  const rawStatus = params.get("status");
  const status: StatusFilter =
    rawStatus === "all" || HOUSEHOLD_STATUS_LIST.includes(rawStatus as THouseholdStatus)
      ? (rawStatus as StatusFilter)
      : "active";
  const rawReached = params.get("reached");
  const reached: ReachedFilter = rawReached === "yes" || rawReached === "no" ? rawReached : "all";
  const page = Math.max(0, Number.parseInt(params.get("page") ?? "0", 10) || 0);
  return { q: params.get("q") ?? "", status, reached, page };
}

type Dialog =
  | { kind: "add" }
  | { kind: "household"; household: THousehold; mode: HouseholdDialogMode }
  | null;

export function HouseholdsRoute({ hamletId }: { hamletId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const filters = readFilters(search);
  const [text, setText] = useState(filters.q);
  const q = useDebounced(text.trim(), 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const flash = useFlash();

  const coverage = useQuery(`hamlet-coverage:${hamletId}`, (signal) => getHamletCoverage(hamletId, signal));
  const groupId = coverage.data?.groupId ?? null;
  const group = useQuery(groupId ? `group:${groupId}` : null, (signal) => getGroup(groupId ?? "", signal));
  const offset = filters.page * PAGE_SIZE;
  const households = useQuery(
    `households:${hamletId}:${filters.q}:${filters.status}:${filters.reached}:${offset}`,
    (signal) =>
      listHouseholds(
        hamletId,
        {
          ...(filters.q ? { q: filters.q } : {}),
          ...(filters.status !== "all" ? { status: filters.status } : {}),
          ...(filters.reached !== "all" ? { reached: filters.reached } : {}),
          limit: PAGE_SIZE,
          offset,
        },
        signal,
      ),
  );
  useDocumentTitle(
    coverage.data ? `${t("households.title")} – ${coverage.data.name}` : t("households.title"),
    t("app.name"),
  );

  const setFilters = (next: Partial<ReturnType<typeof readFilters>>) => {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    if (merged.q) {
      params.set("q", merged.q);
    }
    if (merged.status !== "active") {
      params.set("status", merged.status);
    }
    if (merged.reached !== "all") {
      params.set("reached", merged.reached);
    }
    if (merged.page > 0) {
      params.set("page", String(merged.page));
    }
    const query = params.toString();
    navigate(query ? `${location}?${query}` : location, { replace: true });
  };

  // The typed search reaches the address once it settles (and goes back to the first page).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search text should write the address
  useEffect(() => {
    if (q !== filters.q) {
      setFilters({ q, page: 0 });
    }
  }, [q]);

  if (coverage.status === "error" && !coverage.data) {
    return <PageError error={coverage.error} onRetry={coverage.reload} />;
  }
  if (!coverage.data) {
    return <Loading />;
  }
  const hamlet = coverage.data;
  const groupData = group.data;
  const canEdit = groupData ? canEditHouseholds(me, groupData) : false;
  const isLeader = groupId ? isGroupLeader(me, groupId) : false;
  const n = (value: number) => formatNumber(value, locale);

  const afterChange = (message: string) => {
    flash.show(message);
    households.reload();
    coverage.reload();
  };

  let list: ReactNode;
  if (households.status === "error" && !households.data) {
    list = <ErrorNotice error={households.error} onRetry={households.reload} />;
  } else if (!households.data) {
    list = <Loading />;
  } else if (households.data.items.length === 0) {
    const filtered = filters.q || filters.status !== "active" || filters.reached !== "all";
    list = <EmptyState>{filtered ? t("households.noMatch") : t("households.empty")}</EmptyState>;
  } else {
    const { total, items } = households.data;
    const lastOnPage = offset + items.length;
    list = (
      <>
        <p className="members__range" aria-live="polite" data-testid="households-range">
          {t("households.range", { from: n(offset + 1), to: n(lastOnPage), total: n(total) })}
        </p>
        {items.some((h) => h.phonesHidden) ? (
          <p className="notice notice--info">{t("households.phonesHiddenNote")}</p>
        ) : null}
        <HouseholdTable
          households={sortByName(items, (h) => h.headName)}
          canEdit={canEdit}
          onInvite={(household) => setDialog({ kind: "household", household, mode: "invite" })}
          onManage={(household) => setDialog({ kind: "household", household, mode: "menu" })}
        />
        {total > PAGE_SIZE ? (
          <nav className="pager" aria-label={t("households.pagination")}>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={filters.page === 0}
              onClick={() => setFilters({ page: Math.max(0, filters.page - 1) })}
              data-testid="households-prev"
            >
              {t("households.prev")}
            </button>
            <span className="pager__status">
              {n(filters.page + 1)} / {n(Math.ceil(total / PAGE_SIZE))}
            </span>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={lastOnPage >= total}
              onClick={() => setFilters({ page: filters.page + 1 })}
              data-testid="households-next"
            >
              {t("households.next")}
            </button>
          </nav>
        ) : null}
      </>
    );
  }

  return (
    <section data-testid="households-page">
      {groupId ? (
        <p className="breadcrumb">
          <Link href={`/groups/${groupId}`} className="link">
            ← {t("households.backToGroup")}
          </Link>
        </p>
      ) : null}
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("households.title")}</h1>
          <p className="page-header__subtitle">{hamlet.name}</p>
        </div>
        {canEdit ? (
          <div className="page-header__actions">
            <Link
              href={`/hamlets/${hamletId}/import`}
              className="btn btn--secondary"
              data-testid="households-import-link"
            >
              {t("households.import")}
            </Link>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setDialog({ kind: "add" })}
              data-testid="add-household"
            >
              {t("households.add")}
            </button>
          </div>
        ) : null}
      </header>

      <section className="card coverage-mini" data-testid="households-coverage">
        <p className="coverage-mini__text">
          {t("households.coverageLine", {
            covered: n(hamlet.covered),
            total: n(hamlet.households),
            percent: formatPercent(hamlet.percent, locale),
          })}
        </p>
        <ProgressBar
          role="meter"
          percent={hamlet.percent}
          tone={coverageBand(hamlet.percent)}
          label={t("coverage.meterLabel")}
          valueText={formatPercent(hamlet.percent, locale)}
        />
      </section>

      <search className="filters" data-testid="households-filters">
        <Field label={t("households.search")}>
          {({ id }) => (
            <input
              id={id}
              className="input"
              type="search"
              placeholder={t("households.searchPlaceholder")}
              value={text}
              onChange={(event) => setText(event.target.value)}
              data-testid="households-search"
            />
          )}
        </Field>
        <Field label={t("households.filterStatus")}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={filters.status}
              onChange={(event) => setFilters({ status: event.target.value as StatusFilter, page: 0 })}
              data-testid="households-status-filter"
            >
              {HOUSEHOLD_STATUS_LIST.map((status) => (
                <option key={status} value={status}>
                  {t(`householdStatus.${status}`)}
                </option>
              ))}
              <option value="all">{t("households.allStatuses")}</option>
            </select>
          )}
        </Field>
        <Field label={t("households.filterReached")}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={filters.reached}
              onChange={(event) => setFilters({ reached: event.target.value as ReachedFilter, page: 0 })}
              data-testid="households-reached-filter"
            >
              <option value="all">{t("households.reachedAll")}</option>
              <option value="yes">{t("households.reachedYes")}</option>
              <option value="no">{t("households.reachedNo")}</option>
            </select>
          )}
        </Field>
      </search>

      {list}

      {isLeader && groupData ? (
        <PhonesSetting
          groupId={groupData.id}
          deputiesSeePhones={groupData.deputiesSeePhones}
          onSaved={(deputiesSeePhones) => group.setData({ ...groupData, deputiesSeePhones })}
        />
      ) : null}
      {!canEdit && groupData ? <p className="muted small">{t("households.readOnly")}</p> : null}

      {dialog?.kind === "add" ? (
        <Modal
          title={t("householdForm.addTitle")}
          onClose={() => setDialog(null)}
          testId="add-household-dialog"
        >
          <HouseholdForm
            hamletId={hamletId}
            onCancel={() => setDialog(null)}
            onSaved={(created) => {
              setDialog(null);
              afterChange(t("householdForm.created", { name: created.headName }));
            }}
          />
        </Modal>
      ) : null}
      {dialog?.kind === "household" ? (
        <HouseholdDialog
          hamletId={hamletId}
          household={dialog.household}
          initialMode={dialog.mode}
          onClose={() => {
            setDialog(null);
            // An invitation changes the household's contact status: show it.
            households.reload();
          }}
          onChanged={(_updated, message) => {
            setDialog(null);
            afterChange(message);
          }}
        />
      ) : null}
      <FlashToast flash={flash} />
    </section>
  );
}
