import { useCallback, useState } from "react";
import { isApiError } from "./api-client";

/** Busy flag and last error for a form's submit action. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
      setBusy(true);
      setError(null);
      try {
        const value = await action();
        return { ok: true, value };
      } catch (caught) {
        setError(caught);
        return { ok: false };
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}

/** The server's message for one field of a VALIDATION_FAILED answer, if it named that field. */
export function fieldIssue(error: unknown, field: string): string | undefined {
  if (!isApiError(error, "VALIDATION_FAILED")) {
    return undefined;
  }
  return error.fieldIssues.find((issue) => issue.path === field || issue.path.startsWith(`${field}.`))
    ?.message;
}
