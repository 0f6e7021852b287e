import {
  MEMBER_KINDS,
  type TCoverageResponse,
  type THamletCoverage,
  type TMembersByKind,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { vnDate } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { coveragePolicy } from "../households/households.policy";
import { loadHamlet } from "../households/households.service";
import { getCommuneRef } from "../org/org.service";
import { coverageRepository } from "./coverage.repository";

/** Percent with one decimal (req. 34); 0 for a hamlet without households. */
export const percent = (covered: number, total: number) =>
  total === 0 ? 0 : Math.round((covered * 1000) / total) / 10;

const zeroKinds = (): TMembersByKind => Object.fromEntries(MEMBER_KINDS.map((k) => [k, 0])) as TMembersByKind;
const zeroReached = () => ({ not_contacted: 0, invited: 0, declined: 0, unreachable: 0 });

async function compute(deps: Deps, communeId: string, hamletId?: string) {
  const [hamletRows, householdRows] = await Promise.all([
    coverageRepository.hamlets(deps.db, communeId, hamletId),
    coverageRepository.householdCounts(deps.db, communeId, hamletId),
  ]);
  const memberRows = await coverageRepository.memberCounts(
    deps.db,
    communeId,
    hamletRows.length === 1 ? hamletRows[0]?.groupId : undefined,
  );
  const hamlets: THamletCoverage[] = hamletRows.map((h) => {
    const mine = householdRows.filter((r) => r.hamletId === h.hamletId);
    const households = mine.reduce((s, r) => s + r.n, 0);
    const covered = mine.filter((r) => r.covered).reduce((s, r) => s + r.n, 0);
    const notReached = zeroReached();
    for (const r of mine.filter((x) => !x.covered)) {
      const key = r.contactStatus as keyof typeof notReached;
      if (key in notReached) {
        notReached[key] += r.n;
      }
    }
    const members = zeroKinds();
    for (const m of memberRows.filter((x) => x.groupId === h.groupId)) {
      const key = m.kind as keyof TMembersByKind;
      if (key in members) {
        members[key] += m.n;
      }
    }
    return {
      hamletId: h.hamletId,
      name: h.name,
      groupId: h.groupId,
      households,
      covered,
      percent: percent(covered, households),
      members,
      notReached,
    };
  });
  return hamlets;
}

async function trendOf(
  deps: Deps,
  communeId: string,
  hamletId: string | undefined,
  today: { households: number; covered: number },
) {
  const now = deps.clock.now();
  const since = vnDate(new Date(now.getTime() - 365 * 86400_000));
  const rows = await coverageRepository.trend(deps.db, communeId, since, hamletId);
  const todayKey = vnDate(now);
  const points = rows
    .filter((r) => r.day !== todayKey)
    .map((r) => ({
      day: r.day,
      households: r.households,
      covered: r.covered,
      percent: percent(r.covered, r.households),
    }));
  // The newest point is always live, so the chart ends at the numbers shown above it.
  points.push({ day: todayKey, ...today, percent: percent(today.covered, today.households) });
  return points;
}

export async function communeCoverage(
  deps: Deps,
  actor: Actor,
  communeId: string,
): Promise<TCoverageResponse> {
  const { commune } = await getCommuneRef(deps, communeId);
  const ref = { communeId, provinceId: commune.provinceId };
  enforce(coveragePolicy.visibleCommune(actor, ref), coveragePolicy.readCommune(actor, ref));
  const hamlets = await compute(deps, communeId);
  const households = hamlets.reduce((s, h) => s + h.households, 0);
  const covered = hamlets.reduce((s, h) => s + h.covered, 0);
  const members = zeroKinds();
  const notReached = zeroReached();
  for (const h of hamlets) {
    for (const k of MEMBER_KINDS) {
      members[k] += h.members[k];
    }
    for (const k of Object.keys(notReached) as (keyof typeof notReached)[]) {
      notReached[k] += h.notReached[k];
    }
  }
  return {
    communeId,
    households,
    covered,
    percent: percent(covered, households),
    members,
    notReached,
    hamlets: [...hamlets].sort((a, b) => b.percent - a.percent || a.name.localeCompare(b.name, "vi")),
    trend: await trendOf(deps, communeId, undefined, { households, covered }),
  };
}

export async function hamletCoverage(deps: Deps, actor: Actor, hamletId: string) {
  const { ref } = await loadHamlet(deps, hamletId);
  enforce(coveragePolicy.visibleCommune(actor, ref), coveragePolicy.readHamlet(actor, ref));
  const [h] = await compute(deps, ref.communeId, hamletId);
  if (!h) {
    throw new Error("hamlet without coverage row");
  }
  return {
    ...h,
    trend: await trendOf(deps, ref.communeId, hamletId, { households: h.households, covered: h.covered }),
  };
}
