import type { Mention } from "./state";

const MENTION = /\[@([0-9]{1,25})\]/g;

/**
 * GMF mentions are inline text (reference/zalo.md §2.8): `[@<user_id>]` mentions one member,
 * `[@<group_id>]` everyone. A token naming someone who is not a member stays plain text. Offsets
 * and lengths are in UTF-16 code units of the stored text and cover the whole `[@…]` token.
 */
export function parseMentions(
  text: string,
  groupId: string,
  isMember: (userId: string) => boolean,
): Mention[] {
  const mentions: Mention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const id = match[1] ?? "";
    const at = { offset: match.index, length: match[0].length };
    if (id === groupId) {
      mentions.push({ kind: "all", id, ...at });
    } else if (isMember(id)) {
      mentions.push({ kind: "user", id, ...at });
    }
  }
  return mentions;
}
