import { type FormEvent, useState } from "react";
import { TextAreaField } from "../../components/field";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isCaseState } from "../../lib/report-codes";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { PhotoPicker, type UploadOutcome, uploadPhotos } from "./photo-picker";
import { RatingForm } from "./rating-form";
import { ReceiptCommendation } from "./receipt-commendation";
import { categoryLabel, stateBadgeClass, stateLabel } from "./report-labels";
import { sendReporterMessage, type ReceiptView as TReceiptView } from "./reports-api";
import { Thread } from "./thread";

interface ReceiptViewProps {
  code: string;
  view: TReceiptView;
  onChange: (view: TReceiptView) => void;
  onReload: () => void;
}

/** What the reporter sees with their code: state in plain words, the conversation, replies, photos. */
export function ReceiptView({ code, view, onChange, onReload }: ReceiptViewProps) {
  const { t } = useI18n();
  const finished = view.closed || view.state === "CLOSED" || view.state === "MERGED";
  const [rated, setRated] = useState(false);

  return (
    <>
      <section className="card" data-testid="receipt-view" data-state={view.state}>
        <h1 className="public-title">{categoryLabel(view.category, t)}</h1>
        <p className="muted small">{t("follow.codeShown", { code })}</p>
        <dl className="details">
          <div>
            <dt>{t("follow.status")}</dt>
            <dd>
              <span className={stateBadgeClass(view.state)} data-testid="receipt-state">
                {stateLabel(view.state, t)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("follow.receivedAt")}</dt>
            <dd>{formatDateTime(view.receivedAt)}</dd>
          </div>
        </dl>
        {isCaseState(view.state) ? <p className="muted">{t(`caseStateHint.${view.state}`)}</p> : null}
        {view.closed ? (
          <div className="receipt-result" data-testid="receipt-result">
            <h2 className="section-label">{t("follow.result")}</h2>
            <p className="prose">{view.result ?? t("follow.noResult")}</p>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn btn--secondary btn--small" onClick={onReload}>
            {t("follow.refresh")}
          </button>
        </div>
      </section>

      <ReceiptCommendation code={code} view={view} />

      {view.canRate ? (
        <RatingForm
          code={code}
          onRated={(next) => {
            setRated(true);
            onChange(next);
          }}
        />
      ) : null}
      {rated ? (
        <div data-testid="rating-done">
          <SuccessNotice>{t("follow.rated")}</SuccessNotice>
        </div>
      ) : null}

      <section className="card">
        <h2 className="card__title">{t("follow.conversation")}</h2>
        {view.messages.length === 0 ? (
          <p className="muted" data-testid="receipt-no-messages">
            {t("follow.noMessages")}
          </p>
        ) : (
          <Thread
            ownSide="reporter"
            testId="receipt-thread"
            messages={view.messages.map((m, index) => ({
              key: `${m.createdAt}-${index}`,
              author: m.author === "officer" ? t("follow.police") : t("follow.you"),
              side: m.author,
              body: m.body,
              createdAt: m.createdAt,
            }))}
          />
        )}
        {finished ? (
          <p className="notice notice--info">{t("follow.closedNoReply")}</p>
        ) : (
          <ReplyForm code={code} onSent={onChange} />
        )}
      </section>

      {finished ? null : <MorePhotos code={code} />}
    </>
  );
}

function ReplyForm({ code, onSent }: { code: string; onSent: (view: TReceiptView) => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(false);
    if (!body.trim()) {
      setError(t("follow.replyRequired"));
      return;
    }
    setError(null);
    const result = await submit.run(() => sendReporterMessage(code, body.trim()));
    if (result.ok) {
      setBody("");
      setSent(true);
      onSent(result.value);
    }
  };

  const bodyIssue = fieldIssue(submit.error, "body");
  return (
    <form className="reply" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="reply-form">
      <TextAreaField
        label={t("follow.reply")}
        hint={t("follow.replyHint")}
        error={error ?? bodyIssue}
        value={body}
        onValueChange={(value) => {
          setBody(value);
          setSent(false);
        }}
        rows={3}
        maxLength={5000}
        data-testid="reply-body"
      />
      {submit.error && !bodyIssue ? <ErrorNotice error={submit.error} /> : null}
      {sent ? <SuccessNotice>{t("follow.sent")}</SuccessNotice> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={submit.busy} data-testid="reply-submit">
          {submit.busy ? t("follow.sending") : t("follow.send")}
        </button>
      </div>
    </form>
  );
}

function MorePhotos({ code }: { code: string }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null);

  const send = async () => {
    setBusy(true);
    setOutcome(null);
    setProgress(0);
    const result = await uploadPhotos(code, files, setProgress);
    // Keep the ones that failed, so "send" tries them again.
    setFiles(result.failed);
    setOutcome(result);
    setBusy(false);
  };

  return (
    <section className="card" data-testid="more-photos">
      <h2 className="card__title">{t("follow.addPhotos")}</h2>
      <PhotoPicker
        files={files}
        onChange={(next) => {
          setFiles(next);
          setOutcome(null);
        }}
        disabled={busy}
        label={t("follow.photosLabel")}
        hint={t("follow.photosHint")}
        testId="follow-photos"
      />
      <div aria-live="polite">
        {busy ? (
          <p className="muted">{t("report.uploadingPhotos", { done: progress, total: files.length })}</p>
        ) : null}
        {outcome && outcome.sent > 0 ? (
          <SuccessNotice>{t("report.photosSent", { count: outcome.sent })}</SuccessNotice>
        ) : null}
        {outcome && outcome.failed.length > 0 ? (
          <p className="notice notice--warning">
            {t("follow.photosFailed", { count: outcome.failed.length })}
          </p>
        ) : null}
      </div>
      {files.length > 0 ? (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy}
            onClick={() => void send()}
            data-testid="follow-photos-submit"
          >
            {t("follow.uploadPhotos", { count: files.length })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
