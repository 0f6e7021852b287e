import { useState } from "react";
import { Link, useSearch } from "wouter";
import { PageError } from "../components/page-error";
import { FlashToast, Loading } from "../components/status";
import { AnnouncementActions } from "../features/announcements/announcement-actions";
import { AnnouncementBadges } from "../features/announcements/announcement-badges";
import {
  announcementCategoryLabel,
  announcementStatusClass,
  announcementStatusLabel,
} from "../features/announcements/announcement-labels";
import { capUrl, getAnnouncement, getAnnouncementStats } from "../features/announcements/announcements-api";
import { DeliveryStats } from "../features/announcements/delivery-stats";
import { AttachmentList, PersonNoticeView } from "../features/announcements/person-notice-view";
import { RecipientList } from "../features/announcements/recipient-list";
import { RichText } from "../features/announcements/rich-text-view";
import { formatDateTime } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/vi";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

const SAVED_MESSAGES: Record<string, MessageKey> = {
  published: "announcement.savedPublished",
  scheduled: "announcement.savedScheduled",
  pending_approval: "announcement.savedPending",
  draft: "announcement.savedDraft",
  sent: "announcement.savedSent",
  updated: "announcement.savedUpdated",
};

/** One announcement as officers see it: the text, what they may do, and how far it has reached. */
export function AnnouncementRoute({ announcementId }: { announcementId: string }) {
  const { t } = useI18n();
  const search = useSearch();
  const saved = new URLSearchParams(search).get("saved") ?? "";
  const [version, setVersion] = useState(0);
  const detail = useQuery(`announcement:${announcementId}`, (signal) =>
    getAnnouncement(announcementId, signal),
  );
  const reached = detail.data
    ? detail.data.status === "published" || detail.data.status === "withdrawn"
    : false;
  const stats = useQuery(reached ? `announcement-stats:${announcementId}` : null, (signal) =>
    getAnnouncementStats(announcementId, signal),
  );
  const flash = useFlash();
  const [savedShown, setSavedShown] = useState(true);
  useDocumentTitle(detail.data?.title ?? t("announcements.title"), t("app.name"));

  if (detail.status === "error" && !detail.data) {
    return <PageError error={detail.error} onRetry={detail.reload} />;
  }
  if (!detail.data) {
    return <Loading />;
  }
  const data = detail.data;
  const savedKey = SAVED_MESSAGES[saved];
  const photoId = data.notice?.photoFileId;

  return (
    <section className="announcement-page" data-testid="announcement-page" data-announcement-id={data.id}>
      <p className="breadcrumb">
        <Link
          href={`/communes/${data.communeId}/announcements`}
          className="link"
          data-testid="announcement-back"
        >
          ← {t("announcement.back")}
        </Link>
      </p>
      {savedKey && savedShown ? (
        <div className="notice notice--success" role="status" data-testid="announcement-saved">
          <p>{t(savedKey)}</p>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setSavedShown(false)}>
            {t("common.close")}
          </button>
        </div>
      ) : null}
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{data.title}</h1>
          <p className="page-header__subtitle badges">
            <span className={announcementStatusClass(data.status)} data-testid="announcement-status">
              {announcementStatusLabel(data.status, t)}
            </span>
            <span className="badge badge--muted">{announcementCategoryLabel(data.category, t)}</span>
            <AnnouncementBadges item={data} />
          </p>
        </div>
        {data.status === "published" ? (
          <div className="page-header__actions">
            <a className="btn btn--secondary" href={capUrl(data.id)} download data-testid="cap-link">
              {t("announcement.capDownload")}
            </a>
          </div>
        ) : null}
      </header>

      <div className="case-layout">
        <div className="case-layout__main">
          <article className={data.urgent ? "card feed-item is-urgent" : "card feed-item"}>
            {data.rejectReason ? (
              <p className="notice notice--error" data-testid="reject-reason">
                {data.status === "withdrawn"
                  ? t("announcement.withdrawnBecause", { reason: data.rejectReason })
                  : t("announcement.rejectedBecause", { reason: data.rejectReason })}
              </p>
            ) : null}
            <RichText body={data.body} testId="announcement-body" />
            {data.notice ? <PersonNoticeView notice={data.notice} category={data.category} /> : null}
            <AttachmentList files={data.files.filter((f) => f.id !== photoId)} />
          </article>
          {stats.data ? <DeliveryStats stats={stats.data} requiresAck={data.requiresAck} /> : null}
          {reached ? (
            <RecipientList
              announcementId={data.id}
              requiresAck={data.requiresAck}
              urgent={data.urgent}
              version={version}
            />
          ) : null}
        </div>
        <div className="case-layout__side">
          <AnnouncementActions
            detail={data}
            onDone={(done) => {
              flash.show(t(`announcement.done.${done}`));
              setSavedShown(false);
              detail.reload();
              stats.reload();
              setVersion((v) => v + 1);
            }}
          />
          <section className="card" data-testid="announcement-facts">
            <dl className="details details--single">
              <div>
                <dt>{t("announcement.audience")}</dt>
                <dd>{data.groups.map((g) => g.name).join(", ") || "—"}</dd>
              </div>
              <div>
                <dt>{t("announcement.author")}</dt>
                <dd>{data.author.name}</dd>
              </div>
              <div>
                <dt>{t("announcement.createdAt")}</dt>
                <dd>{formatDateTime(data.createdAt)}</dd>
              </div>
              {data.publishAt && !data.publishedAt ? (
                <div>
                  <dt>{t("announcement.publishAt")}</dt>
                  <dd>{formatDateTime(data.publishAt)}</dd>
                </div>
              ) : null}
              {data.publishedAt ? (
                <div>
                  <dt>{t("announcement.publishedAt")}</dt>
                  <dd>{formatDateTime(data.publishedAt)}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t("announcement.expiresAt")}</dt>
                <dd>{data.expiresAt ? formatDateTime(data.expiresAt) : t("announcement.noExpiry")}</dd>
              </div>
              {data.source ? (
                <div>
                  <dt>{t("announcement.source")}</dt>
                  <dd>
                    <a className="link" href={data.source.url} target="_blank" rel="noopener noreferrer">
                      {data.source.feedTitle}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        </div>
      </div>
      <FlashToast flash={flash} />
    </section>
  );
}
