/**
 * Hands a downloaded file to the browser as a download. A temporary blob: address and a link with
 * `download` work under the strict CSP (no inline script, no data: navigation) and on phones.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns: keep it alive for a while.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
