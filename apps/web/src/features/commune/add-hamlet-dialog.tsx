import { HAMLET_KINDS, type THamletKind } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field } from "../../components/field";
import { Modal } from "../../components/modal";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { OfficerPicker } from "../officers/officer-picker";
import { createHamlet } from "./commune-api";

interface AddHamletDialogProps {
  communeId: string;
  onClose: () => void;
  onCreated: (name: string) => void;
}

export function AddHamletDialog({ communeId, onClose, onCreated }: AddHamletDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<THamletKind>("AP");
  const [leaderUserId, setLeaderUserId] = useState("");
  const [remote, setRemote] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; leader?: string }>({});
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: { name?: string; leader?: string } = {};
    if (!name.trim()) {
      next.name = t("hamletForm.nameRequired");
    }
    if (!leaderUserId) {
      next.leader = t("hamletForm.leaderRequired");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const result = await submit.run(() =>
      createHamlet(communeId, { name: name.trim(), kind, leaderUserId, remote }),
    );
    if (result.ok) {
      onCreated(name.trim());
    }
  };

  return (
    <Modal title={t("hamletForm.title")} onClose={onClose} testId="add-hamlet-dialog">
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t("hamletForm.name")} error={errors.name ?? fieldIssue(submit.error, "name")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={name}
              maxLength={120}
              onChange={(event) => setName(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field label={t("hamletForm.kind")}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={kind}
              onChange={(event) => setKind(event.target.value as THamletKind)}
            >
              {HAMLET_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`hamletKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <OfficerPicker
          communeId={communeId}
          label={t("hamletForm.leader")}
          value={leaderUserId}
          onChange={setLeaderUserId}
          error={errors.leader ?? fieldIssue(submit.error, "leaderUserId")}
        />
        <label className="checkbox">
          <input type="checkbox" checked={remote} onChange={(event) => setRemote(event.target.checked)} />
          <span>{t("hamletForm.remote")}</span>
        </label>
        {submit.error && !fieldIssue(submit.error, "name") ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {submit.busy ? t("common.saving") : t("hamletForm.submit")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
