import type { TCommendationClaim, TReceiptCommendation } from "@binhyen/contracts";
import { useState } from "react";
import { OneTimeSecret } from "../../components/one-time-secret";
import { ErrorNotice } from "../../components/status";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { useSubmit } from "../../lib/use-submit";
import { claimReceiptCommendation, getReceiptCommendation, type ReceiptView } from "./reports-api";

/** States in which a report can have been judged valuable, and so commended. */
const FINISHED = ["OUTCOME_RECORDED", "CLOSED"];

/** The decision and the claim: "Bạn được khen thưởng: …", then the claim reference, shown once. */
function CommendationDecision({ code, commendation }: { code: string; commendation: TReceiptCommendation }) {
  const { t, locale } = useI18n();
  const [claim, setClaim] = useState<TCommendationClaim | null>(null);
  const submit = useSubmit();
  const claimed = commendation.claimed || claim !== null;

  const onClaim = async () => {
    const result = await submit.run(() => claimReceiptCommendation(code));
    if (result.ok) {
      setClaim(result.value);
    }
  };

  return (
    <div data-testid="receipt-commendation" data-claimed={claimed}>
      <p className="receipt-commendation__headline">
        {t("receiptCommendation.awarded", { form: commendation.form })}
        {commendation.amountVnd !== null
          ? ` (${t("commendation.amountValue", { amount: formatNumber(commendation.amountVnd, locale) })})`
          : ""}
      </p>
      <p className="muted small">
        {t("receiptCommendation.decision", {
          number: commendation.decisionNumber,
          date: formatDate(commendation.decidedAt),
        })}
      </p>
      {claim ? (
        <>
          <OneTimeSecret
            label={t("receiptCommendation.reference")}
            value={claim.claimReference}
            hint={t("receiptCommendation.referenceHint")}
            testId="receipt-claim-reference"
          />
          <p className="prose receipt-commendation__text">{claim.howToClaim}</p>
        </>
      ) : (
        <>
          <p className="prose receipt-commendation__text">{commendation.howToClaim}</p>
          {commendation.claimed ? (
            <p className="notice notice--info" data-testid="receipt-commendation-claimed">
              {commendation.claimedAt
                ? t("receiptCommendation.claimedAt", { time: formatDateTime(commendation.claimedAt) })
                : t("receiptCommendation.claimed")}
            </p>
          ) : (
            <div className="form-actions">
              <button
                type="button"
                className="btn btn--primary"
                disabled={submit.busy}
                onClick={() => void onClaim()}
                data-testid="receipt-claim"
              >
                {submit.busy ? t("receiptCommendation.claiming") : t("receiptCommendation.claim")}
              </button>
            </div>
          )}
          {submit.error ? <ErrorNotice error={submit.error} /> : null}
        </>
      )}
    </div>
  );
}

/**
 * A commendation for the reporter, who may have stayed anonymous. The look-up waits for a tap: the
 * server answers "not found" when there is none, and a reporter who opens their receipt should not
 * send one more request about themselves unasked. A server that sends it with the view is shown
 * at once.
 */
export function ReceiptCommendation({ code, view }: { code: string; view: ReceiptView }) {
  const { t } = useI18n();
  const [found, setFound] = useState<TReceiptCommendation | null>(null);
  const submit = useSubmit();

  if (view.commendation !== undefined) {
    return view.commendation ? (
      <section className="card receipt-commendation">
        <h2 className="card__title">{t("receiptCommendation.title")}</h2>
        <CommendationDecision code={code} commendation={view.commendation} />
      </section>
    ) : null;
  }
  if (!FINISHED.includes(view.state)) {
    return null;
  }

  const onCheck = async () => {
    const result = await submit.run(() => getReceiptCommendation(code));
    if (result.ok) {
      setFound(result.value);
    }
  };
  const none = isApiError(submit.error, "NOT_FOUND");

  return (
    <section className="card receipt-commendation" data-testid="receipt-commendation-card">
      <h2 className="card__title">{t("receiptCommendation.title")}</h2>
      {found ? (
        <CommendationDecision code={code} commendation={found} />
      ) : (
        <>
          <p className="muted">{t("receiptCommendation.intro")}</p>
          {none ? (
            <p className="notice notice--info" data-testid="receipt-commendation-none">
              {t("receiptCommendation.none")}
            </p>
          ) : null}
          {submit.error && !none ? <ErrorNotice error={submit.error} /> : null}
          {none ? null : (
            <div className="form-actions">
              <button
                type="button"
                className="btn btn--secondary"
                disabled={submit.busy}
                onClick={() => void onCheck()}
                data-testid="receipt-commendation-check"
              >
                {submit.busy ? t("common.loading") : t("receiptCommendation.check")}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
