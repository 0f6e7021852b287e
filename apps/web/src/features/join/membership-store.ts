/**
 * Management links kept on this device after joining, so a resident who loses the page can find
 * the link again. Only the token and the group's name are kept (no phone, no address).
 */
const KEY = "binhyen.memberships";
const MAX = 10;

export interface SavedMembership {
  token: string;
  groupName: string;
  savedAt: string;
}

export function readSavedMemberships(): SavedMembership[] {
  try {
    const raw = window.localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) {
      return [];
    }
    return parsed.filter(
      (item): item is SavedMembership =>
        Boolean(item) &&
        typeof item === "object" &&
        typeof item.token === "string" &&
        typeof item.groupName === "string" &&
        typeof item.savedAt === "string",
    );
  } catch {
    return [];
  }
}

export function saveMembership(token: string, groupName: string): boolean {
  try {
    const others = readSavedMemberships().filter((item) => item.token !== token);
    const next = [{ token, groupName, savedAt: new Date().toISOString() }, ...others].slice(0, MAX);
    window.localStorage.setItem(KEY, JSON.stringify(next));
    return true;
  } catch {
    // Without storage the resident still sees the link on screen and can copy it.
    return false;
  }
}

export function managementUrl(token: string): string {
  return `${window.location.origin}/membership/${encodeURIComponent(token)}`;
}
