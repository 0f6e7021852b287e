import { useEffect, useId, useMemo, useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { uploadReportPhoto } from "./reports-api";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 10;
const TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"];
// Some Android browsers give HEIC photos no type at all: the name decides then.
const EXTENSIONS = /\.(jpe?g|png|webp|heic|heif)$/i;
/** Browsers cannot draw HEIC: those get a labelled tile instead of a preview. */
const PREVIEWABLE = ["image/jpeg", "image/png", "image/webp"];

/** A stable key per chosen File object: the same picture may be chosen twice. */
const fileKeys = new WeakMap<File, number>();
let nextFileKey = 1;
function keyOf(file: File): number {
  let key = fileKeys.get(file);
  if (key === undefined) {
    key = nextFileKey++;
    fileKeys.set(file, key);
  }
  return key;
}

function acceptable(file: File): boolean {
  return TYPES.includes(file.type) || (file.type === "" && EXTENSIONS.test(file.name));
}

interface PhotoPickerProps {
  files: File[];
  onChange: (files: File[]) => void;
  disabled?: boolean;
  label: string;
  hint?: string;
  testId?: string;
}

/**
 * Choose several photos, see them as thumbnails (blob: URLs, which the CSP allows) and remove any.
 * Type and size are checked here for a quick answer; the server checks the content again.
 */
export function PhotoPicker({ files, onChange, disabled = false, label, hint, testId }: PhotoPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const [errors, setErrors] = useState<string[]>([]);
  const previews = useMemo(
    () => files.map((file) => (PREVIEWABLE.includes(file.type) ? URL.createObjectURL(file) : null)),
    [files],
  );
  useEffect(
    () => () => {
      for (const url of previews) {
        if (url) {
          URL.revokeObjectURL(url);
        }
      }
    },
    [previews],
  );

  const add = (chosen: File[]) => {
    const problems: string[] = [];
    const accepted: File[] = [];
    for (const file of chosen) {
      if (!acceptable(file)) {
        problems.push(t("report.photoWrongType", { name: file.name }));
      } else if (file.size > MAX_PHOTO_BYTES) {
        problems.push(t("report.photoTooLarge", { name: file.name }));
      } else {
        accepted.push(file);
      }
    }
    const next = [...files, ...accepted];
    if (next.length > MAX_PHOTOS) {
      problems.push(t("report.photoTooMany", { max: MAX_PHOTOS }));
    }
    setErrors(problems);
    onChange(next.slice(0, MAX_PHOTOS));
  };

  return (
    <div className="field photos" data-testid={testId}>
      <p className="field__label" id={`${id}-label`}>
        {label}
      </p>
      {files.length > 0 ? (
        <ul className="photos__list" aria-labelledby={`${id}-label`}>
          {files.map((file, index) => (
            <li key={keyOf(file)} className="photos__item">
              {previews[index] ? (
                <img className="photos__img" src={previews[index] ?? undefined} alt={file.name} />
              ) : (
                <span className="photos__img photos__img--none">{t("report.photoNoPreview")}</span>
              )}
              <button
                type="button"
                className="btn btn--ghost btn--small photos__remove"
                aria-label={t("report.removePhotoNamed", { name: file.name })}
                disabled={disabled}
                onClick={() => {
                  setErrors([]);
                  onChange(files.filter((_, i) => i !== index));
                }}
              >
                {t("report.removePhoto")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="upload">
        <input
          id={id}
          className="upload__input"
          type="file"
          multiple
          accept={[...TYPES, ".heic", ".heif"].join(",")}
          disabled={disabled || files.length >= MAX_PHOTOS}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => {
            const chosen = Array.from(event.target.files ?? []);
            event.target.value = "";
            add(chosen);
          }}
          data-testid={testId ? `${testId}-input` : undefined}
        />
        <label htmlFor={id} className="btn btn--secondary btn--small upload__label">
          {t("report.addPhotos")}
        </label>
      </div>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors.map((error) => (
        <p key={error} className="field__error">
          {error}
        </p>
      ))}
    </div>
  );
}

export interface UploadOutcome {
  sent: number;
  failed: File[];
}

/** Sends the photos one by one (a slow connection handles that better), reporting progress. */
export async function uploadPhotos(
  code: string,
  files: readonly File[],
  onProgress: (done: number) => void,
): Promise<UploadOutcome> {
  let sent = 0;
  const failed: File[] = [];
  for (const [index, file] of files.entries()) {
    try {
      await uploadReportPhoto(code, file);
      sent += 1;
    } catch {
      failed.push(file);
    }
    onProgress(index + 1);
  }
  return { sent, failed };
}
