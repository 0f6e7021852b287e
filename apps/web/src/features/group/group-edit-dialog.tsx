import { POSTING_MODES, type TGroupDetail, type TPostingMode } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field, TextAreaField } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { Modal } from "../../components/modal";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { updateGroup } from "./group-api";
import { ImageUpload } from "./image-upload";

interface GroupEditDialogProps {
  group: TGroupDetail;
  onClose: () => void;
  /** The updated group, or null when it must be reloaded. */
  onSaved: (group: TGroupDetail | null) => void;
  onImageUploaded: (group: TGroupDetail | null) => void;
}

/**
 * Name, description, posting mode and pictures: only the group's leader and deputies (II.5.2). The
 * rules are published as numbered versions that members acknowledge ("Quy chế hoạt động" on the
 * group page), never edited here: an edit here would change the text members already acknowledged.
 */
export function GroupEditDialog({ group, onClose, onSaved, onImageUploaded }: GroupEditDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [postingMode, setPostingMode] = useState<TPostingMode>(group.postingMode);
  const [nameError, setNameError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t("group.nameRequired"));
      return;
    }
    setNameError(null);
    const result = await submit.run(() =>
      updateGroup(group.id, {
        name: name.trim(),
        description: description.trim(),
        postingMode,
      }),
    );
    if (result.ok) {
      onSaved(result.value);
    }
  };

  return (
    <Modal title={t("group.editTitle")} onClose={onClose} testId="group-edit-dialog">
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="group-edit-form">
        <Field label={t("group.name")} error={nameError ?? fieldIssue(submit.error, "name")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={name}
              maxLength={120}
              onChange={(event) => setName(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="group-name-input"
            />
          )}
        </Field>
        <TextAreaField
          label={t("group.description")}
          error={fieldIssue(submit.error, "description")}
          value={description}
          onValueChange={setDescription}
          rows={5}
          maxLength={2000}
          data-testid="group-description-input"
        />
        <fieldset className="fieldset">
          <legend className="field__label">{t("group.postingMode")}</legend>
          {POSTING_MODES.map((mode) => (
            <label key={mode} className="radio">
              <input
                type="radio"
                name="postingMode"
                value={mode}
                checked={postingMode === mode}
                onChange={() => setPostingMode(mode)}
              />
              <span>{t(`postingMode.${mode}`)}</span>
            </label>
          ))}
        </fieldset>
        <FormFooter
          submit={submit}
          fields={["name", "description"]}
          submitLabel={t("common.save")}
          onCancel={onClose}
          submitTestId="group-save"
        />
      </form>
      <div className="edit-images">
        <h3 className="field__label">{t("group.images")}</h3>
        <p className="field__hint">{t("group.imageHint")}</p>
        <div className="edit-images__buttons">
          <ImageUpload groupId={group.id} which="avatar" onUploaded={onImageUploaded} />
          <ImageUpload groupId={group.id} which="background" onUploaded={onImageUploaded} />
        </div>
      </div>
    </Modal>
  );
}
