import type { TGroupDetail } from "@binhyen/contracts";
import { useId, useState } from "react";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { uploadGroupImage } from "./group-api";

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp"];

interface ImageUploadProps {
  groupId: string;
  which: "avatar" | "background";
  onUploaded: (group: TGroupDetail | null) => void;
}

/** A file picker styled as a button; it uploads as soon as a picture is chosen. */
export function ImageUpload({ groupId, which, onUploaded }: ImageUploadProps) {
  const { t } = useI18n();
  const id = useId();
  const submit = useSubmit();
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onFile = async (file: File | undefined) => {
    setDone(false);
    setLocalError(null);
    if (!file) {
      return;
    }
    // Checked here for a quick answer; the server checks the content again.
    if (!TYPES.includes(file.type)) {
      setLocalError(t("group.imageWrongType"));
      return;
    }
    if (file.size > MAX_BYTES) {
      setLocalError(t("group.imageTooLarge"));
      return;
    }
    const result = await submit.run(() => uploadGroupImage(groupId, which, file));
    if (result.ok) {
      setDone(true);
      onUploaded(result.value);
    }
  };

  return (
    <div className="upload">
      <input
        id={id}
        className="upload__input"
        type="file"
        accept={TYPES.join(",")}
        disabled={submit.busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          void onFile(file);
        }}
        data-testid={`upload-${which}`}
      />
      <label htmlFor={id} className="btn btn--secondary btn--small upload__label">
        {submit.busy
          ? t("group.uploading")
          : which === "avatar"
            ? t("group.changeAvatar")
            : t("group.changeBackground")}
      </label>
      {localError ? <p className="field__error">{localError}</p> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      {done ? (
        <p className="field__hint" role="status">
          {t("group.imageUpdated")}
        </p>
      ) : null}
    </div>
  );
}
