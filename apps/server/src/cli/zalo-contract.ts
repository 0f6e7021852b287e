import { createBotClient } from "../channels/zalo-bot/bot-client";
import { botContract, type ContractCheck, oaContract } from "../channels/zalo-contract/zalo-contract";
import { createOaClient } from "../channels/zalo-oa/oa-client";
import type { Config } from "../config";

/** `binhyen zalo-contract`: the contract checks against the configured (real) Zalo hosts. */
export async function runZaloContract(
  config: Config,
  tokens: { oaAccessToken?: string; botToken?: string },
): Promise<boolean> {
  const z = config.zalo;
  const checks: ContractCheck[] = [];
  if (tokens.oaAccessToken) {
    const token = tokens.oaAccessToken;
    const api = createOaClient({ apiUrl: z.oaApiUrl, oauthUrl: z.oauthUrl, maxAttempts: 1 }).forOa(
      async () => token,
    );
    checks.push(...(await oaContract(api)));
  }
  if (tokens.botToken) {
    checks.push(
      ...(await botContract(createBotClient({ apiUrl: z.botApiUrl, maxAttempts: 1 }), tokens.botToken)),
    );
  }
  for (const c of checks) {
    process.stdout.write(`${c.ok ? "✓" : "✗"} ${c.name} — ${c.detail}\n`);
  }
  process.stdout.write(
    `${checks.filter((c) => c.ok).length}/${checks.length} checks passed against ${z.oaApiUrl}\n`,
  );
  return checks.length > 0 && checks.every((c) => c.ok);
}
