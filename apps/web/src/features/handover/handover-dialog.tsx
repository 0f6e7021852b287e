import { type FormEvent, useState } from "react";
import { useLocation } from "wouter";
import { TextAreaField } from "../../components/field";
import { Modal } from "../../components/modal";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { OfficerPicker } from "../officers/officer-picker";
import { createHandover } from "./handover-api";

interface HandoverDialogProps {
  communeId: string;
  group: { id: string; name: string; leaderUserId: string | null; leaderName: string | null };
  onClose: () => void;
}

/**
 * "Bàn giao nhóm": the chief or a deputy names the new leader among the commune's officers and says
 * why. The server swaps the leader, moves the old leader's open cases and writes the record; the
 * record's page opens next, for the three confirmations.
 */
export function HandoverDialog({ communeId, group, onClose }: HandoverDialogProps) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [userId, setUserId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ userId?: string; reason?: string }>({});
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: { userId?: string; reason?: string } = {};
    if (!userId) {
      next.userId = t("handover.toRequired");
    } else if (userId === group.leaderUserId) {
      next.userId = t("handover.sameLeader");
    }
    if (!reason.trim()) {
      next.reason = t("handover.reasonRequired");
    }
    setErrors(next);
    if (next.userId || next.reason) {
      return;
    }
    const result = await submit.run(() =>
      createHandover(group.id, { toUserId: userId, reason: reason.trim() }),
    );
    if (result.ok) {
      navigate(`/handovers/${result.value.handoverId}`);
    }
  };

  const toUserIssue = fieldIssue(submit.error, "toUserId");
  const reasonIssue = fieldIssue(submit.error, "reason");
  return (
    <Modal
      title={t("handover.dialogTitle", { group: group.name })}
      onClose={onClose}
      testId="handover-dialog"
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <p className="muted">
          {group.leaderName ? t("handover.currentLeader", { name: group.leaderName }) : t("hamlet.noLeader")}
        </p>
        <p className="field__hint">{t("handover.dialogHint")}</p>
        <OfficerPicker
          communeId={communeId}
          label={t("handover.toLabel")}
          value={userId}
          onChange={setUserId}
          currentUserId={group.leaderUserId}
          error={errors.userId ?? toUserIssue ?? null}
        />
        <TextAreaField
          label={t("handover.reasonLabel")}
          hint={t("handover.reasonHint")}
          error={errors.reason ?? reasonIssue}
          value={reason}
          onValueChange={setReason}
          short
          maxLength={1000}
          data-testid="handover-reason"
        />
        {submit.error && !toUserIssue && !reasonIssue ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={submit.busy}
            data-testid="handover-submit"
          >
            {submit.busy ? t("common.saving") : t("handover.submit")}
          </button>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
