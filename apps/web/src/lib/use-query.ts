import { useCallback, useEffect, useRef, useState } from "react";

export type QueryResult<T> =
  | { status: "loading"; data: T | undefined; error: undefined }
  | { status: "success"; data: T; error: undefined }
  | { status: "error"; data: T | undefined; error: unknown };

interface State<T> {
  /** The key the data belongs to; data of another key is never shown. */
  key: string | null;
  status: "loading" | "success" | "error";
  data: T | undefined;
  error: unknown;
}

/**
 * Loads data for `key` (null = do nothing) and reloads when the key changes. Requests that are
 * overtaken are aborted, so a slow answer never replaces a newer one.
 */
export function useQuery<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>) {
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const [state, setState] = useState<State<T>>({
    key: null,
    status: "loading",
    data: undefined,
    error: undefined,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) {
      return;
    }
    const controller = new AbortController();
    const run = generation;
    setState((previous) => ({
      key,
      status: "loading",
      // Keep showing the current data while the same key reloads (run > 0).
      data: previous.key === key && run > 0 ? previous.data : undefined,
      error: undefined,
    }));
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ key, status: "success", data, error: undefined });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ key, status: "error", data: previous.data, error }));
        }
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  /** Replaces the data after a successful change, without a round trip. */
  const setData = useCallback((data: T) => {
    setState((previous) => ({ ...previous, status: "success", data, error: undefined }));
  }, []);

  const current =
    state.key === key ? state : { status: "loading" as const, data: undefined, error: undefined };
  const result = {
    status: current.status,
    data: current.data,
    error: current.error,
  } as QueryResult<T>;
  return { ...result, reload, setData };
}
