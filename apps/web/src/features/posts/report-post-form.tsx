import { type FormEvent, useState } from "react";
import { TextAreaField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { reportPost } from "./posts-api";

/** "Báo cáo bài viết": a member tells the moderators why a post should not be in the group. */
export function ReportPostForm({ postId, onDone }: { postId: string; onDone: (sent: boolean) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t("posts.reportReasonRequired"));
      return;
    }
    setError(null);
    const result = await submit.run(() => reportPost(postId, reason.trim()));
    if (result.ok) {
      onDone(true);
    }
  };

  return (
    <form
      className="reason-form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="report-form"
    >
      <TextAreaField
        label={t("posts.reportReason")}
        hint={t("posts.reportHint")}
        error={error}
        value={reason}
        onValueChange={setReason}
        short
        maxLength={500}
        data-testid="report-reason"
      />
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--danger" disabled={submit.busy} data-testid="report-submit">
          {submit.busy ? t("posts.sending") : t("posts.reportSend")}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
