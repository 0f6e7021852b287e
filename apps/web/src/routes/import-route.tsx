import type { TImportPreviewResponse, TImportStatus } from "@binhyen/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { ProgressBar } from "../components/progress-bar";
import { ErrorNotice, Loading } from "../components/status";
import { getGroup } from "../features/group/group-api";
import {
  getImport,
  IMPORT_TEMPLATE_CSV,
  IMPORT_TEMPLATE_XLSX,
  previewImport,
  startImport,
} from "../features/households/households-api";
import { ImportFileError } from "../features/households/import-file-error";
import { ImportHistory } from "../features/households/import-history";
import { ImportCounts, ImportPreview } from "../features/households/import-preview";
import { getHamletCoverage } from "../features/reach/coverage-api";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";
import { useSubmit } from "../lib/use-submit";

const POLL_MS = 500;
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Stage =
  | { kind: "choose" }
  | { kind: "preview"; file: File; preview: TImportPreviewResponse }
  | { kind: "running"; file: File; importId: string; status: TImportStatus | null }
  | { kind: "finished"; status: TImportStatus };

/** Follows a running import every half second until it is done or failed. */
function useImportPolling(
  importId: string | null,
  onUpdate: (status: TImportStatus) => void,
  onError: (error: unknown) => void,
) {
  // The latest callbacks, so following one import never restarts because a render made new ones.
  const callbacks = useRef({ onUpdate, onError });
  callbacks.current = { onUpdate, onError };

  useEffect(() => {
    if (!importId) {
      return;
    }
    const controller = new AbortController();
    let timer: number | undefined;
    const tick = async () => {
      try {
        const status = await getImport(importId, controller.signal);
        if (controller.signal.aborted) {
          return;
        }
        callbacks.current.onUpdate(status);
        if (status.status === "running") {
          timer = window.setTimeout(() => void tick(), POLL_MS);
        }
      } catch (error) {
        if (!controller.signal.aborted) {
          callbacks.current.onError(error);
        }
      }
    };
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [importId]);
}

export function ImportRoute({ hamletId }: { hamletId: string }) {
  const { t, locale } = useI18n();
  const inputId = useId();
  const [stage, setStage] = useState<Stage>({ kind: "choose" });
  const [historyVersion, setHistoryVersion] = useState(0);
  const [pollError, setPollError] = useState<unknown>(null);
  const checking = useSubmit();
  const starting = useSubmit();
  const coverage = useQuery(`hamlet-coverage:${hamletId}`, (signal) => getHamletCoverage(hamletId, signal));
  const groupId = coverage.data?.groupId ?? null;
  const group = useQuery(groupId ? `group:${groupId}` : null, (signal) => getGroup(groupId ?? "", signal));
  useDocumentTitle(t("import.title"), t("app.name"));

  useImportPolling(
    stage.kind === "running" ? stage.importId : null,
    (status) => {
      if (status.status === "running") {
        setStage((current) => (current.kind === "running" ? { ...current, status } : current));
      } else {
        setStage({ kind: "finished", status });
        setHistoryVersion((v) => v + 1);
      }
    },
    setPollError,
  );

  if (coverage.status === "error" && !coverage.data) {
    return <PageError error={coverage.error} onRetry={coverage.reload} />;
  }
  if (!coverage.data) {
    return <Loading />;
  }
  const hamlet = coverage.data;
  const n = (value: number) => formatNumber(value, locale);
  const householdsHref = `/hamlets/${hamletId}/households`;

  const onFile = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    starting.clearError();
    setStage({ kind: "choose" });
    const result = await checking.run(() => previewImport(hamletId, file));
    if (result.ok) {
      setStage({ kind: "preview", file, preview: result.value });
    }
  };

  const onImport = async () => {
    if (stage.kind !== "preview") {
      return;
    }
    const file = stage.file;
    setPollError(null);
    const result = await starting.run(() => startImport(hamletId, file));
    if (result.ok) {
      setStage({ kind: "running", file, importId: result.value.importId, status: null });
    }
  };

  const picker = (
    <div className="upload">
      <input
        id={inputId}
        className="upload__input"
        type="file"
        accept={ACCEPT}
        disabled={checking.busy || stage.kind === "running"}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          void onFile(file);
        }}
        data-testid="import-file"
      />
      <label
        htmlFor={inputId}
        className={`btn upload__label ${stage.kind === "choose" ? "btn--primary" : "btn--secondary"}`}
      >
        {checking.busy
          ? t("import.checking")
          : stage.kind === "choose"
            ? t("import.choose")
            : t("import.chooseOther")}
      </label>
    </div>
  );

  return (
    <section data-testid="import-page">
      <p className="breadcrumb">
        <Link href={householdsHref} className="link">
          ← {t("households.title")} · {hamlet.name}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("import.title")}</h1>
          <p className="page-header__subtitle">{hamlet.name}</p>
        </div>
      </header>

      <section className="card">
        <p>{t("import.intro")}</p>
        <p className="muted small import-hint">{t("import.columnsHint")}</p>
        <p className="import-templates">
          <span>{t("import.templates")}</span>
          <a className="link" href={IMPORT_TEMPLATE_XLSX} download data-testid="template-xlsx">
            {t("import.templateXlsx")}
          </a>
          <a className="link" href={IMPORT_TEMPLATE_CSV} download data-testid="template-csv">
            {t("import.templateCsv")}
          </a>
        </p>
        {stage.kind === "choose" || stage.kind === "preview" ? picker : null}
        {checking.busy ? <Loading label={t("import.checking")} /> : null}
        {checking.error ? <ImportFileError error={checking.error} /> : null}
      </section>

      {stage.kind === "preview" ? (
        <section className="card" aria-labelledby="import-preview-title">
          <h2 className="card__title" id="import-preview-title">
            {t("import.previewTitle")}
          </h2>
          <p className="import-file-name" data-testid="import-file-name">
            {t("import.file", { name: stage.file.name })}
          </p>
          <ImportPreview preview={stage.preview} />
          <div className="form-actions">
            {stage.preview.imported + stage.preview.updated > 0 ? (
              <button
                type="button"
                className="btn btn--primary"
                disabled={starting.busy}
                onClick={() => void onImport()}
                data-testid="import-submit"
              >
                {t("import.submitCount", { count: n(stage.preview.imported + stage.preview.updated) })}
              </button>
            ) : (
              <p className="notice notice--info" data-testid="import-nothing">
                {t("import.nothingToDo")}
              </p>
            )}
          </div>
          {starting.error ? <ImportFileError error={starting.error} /> : null}
        </section>
      ) : null}

      {stage.kind === "running" ? (
        <section className="card" aria-live="polite" data-testid="import-running">
          <h2 className="card__title">{t("import.running")}</h2>
          <ProgressBar
            percent={
              stage.status && stage.status.total > 0 ? (stage.status.processed / stage.status.total) * 100 : 0
            }
            label={t("import.progressLabel")}
            valueText={t("import.progress", {
              processed: n(stage.status?.processed ?? 0),
              total: n(stage.status?.total ?? 0),
            })}
            testId="import-progress"
          />
          <p className="muted small">
            {t("import.progress", {
              processed: n(stage.status?.processed ?? 0),
              total: n(stage.status?.total ?? 0),
            })}
          </p>
          {pollError ? <ErrorNotice error={pollError} /> : null}
        </section>
      ) : null}

      {stage.kind === "finished" ? (
        <section className="card" data-testid="import-result" data-status={stage.status.status}>
          <h2 className="card__title">
            {stage.status.status === "done" ? t("import.done") : t("import.failed")}
          </h2>
          <ProgressBar
            percent={100}
            label={t("import.progressLabel")}
            valueText={t("import.progress", {
              processed: n(stage.status.processed),
              total: n(stage.status.total),
            })}
            tone={stage.status.status === "done" ? "high" : "critical"}
          />
          <p className="import-file-name">{t("import.file", { name: stage.status.fileName })}</p>
          <ImportCounts
            tense="result"
            counts={{
              create: stage.status.imported,
              update: stage.status.updated,
              unchanged: stage.status.unchanged,
              reject: stage.status.rejected,
            }}
          />
          {stage.status.errors.length > 0 ? (
            <details className="import-errors">
              <summary>{t("import.errorsTitle")}</summary>
              <ul>
                {stage.status.errors.map((error) => (
                  <li key={`${error.row}:${error.field}:${error.message}`}>
                    {t("import.errorRow", { row: error.row })}: {error.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="form-actions">
            <Link href={householdsHref} className="btn btn--primary" data-testid="import-view-households">
              {t("import.viewHouseholds")}
            </Link>
            <Link href={`${householdsHref}?reached=no`} className="btn btn--secondary">
              {t("import.viewNotReached")}
            </Link>
            {group.data ? (
              <Link
                href={`/communes/${group.data.communeId}/coverage`}
                className="btn btn--secondary"
                data-testid="import-view-coverage"
              >
                {t("import.viewCoverage")}
              </Link>
            ) : null}
            <button type="button" className="btn btn--ghost" onClick={() => setStage({ kind: "choose" })}>
              {t("import.again")}
            </button>
          </div>
        </section>
      ) : null}

      <ImportHistory hamletId={hamletId} version={historyVersion} />
    </section>
  );
}
