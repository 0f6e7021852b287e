import type { TAnnouncementDetail } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { TextAreaField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { type AnnouncementAction, pinAnnouncement, runAnnouncementAction } from "./announcements-api";

type Done = "published" | "approved" | "rejected" | "withdrawn" | "pinned" | "unpinned";

interface AnnouncementActionsProps {
  detail: TAnnouncementDetail;
  onDone: (done: Done) => void;
}

/** What `allowedActions` offers the reader now; rejecting and withdrawing need a reason. */
export function AnnouncementActions({ detail, onDone }: AnnouncementActionsProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [asking, setAsking] = useState<"reject" | "withdraw" | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const allowed = new Set(detail.allowedActions);
  if (allowed.size === 0) {
    return null;
  }

  const act = async (action: AnnouncementAction, done: Done, why?: string) => {
    const result = await submit.run(() => runAnnouncementAction(detail.id, action, why));
    if (result.ok) {
      setAsking(null);
      setReason("");
      onDone(done);
    }
  };

  const onReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!asking) {
      return;
    }
    if (!reason.trim()) {
      setReasonError(t("announcement.reasonRequired"));
      return;
    }
    setReasonError(null);
    void act(asking, asking === "reject" ? "rejected" : "withdrawn", reason.trim());
  };

  return (
    <section className="card" data-testid="announcement-actions">
      <h2 className="card__title">{t("announcement.actions")}</h2>
      <div className="form-actions announcement-actions">
        {allowed.has("publish") ? (
          <button
            type="button"
            className="btn btn--primary"
            disabled={submit.busy}
            onClick={() => void act("publish", "published")}
            data-testid="action-publish"
          >
            {t("announcement.publish")}
          </button>
        ) : null}
        {allowed.has("approve") ? (
          <button
            type="button"
            className="btn btn--primary"
            disabled={submit.busy}
            onClick={() => void act("approve", "approved")}
            data-testid="action-approve"
          >
            {t("announcement.approve")}
          </button>
        ) : null}
        {allowed.has("edit") ? (
          <Link
            href={`/announcements/${detail.id}/edit`}
            className="btn btn--secondary"
            data-testid="action-edit"
          >
            {t("announcement.edit")}
          </Link>
        ) : null}
        {allowed.has("pin") ? (
          <button
            type="button"
            className="btn btn--secondary"
            disabled={submit.busy}
            onClick={async () => {
              const result = await submit.run(() => pinAnnouncement(detail.id, !detail.pinned));
              if (result.ok) {
                onDone(detail.pinned ? "unpinned" : "pinned");
              }
            }}
            data-testid="action-pin"
          >
            {detail.pinned ? t("announcement.unpin") : t("announcement.pin")}
          </button>
        ) : null}
        {allowed.has("reject") ? (
          <button
            type="button"
            className="btn btn--danger-outline"
            disabled={submit.busy}
            aria-expanded={asking === "reject"}
            onClick={() => setAsking(asking === "reject" ? null : "reject")}
            data-testid="action-reject"
          >
            {t("announcement.reject")}
          </button>
        ) : null}
        {allowed.has("withdraw") ? (
          <button
            type="button"
            className="btn btn--danger-outline"
            disabled={submit.busy}
            aria-expanded={asking === "withdraw"}
            onClick={() => setAsking(asking === "withdraw" ? null : "withdraw")}
            data-testid="action-withdraw"
          >
            {t("announcement.withdraw")}
          </button>
        ) : null}
      </div>
      {asking ? (
        <form className="reason-form" onSubmit={onReason} noValidate data-testid="reason-form">
          <TextAreaField
            label={asking === "reject" ? t("announcement.rejectReason") : t("announcement.withdrawReason")}
            hint={asking === "withdraw" ? t("announcement.withdrawHint") : undefined}
            error={reasonError}
            value={reason}
            onValueChange={setReason}
            short
            maxLength={1000}
            data-testid="reason-input"
          />
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn--danger"
              disabled={submit.busy}
              data-testid="reason-submit"
            >
              {asking === "reject" ? t("announcement.confirmReject") : t("announcement.confirmWithdraw")}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setAsking(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </section>
  );
}
