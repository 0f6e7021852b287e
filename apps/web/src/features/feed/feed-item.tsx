import type { TFeedItem } from "@binhyen/contracts";
import { useId, useState } from "react";
import { Link } from "wouter";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { errorText } from "../../lib/error-text";
import { AnnouncementBadges } from "../announcements/announcement-badges";
import { announcementCategoryLabel, isPersonNotice } from "../announcements/announcement-labels";
import { AttachmentList, PersonNoticeView } from "../announcements/person-notice-view";
import { plainText } from "../announcements/rich-text";
import { RichText } from "../announcements/rich-text-view";

const EXCERPT = 180;

interface FeedItemProps {
  item: TFeedItem;
  communeId: string;
  /** The reader's household counts (a member): reading and acknowledging are recorded. */
  memberView: boolean;
  /** Arrived while the page was open. */
  fresh: boolean;
  initiallyOpen: boolean;
  onOpen: (item: TFeedItem) => void;
  onAck: (item: TFeedItem) => Promise<void>;
}

/** One announcement in "Bảng tin": folded to its first lines until opened; urgent ones stand out. */
export function FeedItem({
  item,
  communeId,
  memberView,
  fresh,
  initiallyOpen,
  onOpen,
  onAck,
}: FeedItemProps) {
  const { t, locale } = useI18n();
  const bodyId = useId();
  const titleId = useId();
  const [open, setOpen] = useState(initiallyOpen);
  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<string | null>(null);
  const unread = memberView && item.readAt === null;
  const person = isPersonNotice(item.category) && item.notice !== null;
  const excerpt = plainText(item.body);
  const classes = [
    "card",
    "feed-item",
    item.urgent ? "is-urgent" : "",
    unread ? "is-unread" : "",
    item.pinned ? "is-pinned" : "",
    fresh ? "is-fresh" : "",
  ]
    .filter(Boolean)
    .join(" ");

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) {
      onOpen(item);
    }
  };

  const ack = async () => {
    setAcking(true);
    setAckError(null);
    try {
      await onAck(item);
    } catch (error) {
      setAckError(errorText(error, t, locale));
    } finally {
      setAcking(false);
    }
  };

  return (
    <article
      className={classes}
      aria-labelledby={titleId}
      data-testid="feed-item"
      data-announcement-id={item.id}
      data-unread={unread ? "true" : "false"}
    >
      <header className="feed-item__head">
        <p className="badges">
          {fresh ? <span className="badge badge--info">{t("feed.new")}</span> : null}
          {unread ? <span className="feed-item__dot">{t("feed.unread")}</span> : null}
          <AnnouncementBadges item={item} />
          <span className="badge badge--muted">{announcementCategoryLabel(item.category, t)}</span>
        </p>
        <h2 className="feed-item__title" id={titleId}>
          <button
            type="button"
            className="feed-item__toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={toggle}
            data-testid="feed-item-toggle"
          >
            {item.title}
          </button>
        </h2>
        <p className="feed-item__meta">
          <span>{t("feed.publishedAt", { time: formatDateTime(item.publishedAt) })}</span>
          {item.expiresAt ? <span>{t("feed.expiresAt", { date: formatDate(item.expiresAt) })}</span> : null}
          {item.source ? <span>{t("feed.source", { name: item.source.feedTitle })}</span> : null}
        </p>
      </header>

      <div id={bodyId} className="feed-item__body">
        {open ? (
          <>
            <RichText body={item.body} testId="feed-item-body" />
            {person && item.notice ? (
              <PersonNoticeView notice={item.notice} category={item.category} />
            ) : null}
            <AttachmentList files={item.files.filter((f) => f.id !== item.notice?.photoFileId)} />
            {item.source ? (
              <p className="small">
                <a className="link" href={item.source.url} target="_blank" rel="noopener noreferrer">
                  {t("feed.openSource")}
                </a>
              </p>
            ) : null}
          </>
        ) : (
          <>
            {person && item.notice ? (
              <PersonNoticeView notice={item.notice} category={item.category} compact />
            ) : null}
            <p className="feed-item__excerpt">
              {excerpt.length > EXCERPT ? `${excerpt.slice(0, EXCERPT).trimEnd()}…` : excerpt}
            </p>
          </>
        )}
      </div>

      <footer className="feed-item__actions">
        <button
          type="button"
          className="btn btn--ghost btn--small"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={toggle}
        >
          {open ? t("feed.collapse") : t("feed.expand")}
        </button>
        {person ? (
          <Link
            href={`/report?commune=${encodeURIComponent(communeId)}&announcementId=${encodeURIComponent(item.id)}&about=${encodeURIComponent(item.title)}`}
            className="btn btn--report btn--small"
            data-testid="feed-item-report"
          >
            {t("feed.reportToPolice")}
          </Link>
        ) : null}
        {memberView && item.requiresAck ? (
          item.ackAt ? (
            <p className="feed-item__acked" data-testid="feed-item-acked">
              {t("feed.ackedAt", { time: formatDateTime(item.ackAt) })}
            </p>
          ) : (
            <button
              type="button"
              className="btn btn--primary btn--small"
              disabled={acking}
              onClick={() => void ack()}
              data-testid="feed-item-ack"
            >
              {acking ? t("feed.acking") : t("feed.ack")}
            </button>
          )
        ) : null}
      </footer>
      {ackError ? (
        <p className="field__error" role="alert">
          {ackError}
        </p>
      ) : null}
    </article>
  );
}
