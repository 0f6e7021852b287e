import { useLocation, useSearch } from "wouter";
import { Field } from "../components/field";
import { PageError } from "../components/page-error";
import { EmptyState, Loading } from "../components/status";
import { CaseList } from "../features/cases/case-list";
import { type CaseListItem, listCases } from "../features/cases/cases-api";
import { urgencyRank } from "../features/cases/deadline-chip";
import { categoryLabel } from "../features/reports/report-labels";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isReportCategory, REPORT_CATEGORY_LIST, TERMINAL_STATES } from "../lib/report-codes";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

const PAGE = 200;

type StateFilter = "open" | "closed" | "all";

/** Filters live in the address, so coming back from a case finds the list as it was. */
function readFilters(search: string) {
  const params = new URLSearchParams(search);
  const rawState = params.get("state");
  const state: StateFilter = rawState === "closed" || rawState === "all" ? rawState : "open";
  const rawCategory = params.get("category") ?? "";
  const category = isReportCategory(rawCategory) ? rawCategory : "";
  const pages = Math.min(50, Math.max(1, Number.parseInt(params.get("pages") ?? "1", 10) || 1));
  return { state, category, overdue: params.get("overdue") === "1", pages };
}

/** Every case up to `max`, a page at a time (the server gives at most 200 per request). */
async function loadCases(max: number, signal: AbortSignal) {
  const items: CaseListItem[] = [];
  let total = 0;
  do {
    const page = await listCases({ limit: PAGE, offset: items.length }, signal);
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0) {
      break;
    }
  } while (items.length < Math.min(total, max));
  return { total, items };
}

/**
 * Urgent first, then overdue and nearly due, then the newest. The server decides what the reader
 * may see; the filters here only narrow what it sent (for now they run on this device).
 */
function arrange(items: readonly CaseListItem[]): CaseListItem[] {
  return [...items].sort(
    (a, b) =>
      Number(b.urgent) - Number(a.urgent) ||
      urgencyRank(a.state, a.nextDeadline) - urgencyRank(b.state, b.nextDeadline) ||
      Date.parse(b.receivedAt) - Date.parse(a.receivedAt),
  );
}

export function CasesRoute() {
  const { t, locale } = useI18n();
  const me = useMe();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const filters = readFilters(search);
  const cases = useQuery(`cases:${filters.pages}`, (signal) => loadCases(filters.pages * PAGE, signal));
  useDocumentTitle(t("cases.title"), t("app.name"));

  const setFilters = (next: Partial<ReturnType<typeof readFilters>>) => {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    if (merged.state !== "open") {
      params.set("state", merged.state);
    }
    if (merged.category) {
      params.set("category", merged.category);
    }
    if (merged.overdue) {
      params.set("overdue", "1");
    }
    if (merged.pages > 1) {
      params.set("pages", String(merged.pages));
    }
    const query = params.toString();
    navigate(query ? `${location}?${query}` : location, { replace: true });
  };

  if (cases.status === "error" && !cases.data) {
    return <PageError error={cases.error} onRetry={cases.reload} />;
  }
  if (!cases.data) {
    return <Loading />;
  }
  const { total, items } = cases.data;
  const shown = arrange(
    items.filter((item) => {
      const finished = TERMINAL_STATES.includes(item.state);
      if ((filters.state === "open" && finished) || (filters.state === "closed" && !finished)) {
        return false;
      }
      if (filters.category && item.category !== filters.category) {
        return false;
      }
      return !filters.overdue || urgencyRank(item.state, item.nextDeadline) < 2;
    }),
  );
  const n = (value: number) => formatNumber(value, locale);

  return (
    <section data-testid="cases-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("cases.title")}</h1>
          <p className="page-header__subtitle">{t("cases.subtitle")}</p>
        </div>
      </header>

      {total === 0 ? (
        <EmptyState>{t("cases.empty")}</EmptyState>
      ) : (
        <>
          <div className="filters case-filters">
            <fieldset className="segmented">
              <legend className="field__label">{t("cases.filterState")}</legend>
              {(["open", "closed", "all"] as const).map((value) => (
                <label
                  key={value}
                  className={filters.state === value ? "segmented__item is-active" : "segmented__item"}
                >
                  <input
                    type="radio"
                    name="case-state"
                    value={value}
                    checked={filters.state === value}
                    onChange={() => setFilters({ state: value })}
                    data-testid={`cases-state-${value}`}
                  />
                  <span>
                    {value === "open"
                      ? t("cases.stateOpen")
                      : value === "closed"
                        ? t("cases.stateClosed")
                        : t("cases.stateAll")}
                  </span>
                </label>
              ))}
            </fieldset>
            <Field label={t("cases.filterCategory")}>
              {({ id }) => (
                <select
                  id={id}
                  className="input"
                  value={filters.category}
                  onChange={(event) => setFilters({ category: event.target.value })}
                  data-testid="cases-category"
                >
                  <option value="">{t("cases.allCategories")}</option>
                  {REPORT_CATEGORY_LIST.map((code) => (
                    <option key={code} value={code}>
                      {categoryLabel(code, t)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <label className="checkbox case-filters__overdue">
              <input
                type="checkbox"
                checked={filters.overdue}
                onChange={(event) => setFilters({ overdue: event.target.checked })}
                data-testid="cases-overdue"
              />
              <span>{t("cases.overdueOnly")}</span>
            </label>
          </div>
          <p className="members__range" aria-live="polite" data-testid="cases-range">
            {t("cases.shown", { shown: n(shown.length), total: n(total) })}
          </p>
          {shown.length === 0 ? (
            <EmptyState>{t("cases.noMatch")}</EmptyState>
          ) : (
            <CaseList items={shown} selfId={me.user.id} />
          )}
          {items.length < total ? (
            <div className="form-actions">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => setFilters({ pages: filters.pages + 1 })}
                disabled={cases.status === "loading"}
              >
                {t("cases.more")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
