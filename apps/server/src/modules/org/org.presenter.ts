import type {
  TDeputy,
  TDeputyTitle,
  TGroupSummary,
  THamletKind,
  TPersonRef,
  TPostingMode,
} from "@binhyen/contracts";
import { sortByVietnameseName } from "../../core/text";

type Official = {
  groupId: string | null;
  role: string;
  title: string | null;
  userId: string;
  name: string;
  phone: string;
};
type GroupRow = { id: string; name: string; postingMode: string };

export function presentGroupSummary(
  group: GroupRow,
  officials: Official[],
  memberCount: number,
): TGroupSummary {
  const mine = officials.filter((o) => o.groupId === group.id);
  const leader = mine.find((o) => o.role === "GROUP_LEADER");
  const deputies: TDeputy[] = sortByVietnameseName(
    mine.filter((o) => o.role === "GROUP_DEPUTY"),
    (o) => o.name,
  ).map((o) => ({
    userId: o.userId,
    name: o.name,
    phone: o.phone,
    title: (o.title ?? "OTHER") as TDeputyTitle,
  }));
  const person = (o: Official): TPersonRef => ({ userId: o.userId, name: o.name, phone: o.phone });
  return {
    id: group.id,
    name: group.name,
    postingMode: group.postingMode as TPostingMode,
    leader: leader ? person(leader) : null,
    deputies,
    memberCount,
  };
}

export const hamletKind = (k: string) => k as THamletKind;

export const isoDate = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === "string" ? d : d.toISOString().slice(0, 10);
