import type { BotClient } from "../zalo-bot/bot-client";
import type { OaApi } from "../zalo-oa/oa-client";

/**
 * The contract Bình Yên relies on, as read-only checks that run against the fake Zalo world in CI
 * (zalo-contract.int.test.ts) and against the real services when an operator runs
 * `binhyen zalo-contract --token-file …` with real credentials (never in CI). A check that fails
 * on the real service means the fake (and reference/zalo.md) must be corrected first.
 */
export type ContractCheck = { name: string; ok: boolean; detail: string };

const ID = /^[0-9]{1,25}$/;

async function check(out: ContractCheck[], name: string, run: () => Promise<string>) {
  try {
    out.push({ name, ok: true, detail: await run() });
  } catch (err) {
    out.push({ name, ok: false, detail: err instanceof Error ? err.message : String(err) });
  }
}

function must(cond: boolean, what: string): void {
  if (!cond) {
    throw new Error(what);
  }
}

export async function oaContract(api: OaApi): Promise<ContractCheck[]> {
  const out: ContractCheck[] = [];
  await check(out, "getoa: OA id is a decimal string, name present", async () => {
    const oa = await api.getOa();
    must(ID.test(oa.oaId), `oa id ${oa.oaId}`);
    must(oa.name.length > 0, "empty name");
    return `${oa.name} (verified: ${String(oa.isVerified)}, package: ${oa.packageName ?? "?"})`;
  });
  await check(out, "quota/group: GMF assets carry string ids and a product type", async () => {
    const assets = await api.groupQuota({});
    for (const a of assets) {
      must(a.assetId.length > 0, "asset without id");
      must(a.productType === null || /^gmf\d+$/.test(a.productType), `product type ${a.productType}`);
    }
    return `${assets.length} asset(s)`;
  });
  await check(out, "group/getgroupsofoa: groups with string ids, status, ceiling", async () => {
    const page = await api.getGroupsOfOa(0, 10);
    for (const g of page.groups) {
      must(ID.test(g.groupId), `group id ${g.groupId}`);
    }
    const first = page.groups[0];
    if (first) {
      const g = await api.getGroup(first.groupId);
      must(g.groupId === first.groupId, "getgroup id mismatch");
      must(g.status === null || ["enabled", "disabled"].includes(g.status), `status ${g.status}`);
    }
    return `${page.groups.length} group(s)`;
  });
  await check(out, "user/getlist + user/detail: follower ids keep their precision", async () => {
    const page = await api.userList({ offset: 0, count: 5 });
    for (const id of page.userIds) {
      must(ID.test(id), `user id ${id}`);
    }
    const first = page.userIds[0];
    if (first) {
      const d = await api.userDetail(first);
      must(d.userId === first, "detail id mismatch");
    }
    return `${page.total} follower(s)`;
  });
  return out;
}

export async function botContract(bot: BotClient, token: string): Promise<ContractCheck[]> {
  const out: ContractCheck[] = [];
  await check(out, "getMe: the bot identity", async () => {
    const me = await bot.getMe(token);
    must(me.id.length > 0, "no id");
    return me.accountName;
  });
  await check(out, "getWebhookInfo: url as a string", async () => {
    const info = await bot.getWebhookInfo(token);
    must(typeof info.url === "string", "url");
    return info.url || "(no webhook)";
  });
  return out;
}
