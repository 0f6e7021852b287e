import { useState } from "react";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { updateCommuneSettings } from "../commune/commune-api";

interface RequireTotpSettingProps {
  communeId: string;
  requireTotp: boolean;
  onSaved: (requireTotp: boolean) => void;
}

/** The commune chief's switch: every officer must use two-factor sign-in. */
export function RequireTotpSetting({ communeId, requireTotp, onSaved }: RequireTotpSettingProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [saved, setSaved] = useState(false);
  // Shown at once while saving; falls back to the saved value if the server refuses.
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? requireTotp;

  const toggle = async (next: boolean) => {
    setSaved(false);
    setPending(next);
    const result = await submit.run(() => updateCommuneSettings(communeId, { requireTotp: next }));
    if (result.ok) {
      setSaved(true);
      onSaved(next);
    }
    setPending(null);
  };

  return (
    <section className="card" data-testid="commune-settings">
      <h2 className="card__title">{t("officers.settingsTitle")}</h2>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={checked}
          checked={checked}
          disabled={submit.busy}
          onChange={(event) => void toggle(event.target.checked)}
          data-testid="require-totp-toggle"
        />
        <span className="switch__track" aria-hidden="true" />
        <span className="switch__text">
          <span className="switch__label">{t("officers.requireTotp")}</span>
          <span className="switch__hint">{t("officers.requireTotpHint")}</span>
        </span>
      </label>
      {saved ? <SuccessNotice>{t("officers.settingsSaved")}</SuccessNotice> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </section>
  );
}
