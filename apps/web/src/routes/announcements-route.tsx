import type { TAnnouncementSummary } from "@binhyen/contracts";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { Field } from "../components/field";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { AnnouncementBadges } from "../features/announcements/announcement-badges";
import {
  announcementCategoryLabel,
  announcementStatusClass,
  announcementStatusLabel,
  CATEGORY_LIST,
  isAnnouncementCategory,
  isAnnouncementStatus,
  STATUS_LIST,
} from "../features/announcements/announcement-labels";
import { AnnouncementSettings } from "../features/announcements/announcement-settings";
import {
  getAnnouncementSettings,
  listAnnouncements,
  runAnnouncementAction,
} from "../features/announcements/announcements-api";
import { formatDateTime, formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isCommuneChief } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDebounced } from "../lib/use-debounced";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/** Filters live in the address, so coming back from an announcement finds the list as it was. */
function readFilters(search: string) {
  const params = new URLSearchParams(search);
  const status = params.get("status") ?? "";
  const category = params.get("category") ?? "";
  return {
    status: isAnnouncementStatus(status) ? status : ("" as const),
    category: isAnnouncementCategory(category) ? category : "",
    q: params.get("q") ?? "",
  };
}

/** The moment that describes the row best: when it went out, when it will, or when it was written. */
function rowTime(item: TAnnouncementSummary, t: ReturnType<typeof useI18n>["t"]): string {
  if (item.publishedAt) {
    return t("announcements.publishedAt", { time: formatDateTime(item.publishedAt) });
  }
  if (item.status === "scheduled" && item.publishAt) {
    return t("announcements.scheduledAt", { time: formatDateTime(item.publishAt) });
  }
  return t("announcements.createdAt", { time: formatDateTime(item.createdAt) });
}

/**
 * The commune's announcements as officers see them (a leader: their groups'): status chips,
 * category, search; relayed drafts from official feeds can go out in one click. The chief also
 * sets whether group deputies' announcements wait for the group leader's approval.
 */
export function AnnouncementsRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const filters = readFilters(search);
  const [text, setText] = useState(filters.q);
  const q = useDebounced(text.trim(), 350);
  const flash = useFlash();
  const [actionError, setActionError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState<string | null>(null);
  const chief = isCommuneChief(me, communeId);
  const list = useQuery(
    `announcements:${communeId}:${filters.status}:${filters.category}:${filters.q}`,
    (signal) => listAnnouncements(communeId, filters, signal),
  );
  const settings = useQuery(chief ? `announcement-settings:${communeId}` : null, (signal) =>
    getAnnouncementSettings(communeId, signal),
  );
  useDocumentTitle(t("announcements.title"), t("app.name"));

  const setFilters = (next: Partial<ReturnType<typeof readFilters>>) => {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) {
      if (value) {
        params.set(key, value);
      }
    }
    const query = params.toString();
    navigate(query ? `${location}?${query}` : location, { replace: true });
  };
  const setFiltersRef = useRef(setFilters);
  setFiltersRef.current = setFilters;
  // The typed search goes to the address once the typing pauses.
  useEffect(() => {
    if (q !== filters.q) {
      setFiltersRef.current({ q });
    }
  }, [q, filters.q]);

  const publishRelayed = async (item: TAnnouncementSummary) => {
    setPublishing(item.id);
    setActionError(null);
    try {
      await runAnnouncementAction(item.id, "publish");
      flash.show(t("announcements.relayedPublished", { title: item.title }));
      list.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setPublishing(null);
    }
  };

  const n = (value: number) => formatNumber(value, locale);

  return (
    <section data-testid="announcements-page">
      <p className="breadcrumb">
        <Link href={`/communes/${communeId}`} className="link">
          ← {t("announcements.toCommune")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("announcements.title")}</h1>
          <p className="page-header__subtitle">{t("announcements.subtitle")}</p>
        </div>
        <div className="page-header__actions">
          {chief ? (
            <Link
              href={`/communes/${communeId}/feeds`}
              className="btn btn--secondary"
              data-testid="feed-sources-link"
            >
              {t("announcements.feedSources")}
            </Link>
          ) : null}
          <Link
            href={`/communes/${communeId}/announcements/new`}
            className="btn btn--primary"
            data-testid="compose-announcement"
          >
            {t("announcements.compose")}
          </Link>
        </div>
      </header>

      <fieldset className="fieldset fieldset--chips">
        <legend className="field__label">{t("announcements.filterStatus")}</legend>
        <div className="chips chips--filter" data-testid="announcement-status-chips">
          {(["", ...STATUS_LIST] as const).map((status) => (
            <button
              key={status || "all"}
              type="button"
              className={filters.status === status ? "chip chip--toggle is-active" : "chip chip--toggle"}
              aria-pressed={filters.status === status}
              onClick={() => setFilters({ status })}
              data-testid={`announcement-status-${status || "all"}`}
            >
              {status ? announcementStatusLabel(status, t) : t("announcements.allStatuses")}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="filters">
        <Field label={t("announcements.search")}>
          {({ id }) => (
            <input
              id={id}
              className="input"
              type="search"
              value={text}
              placeholder={t("announcements.searchPlaceholder")}
              onChange={(event) => setText(event.target.value)}
              data-testid="announcements-search"
            />
          )}
        </Field>
        <Field label={t("announcements.filterCategory")}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={filters.category}
              onChange={(event) => setFilters({ category: event.target.value })}
              data-testid="announcements-category"
            >
              <option value="">{t("announcements.allCategories")}</option>
              {CATEGORY_LIST.map((code) => (
                <option key={code} value={code}>
                  {announcementCategoryLabel(code, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {actionError ? <ErrorNotice error={actionError} /> : null}
      {list.status === "error" && !list.data ? (
        <PageError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <EmptyState>
          {filters.status || filters.category || filters.q
            ? t("announcements.noMatch")
            : t("announcements.empty")}
        </EmptyState>
      ) : (
        <>
          <p className="members__range" aria-live="polite">
            {t("announcements.count", { count: n(list.data.items.length) })}
          </p>
          <ul className="case-list" data-testid="announcement-list">
            {list.data.items.map((item) => (
              <li
                key={item.id}
                className={
                  item.urgent
                    ? "card case-item announcement-row is-urgent"
                    : "card case-item announcement-row"
                }
                data-testid="announcement-row"
                data-announcement-id={item.id}
              >
                <Link href={`/announcements/${item.id}`} className="announcement-row__link">
                  <span className="case-item__head">
                    <span className="case-item__title">{item.title}</span>
                    <span className="badges">
                      <span
                        className={announcementStatusClass(item.status)}
                        data-testid="announcement-row-status"
                      >
                        {announcementStatusLabel(item.status, t)}
                      </span>
                      <AnnouncementBadges item={item} />
                    </span>
                  </span>
                  <span className="case-item__meta">
                    <span>{announcementCategoryLabel(item.category, t)}</span>
                    <span>{groupsText(item, t)}</span>
                    <span>{rowTime(item, t)}</span>
                    <span>{t("announcements.author", { name: item.author.name })}</span>
                    {item.source ? <span>{t("feed.source", { name: item.source.feedTitle })}</span> : null}
                  </span>
                </Link>
                {item.source && item.status === "draft" ? (
                  <div className="announcement-row__actions">
                    <button
                      type="button"
                      className="btn btn--primary btn--small"
                      disabled={publishing !== null}
                      onClick={() => void publishRelayed(item)}
                      data-testid="publish-relayed"
                    >
                      {publishing === item.id ? t("composer.publishing") : t("composer.publish")}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}

      {chief && settings.data ? (
        <AnnouncementSettings
          communeId={communeId}
          settings={settings.data}
          onSaved={(next) => settings.setData(next)}
        />
      ) : null}
      <FlashToast flash={flash} />
    </section>
  );
}

function groupsText(item: TAnnouncementSummary, t: ReturnType<typeof useI18n>["t"]): string {
  if (item.groups.length === 0) {
    return t("announcements.noGroups");
  }
  const names = item.groups.slice(0, 3).map((g) => g.name);
  const rest = item.groups.length - names.length;
  return rest > 0
    ? t("announcements.groupsMore", { names: names.join(", "), count: rest })
    : names.join(", ");
}
