import { ANNOUNCEMENT_CATEGORIES, type TAnnouncementCategory } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field, TextField } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { announcementCategoryLabel } from "./announcement-labels";
import { type AudienceGroup, AudiencePicker, type AudienceValue } from "./audience-picker";
import { createFeedSource } from "./feed-sources-api";

interface FeedSourceFormProps {
  communeId: string;
  groups: readonly AudienceGroup[];
  onCreated: (title: string) => void;
  onCancel: () => void;
}

/** A new official feed: its address, a name, the category and audience its drafts get. */
export function FeedSourceForm({ communeId, groups, onCreated, onCancel }: FeedSourceFormProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<TAnnouncementCategory>("SECURITY_SITUATION");
  const [audience, setAudience] = useState<AudienceValue>({ wholeCommune: true, groupIds: [] });
  const [autoPublish, setAutoPublish] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<"url" | "title" | "audience", string>>>({});

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      next.url = t("feedSources.urlInvalid");
    }
    if (!title.trim()) {
      next.title = t("feedSources.titleRequired");
    }
    if (!audience.wholeCommune && audience.groupIds.length === 0) {
      next.audience = t("composer.audienceRequired");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const result = await submit.run(() =>
      createFeedSource(communeId, {
        url: url.trim(),
        title: title.trim(),
        category,
        audience: audience.wholeCommune ? { communeId } : { groupIds: [...audience.groupIds] },
        autoPublish,
      }),
    );
    if (result.ok) {
      onCreated(title.trim());
    }
  };

  return (
    <form
      className="card"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="feed-source-form"
    >
      <h2 className="card__title">{t("feedSources.addTitle")}</h2>
      <TextField
        label={t("feedSources.url")}
        hint={t("feedSources.urlHint")}
        error={errors.url ?? fieldIssue(submit.error, "url")}
        value={url}
        onValueChange={setUrl}
        type="url"
        inputMode="url"
        data-testid="feed-source-url"
      />
      <TextField
        label={t("feedSources.name")}
        error={errors.title ?? fieldIssue(submit.error, "title")}
        value={title}
        onValueChange={setTitle}
        maxLength={200}
        data-testid="feed-source-title"
      />
      <Field label={t("composer.category")}>
        {({ id }) => (
          <select
            id={id}
            className="input"
            value={category}
            onChange={(event) => {
              const value = ANNOUNCEMENT_CATEGORIES.find((c) => c === event.target.value);
              if (value) {
                setCategory(value);
              }
            }}
          >
            {ANNOUNCEMENT_CATEGORIES.map((code) => (
              <option key={code} value={code}>
                {announcementCategoryLabel(code, t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <AudiencePicker
        groups={groups}
        allowCommune
        value={audience}
        onChange={setAudience}
        error={errors.audience ?? fieldIssue(submit.error, "audience")}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={autoPublish}
          onChange={(event) => setAutoPublish(event.target.checked)}
        />
        <span>
          {t("feedSources.autoPublish")}
          <span className="checkbox__hint">{t("feedSources.autoPublishHint")}</span>
        </span>
      </label>
      <FormFooter
        submit={submit}
        fields={["url", "title", "audience"]}
        submitLabel={t("feedSources.add")}
        onCancel={onCancel}
        submitTestId="feed-source-submit"
      />
    </form>
  );
}
