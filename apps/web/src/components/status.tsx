import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n-context";
import { isApiError } from "../lib/api-client";
import { errorText } from "../lib/error-text";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="status status--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice">
      <p>{errorText(error, t, locale)}</p>
      {requestId ? <p className="notice__meta">{t("common.requestId", { id: requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      {children}
    </div>
  );
}

/**
 * A message pinned to the bottom of the screen, so the result of an action is seen even when the
 * button that caused it is far down the page.
 */
export function Toast({
  kind,
  children,
  onClose,
}: {
  kind: "success" | "error";
  children: ReactNode;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <div
      className={`toast toast--${kind}`}
      role={kind === "error" ? "alert" : "status"}
      data-testid={`toast-${kind}`}
    >
      <span className="toast__text">{children}</span>
      <button type="button" className="toast__close" onClick={onClose}>
        {t("common.close")}
      </button>
    </div>
  );
}

/** The success toast for a useFlash() message, while there is one. */
export function FlashToast({ flash }: { flash: { message: string | null; hide: () => void } }) {
  return flash.message ? (
    <Toast kind="success" onClose={flash.hide}>
      {flash.message}
    </Toast>
  ) : null;
}
