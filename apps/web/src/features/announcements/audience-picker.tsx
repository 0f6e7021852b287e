import { useId } from "react";
import { useI18n } from "../../i18n/i18n-context";

export interface AudienceGroup {
  id: string;
  name: string;
}

export interface AudienceValue {
  wholeCommune: boolean;
  groupIds: readonly string[];
}

interface AudiencePickerProps {
  groups: readonly AudienceGroup[];
  /** Commune chief and deputies may address the whole commune; leaders only their groups. */
  allowCommune: boolean;
  value: AudienceValue;
  onChange: (value: AudienceValue) => void;
  error?: string | undefined;
}

/** Who receives the announcement: "Toàn xã", or a tick per group the author may address. */
export function AudiencePicker({ groups, allowCommune, value, onChange, error }: AudiencePickerProps) {
  const { t } = useI18n();
  const id = useId();
  const chosen = new Set(value.groupIds);
  const toggle = (groupId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) {
      next.add(groupId);
    } else {
      next.delete(groupId);
    }
    onChange({ wholeCommune: false, groupIds: groups.filter((g) => next.has(g.id)).map((g) => g.id) });
  };
  return (
    <fieldset
      className={error ? "fieldset field--invalid audience" : "fieldset audience"}
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid="audience"
    >
      <legend className="field__label">{t("composer.audience")}</legend>
      {allowCommune ? (
        <label className="checkbox audience__all">
          <input
            type="checkbox"
            checked={value.wholeCommune}
            onChange={(event) => onChange({ wholeCommune: event.target.checked, groupIds: [] })}
            data-testid="audience-commune"
          />
          <span>
            <strong>{t("composer.wholeCommune")}</strong>
            <span className="checkbox__hint">{t("composer.wholeCommuneHint")}</span>
          </span>
        </label>
      ) : null}
      {groups.length === 0 ? <p className="muted small">{t("composer.noGroups")}</p> : null}
      <div className="audience__groups">
        {groups.map((group) => (
          <label key={group.id} className="checkbox">
            <input
              type="checkbox"
              checked={value.wholeCommune || chosen.has(group.id)}
              disabled={value.wholeCommune}
              onChange={(event) => toggle(group.id, event.target.checked)}
              data-testid="audience-group"
              data-group-id={group.id}
            />
            <span>{group.name}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
