import { type FormEvent, useState } from "react";
import { TextAreaField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { Thread } from "../reports/thread";
import { type CaseDetail, sendOfficerMessage } from "./cases-api";

interface CaseConversationProps {
  detail: CaseDetail;
  onSent: (detail: CaseDetail, internal: boolean) => void;
}

/**
 * Questions to the reporter and their answers, with internal notes in between, marked as such:
 * the reporter reads only the messages, with the receipt code, and never an officer's name.
 */
export function CaseConversation({ detail, onSent }: CaseConversationProps) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!body.trim()) {
      setError(t("case.messageRequired"));
      return;
    }
    setError(null);
    const result = await submit.run(() => sendOfficerMessage(detail.id, body.trim(), internal));
    if (result.ok) {
      setBody("");
      onSent(result.value, internal);
    }
  };

  const bodyIssue = fieldIssue(submit.error, "body");
  const asInternal = internal;
  return (
    <section className="card" data-testid="case-conversation">
      <h2 className="card__title">{t("case.conversation")}</h2>
      {detail.messages.length === 0 ? (
        <p className="muted">{t("case.noMessages")}</p>
      ) : (
        <Thread
          ownSide="officer"
          testId="case-thread"
          messages={detail.messages.map((m) => ({
            key: m.id,
            author:
              m.author === "officer" ? (m.authorName ?? t("case.officerAuthor")) : t("case.reporterAuthor"),
            side: m.author,
            body: m.body,
            createdAt: m.createdAt,
            tag: m.internal ? t("case.internalBadge") : undefined,
          }))}
        />
      )}
      <form
        className={asInternal ? "reply reply--internal" : "reply"}
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="case-reply-form"
      >
        <TextAreaField
          label={asInternal ? t("case.internalBadge") : t("case.message")}
          hint={asInternal ? t("case.messageHintInternal") : t("case.messageHintPublic")}
          error={error ?? bodyIssue}
          value={body}
          onValueChange={setBody}
          rows={3}
          maxLength={5000}
          data-testid="case-reply-body"
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={internal}
            onChange={(event) => setInternal(event.target.checked)}
            data-testid="case-reply-internal"
          />
          <span>{t("case.internalToggle")}</span>
        </label>
        {submit.error && !bodyIssue ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button
            type="submit"
            className={asInternal ? "btn btn--secondary" : "btn btn--primary"}
            disabled={submit.busy}
            data-testid="case-reply-submit"
          >
            {submit.busy ? t("common.saving") : asInternal ? t("case.saveNote") : t("case.sendToReporter")}
          </button>
        </div>
      </form>
    </section>
  );
}
