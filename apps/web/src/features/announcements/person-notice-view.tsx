import type { TPersonNotice } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";
import { fileUrl } from "./announcements-api";

/** A wanted or missing person: the photo beside name, description, last seen and whom to call. */
export function PersonNoticeView({
  notice,
  category,
  compact = false,
}: {
  notice: TPersonNotice;
  category: string;
  /** Folded in the feed: a small photo, the name and where last seen. */
  compact?: boolean;
}) {
  const { t } = useI18n();
  const name = notice.personName || t("notice.unknownName");
  return (
    <div
      className={compact ? "person-notice person-notice--compact" : "person-notice"}
      data-testid="person-notice"
    >
      {notice.photoFileId ? (
        <a
          href={fileUrl(notice.photoFileId)}
          target="_blank"
          rel="noopener"
          className="person-notice__photo-link"
        >
          <img
            className="person-notice__photo"
            src={fileUrl(notice.photoFileId)}
            alt={t("notice.photoAlt", { name })}
            loading="lazy"
            data-testid="person-notice-photo"
          />
        </a>
      ) : null}
      <dl className="details details--single person-notice__facts">
        <div>
          <dt>{category === "WANTED_PERSON" ? t("notice.wantedName") : t("notice.missingName")}</dt>
          <dd data-testid="person-notice-name">{name}</dd>
        </div>
        {compact ? null : (
          <div>
            <dt>{t("notice.description")}</dt>
            <dd className="prose">{notice.description}</dd>
          </div>
        )}
        {notice.lastSeen ? (
          <div>
            <dt>{t("notice.lastSeen")}</dt>
            <dd className="prose">{notice.lastSeen}</dd>
          </div>
        ) : null}
        {notice.contact && !compact ? (
          <div>
            <dt>{t("notice.contact")}</dt>
            <dd className="prose">{notice.contact}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/** Attached files: pictures as thumbnails, other files as links with their size. */
export function AttachmentList({
  files,
}: {
  files: ReadonlyArray<{ id: string; kind: "image" | "file"; name: string; bytes: number }>;
}) {
  const { t } = useI18n();
  if (files.length === 0) {
    return null;
  }
  const images = files.filter((f) => f.kind === "image");
  const others = files.filter((f) => f.kind !== "image");
  return (
    <div className="attachments" data-testid="attachments">
      {images.length > 0 ? (
        <ul className="photos__list">
          {images.map((file) => (
            <li key={file.id} className="photos__item">
              <a href={fileUrl(file.id)} target="_blank" rel="noopener">
                <img className="photos__img" src={fileUrl(file.id)} alt={file.name} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <ul className="plain-list attachments__files">
          {others.map((file) => (
            <li key={file.id}>
              <a className="link" href={fileUrl(file.id)} target="_blank" rel="noopener" download={file.name}>
                {file.name}
              </a>{" "}
              <span className="muted small">{t("files.size", { size: formatBytes(file.bytes) })}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
