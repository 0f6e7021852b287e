import type { TRevealedIdentity } from "@binhyen/contracts";
import { type FormEvent, type ReactNode, useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { OfficerPicker } from "../officers/officer-picker";
import { type CaseDetail, grantIdentity, revealIdentity } from "./cases-api";

interface ReporterCardProps {
  detail: CaseDetail;
  /** The commune chief may let other officers see this report's reporter (req. 11). */
  grantCommuneId: string | null;
  onGranted: (message: string) => void;
  /** After a reveal: the case's log now has one more entry. */
  onRevealed: () => void;
}

/**
 * "Người báo tin: [ẩn]" until someone allowed asks, confirms, and the server logs the look. What
 * it answers lives in this component's state only: leaving the page forgets it, nothing stores it.
 */
export function ReporterCard({ detail, grantCommuneId, onGranted, onRevealed }: ReporterCardProps) {
  const { t } = useI18n();
  const [identity, setIdentity] = useState<TRevealedIdentity | null>(null);
  const reveal = useSubmit();

  let body: ReactNode;
  if (detail.reporter.anonymous) {
    body = (
      <>
        <p className="reporter__value" data-testid="reporter-anonymous">
          {t("case.reporterAnonymous")}
        </p>
        <p className="muted small">{t("case.anonymousHint")}</p>
      </>
    );
  } else if (identity) {
    body = (
      <>
        <dl className="details reporter__identity" data-testid="reporter-identity">
          <div>
            <dt>{t("case.identityName")}</dt>
            <dd>{identity.name}</dd>
          </div>
          <div>
            <dt>{t("case.identityPhone")}</dt>
            <dd>
              <a className="link" href={`tel:${identity.phone}`} data-testid="reporter-phone">
                {identity.phone}
              </a>
            </dd>
          </div>
          {identity.address ? (
            <div>
              <dt>{t("case.identityAddress")}</dt>
              <dd>{identity.address}</dd>
            </div>
          ) : null}
        </dl>
        <p className="muted small">{t("case.revealedNote")}</p>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setIdentity(null)}>
          {t("case.hideIdentity")}
        </button>
      </>
    );
  } else {
    body = (
      <>
        <p className="reporter__value" data-testid="reporter-hidden">
          {t("case.reporterHidden")}
        </p>
        {detail.reporter.canReveal ? (
          <ConfirmButton
            label={t("case.reveal")}
            question={t("case.revealQuestion")}
            variant="secondary"
            onConfirm={async () => {
              const result = await reveal.run(() => revealIdentity(detail.id));
              if (result.ok) {
                setIdentity(result.value);
                onRevealed();
              }
            }}
            testId="reveal-identity"
          />
        ) : (
          <p className="muted small">{t("case.noRevealRight")}</p>
        )}
        {reveal.error ? <ErrorNotice error={reveal.error} /> : null}
      </>
    );
  }

  return (
    <section className="card reporter" data-testid="reporter-card">
      <h2 className="card__title">{t("case.reporter")}</h2>
      {body}
      {grantCommuneId && !detail.reporter.anonymous ? (
        <GrantForm caseId={detail.id} communeId={grantCommuneId} onGranted={onGranted} />
      ) : null}
    </section>
  );
}

function GrantForm({
  caseId,
  communeId,
  onGranted,
}: {
  caseId: string;
  communeId: string;
  onGranted: (message: string) => void;
}) {
  const { t } = useI18n();
  const [userId, setUserId] = useState("");
  const [officerName, setOfficerName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!userId) {
      setError(t("case.grantChoose"));
      return;
    }
    setError(null);
    const result = await submit.run(() => grantIdentity(caseId, userId));
    if (result.ok) {
      onGranted(t("case.granted", { name: officerName }));
      setUserId("");
    }
  };

  return (
    <details className="reporter__grant" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary data-testid="grant-toggle">{t("case.grantTitle")}</summary>
      {/* The officers are fetched only once the chief opens this. */}
      {open ? (
        <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="grant-form">
          <p className="muted small">{t("case.grantHint")}</p>
          <OfficerPicker
            communeId={communeId}
            label={t("case.grantOfficer")}
            value={userId}
            onChange={(id, officer) => {
              setUserId(id);
              setOfficerName(officer?.name ?? "");
              setError(null);
            }}
            error={error}
          />
          {submit.error ? <ErrorNotice error={submit.error} /> : null}
          <div className="form-actions">
            <button type="submit" className="btn btn--secondary btn--small" disabled={submit.busy}>
              {submit.busy ? t("common.saving") : t("case.grantSubmit")}
            </button>
          </div>
        </form>
      ) : null}
    </details>
  );
}
