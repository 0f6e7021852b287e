import {
  ANNOUNCEMENT_CATEGORIES,
  type TContentFinding,
  type TCreateAnnouncementInput,
} from "@binhyen/contracts";
import { type FormEvent, useId, useRef, useState } from "react";
import { DateTimeField } from "../../components/date-time-field";
import { Field, TextAreaField, TextField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { fieldIssue } from "../../lib/use-submit";
import { announcementCategoryLabel, isPersonNotice } from "./announcement-labels";
import { checkAnnouncement } from "./announcements-api";
import { type AudienceGroup, AudiencePicker } from "./audience-picker";
import {
  applyCategory,
  type ComposerErrors,
  type ComposerField,
  type ComposerState,
  expiryRequired,
  findingsOf,
  groupFindings,
  toPayload,
  validateComposer,
} from "./composer-state";
import { FileUploads } from "./file-uploads";
import { RichText } from "./rich-text-view";

export type ComposerIntent = "draft" | "publish";

interface AnnouncementFormProps {
  communeId: string;
  initial: ComposerState;
  groups: readonly AudienceGroup[];
  allowCommune: boolean;
  /** Editing an announcement already published for approval or scheduled: "save" only. */
  mode: "create" | "editDraft" | "editQueued";
  /** Sends the body; throws the ApiError of a refusal. */
  onSubmit: (payload: TCreateAnnouncementInput, intent: ComposerIntent) => Promise<void>;
  onCancel: () => void;
}

/**
 * The composer: category (with its template), title, body with a live preview, audience, when,
 * pin/urgent/acknowledge, expiry, the person's details for wanted/missing notices, files. Before
 * anything is published the text goes through the content check (personal data, state-secret
 * markings, informants' names), and each finding is shown beside the field it names.
 */
export function AnnouncementForm({
  communeId,
  initial,
  groups,
  allowCommune,
  mode,
  onSubmit,
  onCancel,
}: AnnouncementFormProps) {
  const { t } = useI18n();
  const [state, setState] = useState<ComposerState>(initial);
  const [errors, setErrors] = useState<ComposerErrors>({});
  const [findings, setFindings] = useState<TContentFinding[] | null>(null);
  const [busy, setBusy] = useState<"check" | ComposerIntent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const previewId = useId();
  const update = (patch: Partial<ComposerState>) => {
    setState((current) => ({ ...current, ...patch }));
    // A finding is about the text as it was checked; once edited, it is checked again on sending.
    setFindings(null);
  };
  const personNotice = state.category !== "" && isPersonNotice(state.category);
  const grouped = groupFindings(findings ?? []);

  const revealProblem = () =>
    window.requestAnimationFrame(() => {
      formRef.current
        ?.querySelector<HTMLElement>(".field__error, [aria-invalid='true']")
        ?.scrollIntoView({ block: "center" });
    });

  /** Validates here, then the body as it would be sent; null when something must be fixed. */
  const prepare = (intent: ComposerIntent): TCreateAnnouncementInput | null => {
    const checked = validateComposer(state, t);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      revealProblem();
      return null;
    }
    return toPayload(state, communeId, checked, intent === "draft");
  };

  const runCheck = async (payload: TCreateAnnouncementInput): Promise<boolean> => {
    const result = await checkAnnouncement(payload);
    setFindings(result.findings);
    if (!result.ok || result.findings.length > 0) {
      revealProblem();
      return false;
    }
    return true;
  };

  const onCheck = async () => {
    setError(null);
    const payload = prepare("publish");
    if (!payload) {
      return;
    }
    setBusy("check");
    try {
      await runCheck(payload);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const submit = async (intent: ComposerIntent) => {
    setError(null);
    const payload = prepare(intent);
    if (!payload) {
      return;
    }
    setBusy(intent);
    try {
      if (intent === "publish" && !(await runCheck(payload))) {
        return;
      }
      await onSubmit(payload, intent);
    } catch (caught) {
      const blocked = isApiError(caught, "CONTENT_BLOCKED") ? findingsOf(caught.details) : [];
      if (blocked.length > 0) {
        setFindings(blocked);
        revealProblem();
      } else {
        setError(caught);
      }
    } finally {
      setBusy(null);
    }
  };

  const onFormSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit("publish");
  };

  /** The local error, the content check's findings, then the server's validation message. */
  const problem = (field: ComposerField): string | undefined => {
    const found = grouped.byField[field];
    return (
      errors[field] ?? (found && found.length > 0 ? found.join(" ") : undefined) ?? fieldIssue(error, field)
    );
  };
  const shownFields: ComposerField[] = [
    "category",
    "title",
    "body",
    "audience",
    "publishAt",
    "expiresAt",
    "notice.description",
  ];
  const otherError = error && !shownFields.some((field) => fieldIssue(error, field)) ? error : null;
  const template = state.category ? state.category : null;
  const publishLabel =
    mode === "editQueued"
      ? t("composer.saveChanges")
      : state.when === "later"
        ? t("composer.schedule")
        : t("composer.publish");

  return (
    <form ref={formRef} className="composer" onSubmit={onFormSubmit} noValidate data-testid="composer">
      <div className="composer__layout">
        <div className="composer__main">
          <section className="card">
            <Field label={t("composer.category")} error={problem("category")}>
              {({ id, describedBy, invalid }) => (
                <select
                  id={id}
                  className="input"
                  value={state.category}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(event) => {
                    const value = event.target.value;
                    const category = (ANNOUNCEMENT_CATEGORIES as readonly string[]).includes(value)
                      ? (value as ComposerState["category"])
                      : "";
                    setState((current) => applyCategory(current, category));
                    setFindings(null);
                  }}
                  data-testid="composer-category"
                >
                  <option value="">{t("composer.chooseCategory")}</option>
                  {ANNOUNCEMENT_CATEGORIES.map((code) => (
                    <option key={code} value={code}>
                      {announcementCategoryLabel(code, t)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {template ? (
              <p className="composer__template">
                <span className="muted small">{t("composer.templateHint")}</span>{" "}
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => {
                    setState((current) => applyCategory(current, template, true));
                    setFindings(null);
                  }}
                  data-testid="composer-use-template"
                >
                  {t("composer.useTemplate")}
                </button>
              </p>
            ) : null}
            <TextField
              label={t("composer.title")}
              error={problem("title")}
              value={state.title}
              onValueChange={(title) => update({ title })}
              maxLength={200}
              data-testid="composer-title"
            />
            <TextAreaField
              label={t("composer.body")}
              hint={<FormattingHelp />}
              error={problem("body")}
              value={state.body}
              onValueChange={(body) => update({ body })}
              rows={10}
              maxLength={10000}
              data-testid="composer-body"
            />
          </section>

          {personNotice ? (
            <section className="card" data-testid="composer-notice">
              <h2 className="card__title">
                {state.category === "WANTED_PERSON" ? t("composer.wantedTitle") : t("composer.missingTitle")}
              </h2>
              <TextField
                label={t("notice.personName")}
                error={problem("notice.personName")}
                value={state.personName}
                onValueChange={(personName) => update({ personName })}
                maxLength={120}
                data-testid="notice-name"
              />
              <TextAreaField
                label={t("notice.description")}
                hint={t("composer.noticeDescriptionHint")}
                error={problem("notice.description")}
                value={state.description}
                onValueChange={(description) => update({ description })}
                rows={4}
                maxLength={2000}
                data-testid="notice-description"
              />
              <TextAreaField
                label={t("notice.lastSeen")}
                hint={t("composer.lastSeenHint")}
                error={problem("notice.lastSeen")}
                value={state.lastSeen}
                onValueChange={(lastSeen) => update({ lastSeen })}
                short
                maxLength={500}
                data-testid="notice-last-seen"
              />
              <TextField
                label={t("notice.contact")}
                hint={t("composer.contactHint")}
                error={problem("notice.contact")}
                value={state.contact}
                onValueChange={(contact) => update({ contact })}
                maxLength={300}
                data-testid="notice-contact"
              />
              <FileUploads
                communeId={communeId}
                files={state.photo ? [state.photo] : []}
                onUploaded={(photo) => update({ photo })}
                onRemove={() => update({ photo: null })}
                label={t("notice.photo")}
                hint={t("composer.photoHint")}
                single
                disabled={busy !== null}
                testId="notice-photo"
              />
            </section>
          ) : null}

          <section className="card">
            <AudiencePicker
              groups={groups}
              allowCommune={allowCommune}
              value={state.audience}
              onChange={(audience) => update({ audience })}
              error={problem("audience")}
            />
          </section>

          <section className="card">
            <fieldset className="segmented">
              <legend className="field__label">{t("composer.when")}</legend>
              {(["now", "later"] as const).map((value) => (
                <label
                  key={value}
                  className={state.when === value ? "segmented__item is-active" : "segmented__item"}
                >
                  <input
                    type="radio"
                    name="composer-when"
                    value={value}
                    checked={state.when === value}
                    onChange={() => update({ when: value })}
                    data-testid={`composer-when-${value}`}
                  />
                  <span>{value === "now" ? t("composer.whenNow") : t("composer.whenLater")}</span>
                </label>
              ))}
            </fieldset>
            {state.when === "later" ? (
              <DateTimeField
                label={t("composer.publishAt")}
                date={state.publishDate}
                time={state.publishTime}
                onChange={({ date, time }) => update({ publishDate: date, publishTime: time })}
                error={problem("publishAt")}
                testId="composer-publish-at"
              />
            ) : null}
            <DateTimeField
              label={
                state.category && expiryRequired(state.category)
                  ? t("composer.expiresAtRequiredLabel")
                  : t("composer.expiresAt")
              }
              hint={t("composer.expiresAtHint")}
              date={state.expiryDate}
              time={state.expiryTime}
              onChange={({ date, time }) => update({ expiryDate: date, expiryTime: time })}
              error={problem("expiresAt")}
              testId="composer-expires"
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.pinned}
                onChange={(event) => update({ pinned: event.target.checked })}
                data-testid="composer-pinned"
              />
              <span>
                {t("composer.pinned")}
                <span className="checkbox__hint">{t("composer.pinnedHint")}</span>
              </span>
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.urgent}
                onChange={(event) => update({ urgent: event.target.checked })}
                data-testid="composer-urgent"
              />
              <span>
                {t("composer.urgent")}
                <span className="checkbox__hint">{t("composer.urgentHint")}</span>
              </span>
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.requiresAck}
                onChange={(event) => update({ requiresAck: event.target.checked })}
                data-testid="composer-requires-ack"
              />
              <span>
                {t("composer.requiresAck")}
                <span className="checkbox__hint">{t("composer.requiresAckHint")}</span>
              </span>
            </label>
          </section>

          <section className="card">
            <FileUploads
              communeId={communeId}
              files={state.files}
              onUploaded={(file) => setState((current) => ({ ...current, files: [...current.files, file] }))}
              onRemove={(fileId) =>
                setState((current) => ({ ...current, files: current.files.filter((f) => f.id !== fileId) }))
              }
              label={t("composer.files")}
              hint={t("composer.filesHint")}
              problems={grouped.files}
              disabled={busy !== null}
              testId="composer-files"
            />
          </section>
        </div>

        <aside className="composer__side">
          <section className="card composer__preview" aria-labelledby={previewId}>
            <h2 className="card__title" id={previewId}>
              {t("composer.preview")}
            </h2>
            {state.title.trim() || state.body.trim() ? (
              <article className={state.urgent ? "preview-item is-urgent" : "preview-item"}>
                <h3 className="feed-item__title preview-item__title">
                  {state.title || t("composer.untitled")}
                </h3>
                <RichText body={state.body} testId="composer-preview" />
              </article>
            ) : (
              <p className="muted small">{t("composer.previewEmpty")}</p>
            )}
          </section>
        </aside>
      </div>

      {findings !== null && findings.length === 0 ? (
        <p className="notice notice--success" role="status" data-testid="content-check-ok">
          {t("composer.checkOk")}
        </p>
      ) : null}
      {findings !== null && findings.length > 0 ? (
        <div className="notice notice--error" role="alert" data-testid="content-check-blocked">
          <p>
            <strong>{t("composer.checkBlocked", { count: findings.length })}</strong>
          </p>
          {grouped.other.map((message) => (
            <p key={message} data-testid="content-finding">
              {message}
            </p>
          ))}
        </div>
      ) : null}
      {otherError ? <ErrorNotice error={otherError} /> : null}

      <div className="form-actions composer__actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={busy !== null}
          data-testid="composer-publish"
        >
          {busy === "publish" ? t("composer.publishing") : publishLabel}
        </button>
        {mode !== "editQueued" ? (
          <button
            type="button"
            className="btn btn--secondary"
            disabled={busy !== null}
            onClick={() => void submit("draft")}
            data-testid="composer-save-draft"
          >
            {busy === "draft" ? t("common.saving") : t("composer.saveDraft")}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn--secondary"
          disabled={busy !== null}
          onClick={() => void onCheck()}
          data-testid="composer-check"
        >
          {busy === "check" ? t("composer.checking") : t("composer.check")}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel} disabled={busy !== null}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The three marks the body understands, shown under it. */
function FormattingHelp() {
  const { t } = useI18n();
  return (
    <span className="format-help">
      {t("composer.formatHelp")} <code>**{t("composer.formatBold")}**</code> ·{" "}
      <code>*{t("composer.formatItalic")}*</code> · <code>- {t("composer.formatList")}</code>
    </span>
  );
}
