import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { COMMUNE_KINDS, HAMLET_KINDS, type TCommuneKind, type THamletKind } from "@binhyen/contracts";
import { ConfigError, loadConfig } from "../config";
import { AppError } from "../core/errors";
import { verifyAuditChain } from "../modules/audit/audit.service";
import { actorByPhone } from "../modules/auth/auth.service";
import { getImport, previewImport, startImport } from "../modules/households/household-import.service";
import { initCommune, operatorAddOfficer, operatorUpdateUser } from "../modules/org/setup.service";
import { isDemoSeeded, seedDemo } from "../seed/demo.seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../seed/demo-data";
import { openRuntime, VERSION } from "./runtime";
import { serve } from "./serve";
import { runZaloContract } from "./zalo-contract";

const HELP = `binhyen ${VERSION} — Bình Yên (Zalo kết nối bình yên)

Usage: binhyen <command> [options]

Commands:
  serve                      Run the server (API, web app, workers) from environment configuration
  demo                       Run the demo: embedded database in ./data/demo, Đồng Tâm commune seeded
  init                       Create a commune, its hamlets (one group each) and the commune chief
                               --province NAME --commune NAME [--kind XA|PHUONG|DAC_KHU]
                               --hamlets "Ấp A;Ấp B" [--hamlet-kind AP|THON|KHU_PHO|TO_DAN_PHO]
                               --chief-name NAME --chief-phone PHONE [--chief-password PW]
                               (asks for what is missing when run on a terminal)
  migrate                    Apply database migrations and exit
  user add                   --commune ID --name NAME --phone PHONE --password PW [--role chief|deputy]
  user reset-password        --phone PHONE --password PW
  user disable | enable      --phone PHONE
  import-households          --hamlet ID --file PATH --as PHONE [--dry-run]
                               Import a hamlet's household list (CSV/XLSX) as that officer; prints the
                               preview or the result (same rules, audit and idempotency as the web app)
  audit verify               Check the audit log's hash chain; exit 1 at the first tampered row
  zalo-contract              --token-file PATH  Read-only contract checks against the real Zalo services
                               (file: {"oaAccessToken": "...", "botToken": "..."}; either may be left out).
                               Never in CI; a failure means the fake Zalo world must be corrected first.

Configuration is read from the environment (see README): DATABASE_URL, BINHYEN_DATA_DIR, PORT, HOST,
BINHYEN_SECRET_KEY, LOG_LEVEL, ...`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function ask(
  rl: ReturnType<typeof createInterface> | undefined,
  label: string,
  value?: string,
): Promise<string> {
  if (value) {
    return value;
  }
  if (!rl) {
    fail(`Missing --${label} (no terminal to ask on)`, 2);
  }
  const answer = (await rl.question(`${label}: `)).trim();
  return answer || ask(rl, label);
}

async function main(argv: string[]): Promise<void> {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(command === "user" || command === "audit" ? 2 : 1),
    strict: false,
    options: {
      help: { type: "boolean", short: "h" },
      province: { type: "string" },
      commune: { type: "string" },
      kind: { type: "string" },
      hamlets: { type: "string" },
      "hamlet-kind": { type: "string" },
      "chief-name": { type: "string" },
      "chief-phone": { type: "string" },
      "chief-password": { type: "string" },
      name: { type: "string" },
      phone: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      hamlet: { type: "string" },
      file: { type: "string" },
      as: { type: "string" },
      "dry-run": { type: "boolean" },
      "token-file": { type: "string" },
    },
  });
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  if (!command || command === "help" || command === "--help" || values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (command === "--version" || command === "version") {
    process.stdout.write(`${VERSION}\n`);
    return;
  }

  if (command === "zalo-contract") {
    const file = str("token-file");
    if (!file) {
      fail("Missing --token-file", 2);
    }
    const ok = await runZaloContract(loadConfig(process.env), JSON.parse(await readFile(file, "utf8")));
    process.exit(ok ? 0 : 1);
  }

  const demo = command === "demo";
  const config = loadConfig(process.env, demo ? { demo: true, defaultDataDir: "./data/demo" } : {});
  const { deps, database } = await openRuntime(config);
  const done = async () => database.close();

  switch (command) {
    case "serve":
      await serve(config, deps, (url) =>
        process.stdout.write(`Bình Yên ${VERSION} on ${url} (${database.kind})\n`),
      );
      return;
    case "demo": {
      if (!(await isDemoSeeded(deps.db))) {
        process.stdout.write("Seeding the Đồng Tâm demo commune (first run)…\n");
        const seeded = await seedDemo(deps);
        process.stdout.write(
          `  ${seeded.households} households, ${seeded.members} group members, ${seeded.reports} reports\n`,
        );
      }
      await serve(config, deps, (url, extra) => {
        const lines = [
          `Bình Yên ${VERSION} — demo on ${url} (database: ${database.kind}, data: ${config.dataDir})`,
          `Demo logins (password "${DEMO_PASSWORD}", demo mode only):`,
          `  Trưởng Công an xã (commune chief)      ${DEMO_ACCOUNTS.chief.phone}`,
          `  Phó Trưởng Công an xã (commune deputy) ${DEMO_ACCOUNTS.deputy.phone}`,
          `  Trưởng nhóm ấp Tân Phú (group leader)  ${DEMO_ACCOUNTS.leaders[0]?.phone}`,
          `  Phó nhóm ấp Tân Phú (group deputy)     ${DEMO_ACCOUNTS.groupDeputy.phone}`,
          `  Thành viên ấp Tân Phú (member)         ${DEMO_ACCOUNTS.member.phone}`,
          `  Trưởng nhóm ấp Đồng Tiến (leader)      ${DEMO_ACCOUNTS.leaders[1]?.phone}`,
          `  Công an tỉnh (province officer)        ${DEMO_ACCOUNTS.province.phone}`,
          ...(extra.fakeZaloUrl
            ? [`Fake Zalo world (Thế giới Zalo giả lập — act as residents): ${extra.fakeZaloUrl}/`]
            : []),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      });
      return;
    }
    case "migrate":
      process.stdout.write(`Migrations applied (${database.kind}).\n`);
      await done();
      return;
    case "init": {
      const rl = process.stdin.isTTY
        ? createInterface({ input: process.stdin, output: process.stdout })
        : undefined;
      try {
        const kind = (str("kind") ?? "XA").toUpperCase();
        const hamletKind = (str("hamlet-kind") ?? "AP").toUpperCase();
        if (
          !COMMUNE_KINDS.includes(kind as TCommuneKind) ||
          !HAMLET_KINDS.includes(hamletKind as THamletKind)
        ) {
          fail(
            `--kind must be one of ${COMMUNE_KINDS.join(", ")}; --hamlet-kind one of ${HAMLET_KINDS.join(", ")}`,
            2,
          );
        }
        const hamlets = (await ask(rl, "hamlets", str("hamlets")))
          .split(/[;\n]/)
          .map((h) => h.normalize("NFC").trim())
          .filter(Boolean);
        const input = {
          provinceName: (await ask(rl, "province", str("province"))).normalize("NFC"),
          communeName: (await ask(rl, "commune", str("commune"))).normalize("NFC"),
          communeKind: kind as TCommuneKind,
          hamlets: hamlets.map((name) => ({ name, kind: hamletKind as THamletKind })),
          chief: {
            name: (await ask(rl, "chief-name", str("chief-name"))).normalize("NFC"),
            phone: await ask(rl, "chief-phone", str("chief-phone")),
            password: await ask(rl, "chief-password", str("chief-password")),
          },
          validFrom: deps.clock.now().toISOString().slice(0, 10),
        };
        const ids = await initCommune(deps, input);
        process.stdout.write(
          `Created commune ${input.communeName} (${ids.communeId}) with ${hamlets.length} hamlets; chief signs in with ${input.chief.phone}.\n`,
        );
      } finally {
        rl?.close();
        await done();
      }
      return;
    }
    case "user": {
      try {
        if (sub === "add") {
          const role = str("role");
          const out = await operatorAddOfficer(deps, {
            communeId: str("commune") ?? fail("--commune is required", 2),
            name: str("name") ?? fail("--name is required", 2),
            phone: str("phone") ?? fail("--phone is required", 2),
            password: str("password") ?? fail("--password is required", 2),
            ...(role === "chief"
              ? { role: "COMMUNE_CHIEF" as const }
              : role === "deputy"
                ? { role: "COMMUNE_DEPUTY" as const }
                : {}),
          });
          process.stdout.write(`User ${out.phone} created (${out.userId}).\n`);
        } else if (sub === "reset-password") {
          const u = await operatorUpdateUser(deps, str("phone") ?? fail("--phone is required", 2), {
            password: str("password") ?? fail("--password is required", 2),
          });
          process.stdout.write(`Password of ${u.phone} reset; their sessions were ended.\n`);
        } else if (sub === "disable" || sub === "enable") {
          const u = await operatorUpdateUser(deps, str("phone") ?? fail("--phone is required", 2), {
            status: sub === "disable" ? "disabled" : "active",
          });
          process.stdout.write(`User ${u.phone} ${sub}d.\n`);
        } else {
          fail(`Unknown: user ${sub ?? ""}\n\n${HELP}`, 2);
        }
      } finally {
        await done();
      }
      return;
    }
    case "import-households": {
      try {
        const hamletId = str("hamlet") ?? fail("--hamlet is required", 2);
        const path = str("file") ?? fail("--file is required", 2);
        const actor = await actorByPhone(
          deps,
          str("as") ?? fail("--as PHONE (the officer importing) is required", 2),
        );
        const file = { fileName: basename(path), bytes: await readFile(path) };
        if (values["dry-run"]) {
          const p = await previewImport(deps, actor, hamletId, file);
          process.stdout.write(
            `${p.total} rows: ${p.imported} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected\n`,
          );
          for (const e of p.errors) {
            process.stdout.write(`  row ${e.row} (${e.field}): ${e.message}\n`);
          }
        } else {
          const started = await startImport(deps, actor, hamletId, file, "cli");
          await started.done;
          const r = await getImport(deps, actor, started.importId);
          process.stdout.write(
            `Import ${r.importId} ${r.status}: ${r.imported} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected (sha256 ${r.sha256.slice(0, 12)}…)\n`,
          );
          if (r.status !== "done") {
            process.exitCode = 1;
          }
        }
      } finally {
        await done();
      }
      return;
    }
    case "audit": {
      if (sub !== "verify") {
        await done();
        fail(`Unknown: audit ${sub ?? ""}`, 2);
      }
      const result = await verifyAuditChain(deps.db);
      await done();
      if (result.ok) {
        process.stdout.write(`Audit log OK: ${result.rows} rows, hash chain intact.\n`);
        return;
      }
      fail(
        `Audit log TAMPERED at row ${result.firstBadId}: ${result.reason} (${result.rows} rows checked).`,
        1,
      );
      return;
    }
    default:
      await done();
      fail(`Unknown command: ${command}\n\n${HELP}`, 2);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    fail(err.message, 2);
  }
  if (err instanceof AppError) {
    fail(`${err.code}: ${err.message}`, 1);
  }
  fail(err instanceof Error ? (err.stack ?? err.message) : String(err), 1);
});
