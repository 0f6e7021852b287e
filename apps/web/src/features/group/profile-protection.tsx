import { useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { useSubmit } from "../../lib/use-submit";
import { restoreOfficialProfile, saveOfficialProfile } from "../moderation/moderation-api";

/**
 * Group profile protection (plan II.5.2): the leader, deputies or management save the name,
 * description and pictures as the official profile, and put it back in one step if someone
 * changed them.
 */
export function ProfileProtection({ groupId, onRestored }: { groupId: string; onRestored: () => void }) {
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const [done, setDone] = useState<string | null>(null);

  const save = async () => {
    setDone(null);
    const result = await submit.run(() => saveOfficialProfile(groupId));
    if (result.ok) {
      setDone(t("protection.saved"));
    }
  };

  const restore = async () => {
    setDone(null);
    const result = await submit.run(() => restoreOfficialProfile(groupId));
    if (result.ok) {
      setDone(t("protection.restored"));
      onRestored();
    }
  };

  // 409: nothing was saved yet. The server's Vietnamese sentence says so; in English, ours does.
  const noneSaved =
    isApiError(submit.error, "INVALID_TRANSITION") || isApiError(submit.error, "CONFLICT")
      ? locale === "vi" && submit.error.serverMessage
        ? submit.error.serverMessage
        : t("protection.noneSaved")
      : null;
  return (
    <section className="group-tools__block" data-testid="profile-protection">
      <h3 className="section-label">{t("protection.title")}</h3>
      <p className="field__hint">{t("protection.hint")}</p>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={submit.busy}
          onClick={() => void save()}
          data-testid="profile-save-official"
        >
          {t("protection.save")}
        </button>
        <ConfirmButton
          label={t("protection.restore")}
          question={t("protection.restoreConfirm")}
          variant="secondary"
          onConfirm={restore}
          testId="profile-restore-official"
        />
      </div>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      {noneSaved ? (
        <p className="notice notice--warning" role="alert" data-testid="profile-none-saved">
          {noneSaved}
        </p>
      ) : submit.error ? (
        <ErrorNotice error={submit.error} />
      ) : null}
    </section>
  );
}
