import { MEMBER_KINDS, type TJoinRequestItem, type TMemberKind } from "@binhyen/contracts";
import { useId, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { HouseholdPicker } from "../households/household-picker";
import { decideJoinRequest } from "./outreach-api";

interface JoinRequestCardProps {
  request: TJoinRequestItem;
  hamletId: string;
  onDecided: (message: string) => void;
}

/** One request: who asked, which household they represent (suggested or searched), approve or reject. */
export function JoinRequestCard({ request, hamletId, onDecided }: JoinRequestCardProps) {
  const { t } = useI18n();
  const radioName = useId();
  const first = request.suggestions[0];
  // "none" = represents no household; "other" = picked with the search below.
  const [choice, setChoice] = useState<string>(first ? first.householdId : "none");
  const [other, setOther] = useState<string | null>(null);
  const [kind, setKind] = useState<TMemberKind>("HOUSEHOLD_REP");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const householdId = choice === "none" ? null : choice === "other" ? other : choice;

  const approve = async () => {
    const result = await submit.run(() =>
      decideJoinRequest(request.id, { action: "approve", householdId, kind }),
    );
    if (result.ok) {
      onDecided(t("joinRequests.approved", { name: request.name }));
    }
  };

  const reject = async () => {
    const result = await submit.run(() =>
      decideJoinRequest(request.id, {
        action: "reject",
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    );
    if (result.ok) {
      onDecided(t("joinRequests.rejected", { name: request.name }));
    }
  };

  return (
    <li className="card request" data-testid="join-request">
      <div className="request__who">
        <p className="request__name">
          {request.name}{" "}
          {request.source === "zalo" ? (
            <span className="badge badge--info" data-testid="join-request-zalo">
              {t("joinRequests.viaZalo")}
            </span>
          ) : null}
        </p>
        <p className="muted small">{[request.phone, request.address].filter(Boolean).join(" · ")}</p>
        <p className="muted small">
          {t("joinRequests.received", { time: formatDateTime(request.createdAt) })}
        </p>
        {request.note ? (
          <p className="request__note">{t("joinRequests.note", { note: request.note })}</p>
        ) : null}
      </div>
      <fieldset className="fieldset">
        <legend className="field__label">{t("joinRequests.household")}</legend>
        {request.suggestions.map((suggestion) => (
          <label key={suggestion.householdId} className="radio">
            <input
              type="radio"
              name={radioName}
              checked={choice === suggestion.householdId}
              onChange={() => setChoice(suggestion.householdId)}
            />
            <span>
              {t("joinRequests.suggested", { name: suggestion.headName })}
              {suggestion.address ? <span className="checkbox__hint">{suggestion.address}</span> : null}
            </span>
          </label>
        ))}
        <label className="radio">
          <input
            type="radio"
            name={radioName}
            checked={choice === "other"}
            onChange={() => setChoice("other")}
          />
          <span>{t("joinRequests.otherHousehold")}</span>
        </label>
        {choice === "other" ? (
          <HouseholdPicker
            hamletId={hamletId}
            name={`${radioName}-other`}
            value={other}
            onChange={(picked) => setOther(picked.householdId)}
          />
        ) : null}
        <label className="radio">
          <input
            type="radio"
            name={radioName}
            checked={choice === "none"}
            onChange={() => setChoice("none")}
          />
          <span>{t("joinRequests.noHousehold")}</span>
        </label>
      </fieldset>
      <Field label={t("joinRequests.kind")}>
        {({ id }) => (
          <select
            id={id}
            className="input"
            value={kind}
            onChange={(event) => setKind(event.target.value as TMemberKind)}
          >
            {MEMBER_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`memberKind.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      {rejecting ? (
        <div className="request__reject">
          <Field label={t("joinRequests.rejectReason")}>
            {({ id }) => (
              <textarea
                id={id}
                className="input textarea textarea--short"
                rows={2}
                maxLength={300}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn--danger"
              disabled={submit.busy}
              onClick={() => void reject()}
              data-testid="join-request-reject-confirm"
            >
              {t("joinRequests.rejectSubmit")}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setRejecting(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={submit.busy || (choice === "other" && !other)}
            onClick={() => void approve()}
            data-testid="join-request-approve"
          >
            {t("joinRequests.approve")}
          </button>
          <button
            type="button"
            className="btn btn--danger-outline"
            onClick={() => setRejecting(true)}
            data-testid="join-request-reject"
          >
            {t("joinRequests.reject")}
          </button>
        </div>
      )}
    </li>
  );
}
