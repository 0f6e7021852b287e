import type { TCommendation } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { ConfirmButton } from "../../components/confirm-button";
import { TextField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { decideCommendation } from "./review-api";
import { commendationStatusClass, commendationStatusLabel, recipientKindLabel } from "./review-labels";

/** The chief's decision on a proposal: the number of the decision, or "not commended". */
function DecisionForm({
  commendation,
  onDecided,
}: {
  commendation: TCommendation;
  onDecided: (next: TCommendation, decided: boolean) => void;
}) {
  const { t } = useI18n();
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!number.trim()) {
      setError(t("commendation.error.decisionNumber"));
      return;
    }
    setError(null);
    const result = await submit.run(() =>
      decideCommendation(commendation.id, { decision: "decided", decisionNumber: number.trim() }),
    );
    if (result.ok) {
      onDecided(result.value, true);
    }
  };

  const reject = async () => {
    const result = await submit.run(() => decideCommendation(commendation.id, { decision: "rejected" }));
    if (result.ok) {
      onDecided(result.value, false);
    }
  };

  return (
    <form className="commendation__decide" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextField
        label={t("commendation.decisionNumber")}
        hint={t("commendation.decisionNumberHint")}
        value={number}
        onValueChange={setNumber}
        error={error ?? fieldIssue(submit.error, "decisionNumber")}
        maxLength={60}
        autoCapitalize="characters"
        data-testid="commendation-decision-number"
      />
      {submit.error && !fieldIssue(submit.error, "decisionNumber") ? (
        <ErrorNotice error={submit.error} />
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={submit.busy}
          data-testid="commendation-decide"
        >
          {submit.busy ? t("common.saving") : t("commendation.decide")}
        </button>
        <ConfirmButton
          label={t("commendation.reject")}
          question={t("commendation.rejectQuestion")}
          onConfirm={reject}
          testId="commendation-reject"
        />
      </div>
    </form>
  );
}

interface CommendationListProps {
  items: readonly TCommendation[];
  /** The commune chief decides; deputies propose and read. */
  canDecide: boolean;
  onDecided: (next: TCommendation, decided: boolean) => void;
}

/** The commendations register, newest first: who, why, in what form, and where the decision stands. */
export function CommendationList({ items, canDecide, onDecided }: CommendationListProps) {
  const { t, locale } = useI18n();
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul className="commendation-list" data-testid="commendation-list">
      {sorted.map((c) => (
        <li
          key={c.id}
          className="card commendation"
          data-testid="commendation"
          data-id={c.id}
          data-status={c.status}
        >
          <div className="commendation__head">
            <h3 className="commendation__name">{c.recipientName}</h3>
            <span className="badges">
              {/* An anonymous reporter's name already says what they are. */}
              {c.recipientKind === "anonymous_reporter" ? null : (
                <span className="badge badge--info">{recipientKindLabel(c.recipientKind, t)}</span>
              )}
              <span className={commendationStatusClass(c.status)} data-testid="commendation-status">
                {commendationStatusLabel(c.status, t)}
              </span>
            </span>
          </div>
          <p className="prose commendation__reason">{c.reason}</p>
          <dl className="details">
            <div>
              <dt>{t("commendation.formLabel")}</dt>
              <dd>
                {c.form}
                {c.amountVnd !== null
                  ? ` · ${t("commendation.amountValue", { amount: formatNumber(c.amountVnd, locale) })}`
                  : ""}
              </dd>
            </div>
            {c.reportId ? (
              <div>
                <dt>{t("commendation.report")}</dt>
                <dd>
                  <Link href={`/cases/${c.reportId}`} className="link">
                    {t("review.drill.caseId", { id: c.reportId.slice(0, 8) })}
                  </Link>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("commendation.proposedAt")}</dt>
              <dd>{formatDate(c.createdAt)}</dd>
            </div>
            {c.status === "decided" ? (
              <div>
                <dt>{t("commendation.decisionNumber")}</dt>
                <dd data-testid="commendation-decision">
                  {c.decisionNumber}
                  {c.decidedAt ? ` · ${formatDate(c.decidedAt)}` : ""}
                </dd>
              </div>
            ) : null}
            {c.status === "decided" && c.recipientKind === "anonymous_reporter" ? (
              <div>
                <dt>{t("commendation.claim")}</dt>
                <dd>
                  {c.claimedAt
                    ? t("commendation.claimedAt", { time: formatDateTime(c.claimedAt) })
                    : t("commendation.notClaimed")}
                </dd>
              </div>
            ) : null}
          </dl>
          {c.status === "proposed" && canDecide ? (
            <DecisionForm commendation={c} onDecided={onDecided} />
          ) : null}
          {c.status === "proposed" && !canDecide ? (
            <p className="muted small">{t("commendation.waitingChief")}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
