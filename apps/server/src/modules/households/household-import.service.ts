import { createHash } from "node:crypto";
import type { TImportPreviewResponse, TImportStatus } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { searchKey, vietnameseSortKey } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { householdPolicy } from "./households.policy";
import { type HouseholdInsert, householdsRepository } from "./households.repository";
import { loadHamlet } from "./households.service";
import { type ImportWithAuthor, importRepository } from "./import.repository";
import { ImportFileError, type ParsedHouseholdFile, parseHouseholdFile } from "./import-file";
import { type ImportPlan, planImport } from "./import-plan";

export const MAX_IMPORT_ROWS = 100_000;
const BATCH = 500;
const PREVIEW_ROWS = 1000;

export type UploadedFile = { fileName: string; bytes: Buffer };

async function parse(deps: Deps, file: UploadedFile): Promise<ParsedHouseholdFile> {
  try {
    return await parseHouseholdFile(file.bytes, file.fileName, {
      maxBytes: deps.config.importMaxBytes,
      maxRows: MAX_IMPORT_ROWS,
    });
  } catch (err) {
    if (err instanceof ImportFileError) {
      throw new AppError("VALIDATION_FAILED", err.message, [{ path: "file", message: err.code }]);
    }
    throw err;
  }
}

async function prepare(deps: Deps, actor: Actor, hamletId: string, file: UploadedFile) {
  const hamlet = await loadHamlet(deps, hamletId);
  enforce(householdPolicy.visible(actor, hamlet.ref), householdPolicy.edit(actor, hamlet.ref));
  const parsed = await parse(deps, file);
  const existing = await householdsRepository.allOfHamlet(deps.db, hamletId);
  return { hamlet, parsed, plan: planImport(parsed.rows, existing) };
}

/** ?dryRun=true: what the import would do, row by row, writing nothing. */
export async function previewImport(
  deps: Deps,
  actor: Actor,
  hamletId: string,
  file: UploadedFile,
): Promise<TImportPreviewResponse> {
  const { parsed, plan } = await prepare(deps, actor, hamletId, file);
  return {
    dryRun: true,
    format: parsed.format,
    total: plan.rows.length,
    ...plan.counts,
    errors: plan.errors,
    rows: plan.rows.slice(0, PREVIEW_ROWS).map(({ householdId: _h, ...row }) => row),
  };
}

/**
 * Records the import (file hash, who, counts) and runs it in the background in batches of 500
 * rows, one transaction each, yielding to the event loop between batches so the server keeps
 * answering. Progress is on the import row; GET /api/imports/:id reads it.
 */
export async function startImport(
  deps: Deps,
  actor: Actor,
  hamletId: string,
  file: UploadedFile,
  requestId: string,
): Promise<{ importId: string; done: Promise<void> }> {
  const { hamlet, parsed, plan } = await prepare(deps, actor, hamletId, file);
  const now = deps.clock.now();
  const importId = deps.ids.uuid();
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  await deps.db.transaction(async (tx) => {
    await importRepository.insert(tx, {
      id: importId,
      hamletId,
      communeId: hamlet.ref.communeId,
      fileName: file.fileName.normalize("NFC").slice(0, 200),
      sha256,
      bytes: file.bytes.length,
      format: parsed.format,
      status: "running",
      total: plan.rows.length,
      rejected: plan.counts.rejected,
      errors: plan.errors.slice(0, 1000),
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "household_import.started",
      entityType: "household_import",
      entityId: importId,
      communeId: hamlet.ref.communeId,
      data: {
        hamletId,
        sha256,
        bytes: file.bytes.length,
        format: parsed.format,
        rows: plan.rows.length,
        ...plan.counts,
      },
      requestId,
    });
  });
  const done = runImport(deps, actor, importId, hamletId, hamlet.ref.communeId, plan, requestId).catch(
    async (err: unknown) => {
      deps.log?.error({ err, importId }, "household import failed");
      // Best effort: the database may itself be the failure (or closing); a later start marks a
      // stale "running" import failed anyway.
      await importRepository
        .update(deps.db, importId, { status: "failed", finishedAt: deps.clock.now() })
        .catch(() => undefined);
    },
  );
  return { importId, done };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runImport(
  deps: Deps,
  actor: Actor,
  importId: string,
  hamletId: string,
  communeId: string,
  plan: ImportPlan,
  requestId: string,
): Promise<void> {
  let processed = plan.counts.rejected;
  const work = plan.rows.filter((r) => r.action === "create" || r.action === "update");
  const progress = { imported: 0, updated: 0 };
  for (let i = 0; i < work.length; i += BATCH) {
    const batch = work.slice(i, i + BATCH);
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      const creates: HouseholdInsert[] = [];
      for (const r of batch) {
        if (r.action === "create") {
          creates.push({
            id: deps.ids.uuid(),
            hamletId,
            communeId,
            code: r.code,
            headName: r.headName,
            searchKey: searchKey(r.headName),
            sortKey: vietnameseSortKey(r.headName),
            address: r.address,
            phones: r.phones,
            memberCount: r.memberCount ?? 1,
            lastImportId: importId,
            createdAt: now,
            updatedAt: now,
          });
        } else if (r.householdId) {
          await householdsRepository.update(tx, r.householdId, {
            ...(r.changes.includes("headName")
              ? {
                  headName: r.headName,
                  searchKey: searchKey(r.headName),
                  sortKey: vietnameseSortKey(r.headName),
                }
              : {}),
            ...(r.changes.includes("address") ? { address: r.address } : {}),
            ...(r.changes.includes("phones") ? { phones: r.phones } : {}),
            ...(r.changes.includes("memberCount") && r.memberCount !== null
              ? { memberCount: r.memberCount }
              : {}),
            ...(r.changes.includes("code") ? { code: r.code } : {}),
            lastImportId: importId,
            updatedAt: now,
          });
        }
      }
      await householdsRepository.insert(tx, creates);
      progress.imported += creates.length;
      progress.updated += batch.length - creates.length;
      processed += batch.length;
      await importRepository.update(tx, importId, { processed, ...progress });
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "household_import.batch_applied",
        entityType: "household_import",
        entityId: importId,
        communeId,
        data: {
          rows: batch.map((r) => r.row),
          created: creates.map((c) => c.id),
          updated: batch.filter((r) => r.householdId).map((r) => r.householdId),
        },
        requestId,
      });
    });
    await yieldToEventLoop();
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await importRepository.update(tx, importId, {
      status: "done",
      processed: plan.rows.length,
      ...progress,
      unchanged: plan.counts.unchanged,
      finishedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "household_import.finished",
      entityType: "household_import",
      entityId: importId,
      communeId,
      data: { ...progress, unchanged: plan.counts.unchanged, rejected: plan.counts.rejected },
      requestId,
    });
  });
}

function presentImport({ row, byName }: ImportWithAuthor): TImportStatus {
  return {
    importId: row.id,
    hamletId: row.hamletId,
    status: row.status as TImportStatus["status"],
    fileName: row.fileName,
    sha256: row.sha256,
    total: row.total,
    processed: row.processed,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    errors: row.errors,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdBy: byName === null ? null : { userId: row.createdBy, name: byName },
  };
}

export async function getImport(deps: Deps, actor: Actor, importId: string): Promise<TImportStatus> {
  const found = await importRepository.find(deps.db, importId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const { ref } = await loadHamlet(deps, found.row.hamletId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  return presentImport(found);
}

export async function listImports(
  deps: Deps,
  actor: Actor,
  hamletId: string,
): Promise<{ items: TImportStatus[] }> {
  const { ref } = await loadHamlet(deps, hamletId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  return { items: (await importRepository.listForHamlet(deps.db, hamletId)).map(presentImport) };
}
