import { useEffect } from "react";

/** "<page> – Bình Yên" in the browser tab and in screen readers' page announcements. */
export function useDocumentTitle(title: string | null | undefined, appName: string): void {
  useEffect(() => {
    document.title = title ? `${title} – ${appName}` : appName;
  }, [title, appName]);
}
