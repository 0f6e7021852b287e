import type { TModerationSettingsView } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field, TextAreaField } from "../../components/field";
import { ErrorNotice, Loading, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { getModerationSettings, saveModerationSettings } from "./moderation-api";
import {
  POLICY_ACTION_LIST,
  policyActionLabel,
  RULE_CODES,
  ruleLabel,
  type TPolicyAction,
} from "./moderation-labels";
import { linesOf } from "./settings-lines";

const HOURS_MIN = 1;
const HOURS_MAX = 24 * 14;

function SettingsForm({
  communeId,
  saved,
  onSaved,
}: {
  communeId: string;
  saved: TModerationSettingsView;
  onSaved: (next: TModerationSettingsView) => void;
}) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [actions, setActions] = useState<Record<string, TPolicyAction>>({ ...saved.actions });
  const [keywords, setKeywords] = useState(saved.secretKeywords.join("\n"));
  const [showKeywords, setShowKeywords] = useState(false);
  const [allow, setAllow] = useState(saved.allowDomains.join("\n"));
  const [deny, setDeny] = useState(saved.denyDomains.join("\n"));
  const [profanity, setProfanity] = useState(saved.profanity.join("\n"));
  const [hours, setHours] = useState(String(saved.holdAlertHours));
  const [hoursError, setHoursError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const holdAlertHours = Number(hours);
    if (!Number.isInteger(holdAlertHours) || holdAlertHours < HOURS_MIN || holdAlertHours > HOURS_MAX) {
      setHoursError(t("settings.hoursInvalid", { min: HOURS_MIN, max: HOURS_MAX }));
      return;
    }
    setHoursError(null);
    const result = await submit.run(() =>
      saveModerationSettings(communeId, {
        actions,
        secretKeywords: linesOf(keywords),
        allowDomains: linesOf(allow),
        denyDomains: linesOf(deny),
        profanity: linesOf(profanity),
        holdAlertHours,
      }),
    );
    if (result.ok) {
      setDone(true);
      setKeywords(result.value.secretKeywords.join("\n"));
      setAllow(result.value.allowDomains.join("\n"));
      setDeny(result.value.denyDomains.join("\n"));
      setProfanity(result.value.profanity.join("\n"));
      onSaved(result.value);
    }
  };

  const listError = (field: string) => fieldIssue(submit.error, field);
  const handledFields = ["secretKeywords", "allowDomains", "denyDomains", "profanity", "holdAlertHours"];
  const otherError = submit.error && !handledFields.some((field) => listError(field));

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="moderation-settings">
      <fieldset className="fieldset">
        <legend className="field__label">{t("settings.actions")}</legend>
        <p className="field__hint">{t("settings.actionsHint")}</p>
        <div className="rule-actions">
          {RULE_CODES.map((rule) => (
            <Field key={rule} label={ruleLabel(rule, t)}>
              {({ id }) => (
                <select
                  id={id}
                  className="input"
                  value={actions[rule] ?? "hold"}
                  onChange={(event) =>
                    setActions((current) => ({ ...current, [rule]: event.target.value as TPolicyAction }))
                  }
                  data-testid={`settings-action-${rule}`}
                >
                  {POLICY_ACTION_LIST.map((action) => (
                    <option key={action} value={action}>
                      {policyActionLabel(action, t)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <section className="settings-secret">
        <p className="field__label">{t("settings.secretKeywords")}</p>
        <p className="field__hint">{t("settings.secretKeywordsHint")}</p>
        {showKeywords ? (
          <TextAreaField
            label={t("settings.secretKeywordsInput")}
            error={listError("secretKeywords")}
            value={keywords}
            onValueChange={setKeywords}
            rows={6}
            autoComplete="off"
            spellCheck={false}
            data-testid="settings-keywords"
          />
        ) : (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => setShowKeywords(true)}
            data-testid="settings-show-keywords"
          >
            {t("settings.showKeywords", { count: linesOf(keywords).length })}
          </button>
        )}
      </section>

      <div className="settings-lists">
        <TextAreaField
          label={t("settings.allowDomains")}
          hint={t("settings.allowDomainsHint")}
          error={listError("allowDomains")}
          value={allow}
          onValueChange={setAllow}
          rows={4}
          spellCheck={false}
          data-testid="settings-allow"
        />
        <TextAreaField
          label={t("settings.denyDomains")}
          hint={t("settings.denyDomainsHint")}
          error={listError("denyDomains")}
          value={deny}
          onValueChange={setDeny}
          rows={4}
          spellCheck={false}
          data-testid="settings-deny"
        />
        <TextAreaField
          label={t("settings.profanity")}
          hint={t("settings.profanityHint")}
          error={listError("profanity")}
          value={profanity}
          onValueChange={setProfanity}
          rows={4}
          spellCheck={false}
          data-testid="settings-profanity"
        />
      </div>
      <Field
        label={t("settings.holdAlertHours")}
        hint={t("settings.holdAlertHoursHint")}
        error={hoursError ?? listError("holdAlertHours")}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input input--short"
            type="number"
            inputMode="numeric"
            min={HOURS_MIN}
            max={HOURS_MAX}
            value={hours}
            onChange={(event) => setHours(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="settings-hours"
          />
        )}
      </Field>
      {otherError ? <ErrorNotice error={submit.error} /> : null}
      {done ? <SuccessNotice>{t("settings.saved")}</SuccessNotice> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={submit.busy} data-testid="settings-save">
          {submit.busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}

/** The commune's content policy: what each rule does, and the lists the rules read. */
export function ModerationSettingsPanel({ communeId }: { communeId: string }) {
  const { t } = useI18n();
  const settings = useQuery(`moderation-settings:${communeId}`, (signal) =>
    getModerationSettings(communeId, signal),
  );
  return (
    <section className="card" data-testid="moderation-settings-panel">
      <h2 className="card__title">{t("settings.title")}</h2>
      {settings.status === "error" && !settings.data ? (
        <ErrorNotice error={settings.error} onRetry={settings.reload} />
      ) : settings.data ? (
        <SettingsForm communeId={communeId} saved={settings.data} onSaved={settings.setData} />
      ) : (
        <Loading />
      )}
    </section>
  );
}
