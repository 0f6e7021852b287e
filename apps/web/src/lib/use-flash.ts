import { useCallback, useEffect, useState } from "react";

/** A short success message that disappears after a few seconds. */
export function useFlash(durationMs = 6000) {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (message === null) {
      return;
    }
    const timer = window.setTimeout(() => setMessage(null), durationMs);
    return () => window.clearTimeout(timer);
  }, [message, durationMs]);
  const show = useCallback((text: string) => setMessage(text), []);
  const hide = useCallback(() => setMessage(null), []);
  return { message, show, hide };
}
