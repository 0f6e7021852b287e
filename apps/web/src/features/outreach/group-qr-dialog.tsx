import { CopyField } from "../../components/copy-field";
import { Modal } from "../../components/modal";
import { ErrorNotice, Loading } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { absoluteUrl, getJoinLink, posterUrl } from "./outreach-api";

/** The group's public QR code and link (the same as on the printed poster). */
export function GroupQrDialog({
  group,
  onClose,
}: {
  group: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useI18n();
  const link = useQuery(`join-link:${group.id}`, (signal) => getJoinLink(group.id, signal));
  return (
    <Modal title={t("groupQr.title")} onClose={onClose} testId="group-qr-dialog">
      <p className="form-intro">{t("groupQr.intro")}</p>
      {link.status === "error" ? (
        <ErrorNotice error={link.error} onRetry={link.reload} />
      ) : !link.data ? (
        <Loading />
      ) : (
        <div className="invite__body">
          <img
            className="qr"
            src={link.data.qrDataUrl}
            alt={t("groupQr.alt", { name: group.name })}
            width="200"
            height="200"
          />
          <div className="invite__link">
            <CopyField
              label={t("groupQr.link")}
              value={absoluteUrl(link.data.url)}
              testId="group-join-link"
            />
            <div className="form-actions">
              <a className="btn btn--secondary" href={posterUrl(group.id)} download>
                {t("outreach.poster")}
              </a>
            </div>
          </div>
        </div>
      )}
    </Modal>
  );
}
