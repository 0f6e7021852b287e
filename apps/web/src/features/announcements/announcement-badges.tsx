import { useI18n } from "../../i18n/i18n-context";

interface BadgeFlags {
  pinned: boolean;
  urgent: boolean;
  requiresAck?: boolean;
  expired?: boolean;
  source: { feedTitle: string; url: string } | null;
}

/** Pinned, urgent, needs acknowledgement, expired and "Nguồn chính thức" (relayed from an official feed). */
export function AnnouncementBadges({ item }: { item: BadgeFlags }) {
  const { t } = useI18n();
  return (
    <>
      {item.urgent ? (
        <span className="badge badge--danger" data-testid="badge-urgent">
          {t("announcement.urgent")}
        </span>
      ) : null}
      {item.pinned ? (
        <span className="badge badge--info" data-testid="badge-pinned">
          {t("announcement.pinned")}
        </span>
      ) : null}
      {item.requiresAck ? (
        <span className="badge badge--warning">{t("announcement.requiresAck")}</span>
      ) : null}
      {item.expired ? <span className="badge badge--muted">{t("announcement.expired")}</span> : null}
      {item.source ? (
        <span className="badge badge--success" title={item.source.feedTitle} data-testid="badge-source">
          {t("announcement.officialSource")}
        </span>
      ) : null}
    </>
  );
}
