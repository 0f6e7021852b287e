import { ToggleSetting } from "../../components/toggle-setting";
import { useI18n } from "../../i18n/i18n-context";
import { updateCommuneSettings } from "../commune/commune-api";

interface RequireTotpSettingProps {
  communeId: string;
  requireTotp: boolean;
  onSaved: (requireTotp: boolean) => void;
}

/** The commune chief's switch: every officer must use two-factor sign-in. */
export function RequireTotpSetting({ communeId, requireTotp, onSaved }: RequireTotpSettingProps) {
  const { t } = useI18n();
  return (
    <ToggleSetting
      value={requireTotp}
      save={(next) => updateCommuneSettings(communeId, { requireTotp: next })}
      onSaved={onSaved}
      label={t("officers.requireTotp")}
      hint={t("officers.requireTotpHint")}
      savedMessage={t("officers.settingsSaved")}
      title={t("officers.settingsTitle")}
      testId="commune-settings"
      switchTestId="require-totp-toggle"
    />
  );
}
