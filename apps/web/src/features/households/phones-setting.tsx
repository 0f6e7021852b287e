import { useState } from "react";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { updateGroupSettings } from "../outreach/outreach-api";

interface PhonesSettingProps {
  groupId: string;
  deputiesSeePhones: boolean;
  onSaved: (deputiesSeePhones: boolean) => void;
}

/** The group leader's switch: may the group's deputies see households' phone numbers? */
export function PhonesSetting({ groupId, deputiesSeePhones, onSaved }: PhonesSettingProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? deputiesSeePhones;

  const toggle = async (next: boolean) => {
    setSaved(false);
    setPending(next);
    const result = await submit.run(() => updateGroupSettings(groupId, { deputiesSeePhones: next }));
    if (result.ok) {
      setSaved(true);
      onSaved(next);
    }
    setPending(null);
  };

  return (
    <section className="card" data-testid="phones-setting">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={checked}
          checked={checked}
          disabled={submit.busy}
          onChange={(event) => void toggle(event.target.checked)}
          data-testid="deputies-see-phones"
        />
        <span className="switch__track" aria-hidden="true" />
        <span className="switch__text">
          <span className="switch__label">{t("phonesSetting.label")}</span>
          <span className="switch__hint">{t("phonesSetting.hint")}</span>
        </span>
      </label>
      {saved ? <SuccessNotice>{t("phonesSetting.saved")}</SuccessNotice> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </section>
  );
}
