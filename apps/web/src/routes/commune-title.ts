import type { TCommuneDetail } from "@binhyen/contracts";
import type { Translate } from "../i18n/i18n-context";
import { fold } from "../lib/text";

/** "Xã Đồng Tâm": the kind is added unless the stored name already starts with it. */
export function communeTitle(commune: Pick<TCommuneDetail, "kind" | "name">, t: Translate): string {
  const kind = t(`communeKind.${commune.kind}`);
  return fold(commune.name).startsWith(fold(kind))
    ? commune.name
    : t("commune.title", { kind, name: commune.name });
}
