import { ToggleSetting } from "../../components/toggle-setting";
import { useI18n } from "../../i18n/i18n-context";
import { updateGroupSettings } from "../outreach/outreach-api";

interface PhonesSettingProps {
  groupId: string;
  deputiesSeePhones: boolean;
  onSaved: (deputiesSeePhones: boolean) => void;
}

/** The group leader's switch: may the group's deputies see households' phone numbers? */
export function PhonesSetting({ groupId, deputiesSeePhones, onSaved }: PhonesSettingProps) {
  const { t } = useI18n();
  return (
    <ToggleSetting
      value={deputiesSeePhones}
      save={(next) => updateGroupSettings(groupId, { deputiesSeePhones: next })}
      onSaved={onSaved}
      label={t("phonesSetting.label")}
      hint={t("phonesSetting.hint")}
      savedMessage={t("phonesSetting.saved")}
      testId="phones-setting"
      switchTestId="deputies-see-phones"
    />
  );
}
