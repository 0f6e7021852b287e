import type { TAnnouncementFile } from "@binhyen/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { ProgressBar } from "../../components/progress-bar";
import { useI18n } from "../../i18n/i18n-context";
import { errorText } from "../../lib/error-text";
import { fileUrl, uploadAnnouncementFile } from "./announcements-api";
import { formatBytes } from "./person-notice-view";

const MAX_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];
const FILE_ACCEPT = [...IMAGE_TYPES, "application/pdf", ".pdf", ".doc", ".docx", ".xls", ".xlsx"];

interface Upload {
  key: number;
  name: string;
  progress: number;
  error: string | null;
}

interface FileUploadsProps {
  communeId: string;
  files: readonly TAnnouncementFile[];
  onUploaded: (file: TAnnouncementFile) => void;
  onRemove: (fileId: string) => void;
  label: string;
  hint?: string;
  /** One picture only (the person's photo of a wanted/missing notice). */
  single?: boolean;
  max?: number;
  /** Messages of the content check about these files (field "file:<name>"). */
  problems?: readonly string[];
  disabled?: boolean;
  testId: string;
}

let nextKey = 1;

/**
 * Files go up as soon as they are chosen (multipart to the commune's announcement-files), one at a
 * time with a progress bar each; uploaded pictures show as thumbnails served by the API.
 */
export function FileUploads({
  communeId,
  files,
  onUploaded,
  onRemove,
  label,
  hint,
  single = false,
  max = 10,
  problems = [],
  disabled = false,
  testId,
}: FileUploadsProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const aborts = useRef(new Set<() => void>());
  useEffect(() => {
    const pending = aborts.current;
    return () => {
      for (const abort of pending) {
        abort();
      }
    };
  }, []);
  const limit = single ? 1 : max;
  const busy = uploads.some((u) => u.error === null);

  const patch = (key: number, change: Partial<Upload>) =>
    setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = async (chosen: File[]) => {
    const room = Math.max(0, limit - files.length);
    const accepted: Array<{ file: File; key: number }> = [];
    const rejected: Upload[] = [];
    for (const file of chosen) {
      const key = nextKey++;
      if (single && !IMAGE_TYPES.includes(file.type)) {
        rejected.push({ key, name: file.name, progress: 0, error: t("files.imageOnly") });
      } else if (file.size > MAX_BYTES) {
        rejected.push({ key, name: file.name, progress: 0, error: t("files.tooLarge", { name: file.name }) });
      } else if (accepted.length >= room) {
        rejected.push({ key, name: file.name, progress: 0, error: t("files.tooMany", { max: limit }) });
      } else {
        accepted.push({ file, key });
      }
    }
    setUploads((current) => [
      ...current.filter((u) => u.error === null),
      ...rejected,
      ...accepted.map(({ file, key }) => ({ key, name: file.name, progress: 0, error: null })),
    ]);
    // One after another: a slow rural connection finishes each file rather than all of them late.
    for (const { file, key } of accepted) {
      const job = uploadAnnouncementFile(communeId, file, (fraction) => patch(key, { progress: fraction }));
      aborts.current.add(job.abort);
      try {
        const uploaded = await job.promise;
        setUploads((current) => current.filter((u) => u.key !== key));
        onUploaded(uploaded);
      } catch (error) {
        if (error instanceof DOMException && error.name === "AbortError") {
          return;
        }
        patch(key, { error: t("files.failed", { name: file.name, reason: errorText(error, t, locale) }) });
      } finally {
        aborts.current.delete(job.abort);
      }
    }
  };

  return (
    <div className={problems.length > 0 ? "field field--invalid" : "field"} data-testid={testId}>
      <p className="field__label" id={`${id}-label`}>
        {label}
      </p>
      {files.length > 0 ? (
        <ul className="photos__list" aria-labelledby={`${id}-label`} data-testid={`${testId}-list`}>
          {files.map((file) => (
            <li key={file.id} className="photos__item" data-testid={`${testId}-item`}>
              {file.kind === "image" ? (
                <img className="photos__img" src={fileUrl(file.id)} alt={file.name} />
              ) : (
                <span className="photos__img photos__img--none">
                  {file.name} ({formatBytes(file.bytes)})
                </span>
              )}
              <button
                type="button"
                className="btn btn--ghost btn--small photos__remove"
                aria-label={t("files.removeNamed", { name: file.name })}
                disabled={disabled}
                onClick={() => onRemove(file.id)}
              >
                {t("files.remove")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {uploads.length > 0 ? (
        <ul className="plain-list uploads" aria-live="polite">
          {uploads.map((upload) => (
            <li key={upload.key} className="uploads__item">
              {upload.error ? (
                <p className="field__error">{upload.error}</p>
              ) : (
                <>
                  <span className="uploads__name">{t("files.uploading", { name: upload.name })}</span>
                  <ProgressBar
                    percent={upload.progress * 100}
                    label={t("files.progressLabel", { name: upload.name })}
                    valueText={`${Math.round(upload.progress * 100)}%`}
                    testId={`${testId}-progress`}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {files.length < limit ? (
        <div className="upload">
          <input
            id={id}
            className="upload__input"
            type="file"
            multiple={!single}
            accept={(single ? IMAGE_TYPES : FILE_ACCEPT).join(",")}
            disabled={disabled || busy}
            aria-describedby={hint ? `${id}-hint` : undefined}
            onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              event.target.value = "";
              void start(chosen);
            }}
            data-testid={`${testId}-input`}
          />
          <label htmlFor={id} className="btn btn--secondary btn--small upload__label">
            {single ? t("files.choosePhoto") : t("files.choose")}
          </label>
        </div>
      ) : null}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problems.map((problem) => (
        <p key={problem} className="field__error" data-testid="content-finding">
          {problem}
        </p>
      ))}
    </div>
  );
}
