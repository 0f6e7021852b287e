import { type ReactNode, useEffect, useId, useRef } from "react";
import { useI18n } from "../i18n/i18n-context";

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/** A native modal <dialog>: focus trapping, Escape and the backdrop come from the browser. */
export function Modal({ title, onClose, children, testId }: ModalProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (!dialog.open) {
      dialog.showModal();
    }
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener("close", handleClose);
    return () => {
      dialog.removeEventListener("close", handleClose);
      if (dialog.open) {
        dialog.close();
      }
    };
  }, []);

  return (
    <dialog ref={ref} className="modal" aria-labelledby={titleId} data-testid={testId}>
      <div className="modal__header">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => ref.current?.close()}>
          {t("common.close")}
        </button>
      </div>
      <div className="modal__body">{children}</div>
    </dialog>
  );
}
