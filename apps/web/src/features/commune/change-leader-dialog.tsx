import { type FormEvent, useState } from "react";
import { Modal } from "../../components/modal";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { OfficerPicker } from "../officers/officer-picker";
import { assignLeader } from "./commune-api";

interface ChangeLeaderDialogProps {
  communeId: string;
  group: { id: string; name: string; leaderUserId: string | null };
  onClose: () => void;
  onChanged: () => void;
}

export function ChangeLeaderDialog({ communeId, group, onClose, onChanged }: ChangeLeaderDialogProps) {
  const { t } = useI18n();
  const [userId, setUserId] = useState(group.leaderUserId ?? "");
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!userId) {
      setError(t("hamletForm.leaderRequired"));
      return;
    }
    setError(null);
    if (userId === group.leaderUserId) {
      onClose();
      return;
    }
    const result = await submit.run(() => assignLeader(group.id, userId));
    if (result.ok) {
      onChanged();
    }
  };

  return (
    <Modal
      title={t("leaderForm.title", { group: group.name })}
      onClose={onClose}
      testId="change-leader-dialog"
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <p className="muted">{t("leaderForm.hint")}</p>
        <OfficerPicker
          communeId={communeId}
          label={t("leaderForm.label")}
          value={userId}
          onChange={setUserId}
          currentUserId={group.leaderUserId}
          error={error}
        />
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {submit.busy ? t("common.saving") : t("leaderForm.submit")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
