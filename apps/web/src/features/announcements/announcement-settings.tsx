import type { TAnnouncementSettings } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { TextAreaField } from "../../components/field";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { ToggleSetting } from "../../components/toggle-setting";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { saveAnnouncementSettings } from "./announcements-api";

interface AnnouncementSettingsProps {
  communeId: string;
  settings: TAnnouncementSettings;
  onSaved: (settings: TAnnouncementSettings) => void;
}

const MAX_PHONES = 10;

/**
 * The commune chief's settings: deputies' announcements wait for the leader, and the police's own
 * published numbers (duty desk, hotline), which the content check lets through.
 */
export function AnnouncementSettings({ communeId, settings, onSaved }: AnnouncementSettingsProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [phones, setPhones] = useState(settings.officialPhones.join("\n"));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const list = [
      ...new Set(
        phones
          .split(/[\n,;]+/)
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    ];
    if (list.length > MAX_PHONES) {
      setError(t("announcementSettings.tooManyPhones", { max: MAX_PHONES }));
      return;
    }
    setError(null);
    const next = { ...settings, officialPhones: list };
    const result = await submit.run(() => saveAnnouncementSettings(communeId, next));
    if (result.ok) {
      setSaved(true);
      setPhones(list.join("\n"));
      onSaved(next);
    }
  };

  return (
    <div className="announcement-settings">
      <ToggleSetting
        value={settings.deputiesNeedApproval}
        save={(next) => saveAnnouncementSettings(communeId, { ...settings, deputiesNeedApproval: next })}
        onSaved={(next) => onSaved({ ...settings, deputiesNeedApproval: next })}
        label={t("announcements.deputiesNeedApproval")}
        hint={t("announcements.deputiesNeedApprovalHint")}
        savedMessage={t("announcements.settingsSaved")}
        title={t("announcements.settingsTitle")}
        testId="announcement-settings"
        switchTestId="deputies-need-approval"
      />
      <form
        className="card"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="official-phones"
      >
        <TextAreaField
          label={t("announcementSettings.phones")}
          hint={t("announcementSettings.phonesHint")}
          error={error ?? fieldIssue(submit.error, "officialPhones")}
          value={phones}
          onValueChange={(value) => {
            setSaved(false);
            setPhones(value);
          }}
          short
          inputMode="tel"
          data-testid="official-phones-input"
        />
        {saved ? <SuccessNotice>{t("announcements.settingsSaved")}</SuccessNotice> : null}
        {submit.error && !fieldIssue(submit.error, "officialPhones") ? (
          <ErrorNotice error={submit.error} />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--secondary" disabled={submit.busy}>
            {submit.busy ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </div>
  );
}
