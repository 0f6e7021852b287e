import type { TJoinResult } from "@binhyen/contracts";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { CopyField } from "../components/copy-field";
import { PublicShell } from "../components/public-shell";
import { ErrorNotice, Loading } from "../components/status";
import { getJoinInfo, type JoinSource } from "../features/join/join-api";
import { JoinForm } from "../features/join/join-form";
import { managementUrl, readSavedMemberships, saveMembership } from "../features/join/membership-store";
import { useI18n } from "../i18n/i18n-context";
import { isApiError } from "../lib/api-client";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/** A resident joins: with a personal household invitation (/join/:token) or the group's QR (/join/group/:id). */
export function JoinRoute({ source }: { source: JoinSource }) {
  const { t } = useI18n();
  const key = source.kind === "token" ? `join:${source.token}` : `join-group:${source.groupId}`;
  const info = useQuery(key, (signal) => getJoinInfo(source, signal));
  const [result, setResult] = useState<(TJoinResult & { saved: boolean }) | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  // The form is replaced by the result: move there, so a phone user sees it and a screen reader reads it.
  useEffect(() => {
    if (result) {
      resultRef.current?.focus();
      resultRef.current?.scrollIntoView({ block: "start" });
    }
  }, [result]);
  useDocumentTitle(info.data ? info.data.group.name : t("join.pageTitle"), t("app.name"));

  let body: ReactNode;
  if (info.status === "error") {
    body =
      isApiError(info.error, "NOT_FOUND") || isApiError(info.error, "VALIDATION_FAILED") ? (
        <section className="card" data-testid="join-invalid">
          <h1 className="public-title">{t("join.pageTitle")}</h1>
          <p className="notice notice--warning">{t("join.invalid")}</p>
        </section>
      ) : (
        <ErrorNotice error={info.error} onRetry={info.reload} />
      );
  } else if (!info.data) {
    body = <Loading />;
  } else {
    const { group, household } = info.data;
    const saved = readSavedMemberships().filter((item) => item.groupName === group.name);
    body = (
      <>
        <section className="card join-group" data-testid="join-group">
          <h1 className="public-title" data-testid="join-group-name">
            {group.name}
          </h1>
          <p className="muted">{t("join.place", { hamlet: group.hamletName, commune: group.communeName })}</p>
          {group.leaderName ? <p className="muted">{t("join.leader", { name: group.leaderName })}</p> : null}
          {household ? (
            <p className="notice notice--info" data-testid="join-household">
              {t("join.forHousehold", { name: household.headName })}
            </p>
          ) : null}
          <h2 className="section-label join-group__heading">{t("join.about")}</h2>
          <p className="prose" data-testid="join-description">
            {group.description || t("join.noAbout")}
          </p>
          {group.rules ? (
            <>
              <h2 className="section-label join-group__heading">{t("join.rules")}</h2>
              <div className="prose rules" data-testid="join-rules">
                {group.rules}
              </div>
            </>
          ) : null}
        </section>
        {result ? (
          <section
            ref={resultRef}
            tabIndex={-1}
            className="card join-result"
            data-testid="join-result"
            data-status={result.status}
          >
            <p className="notice notice--success" role="status">
              {result.status === "joined"
                ? t("join.joined", { group: group.name })
                : t("join.pending", { group: group.name })}
            </p>
            <CopyField
              label={t("join.manageLink")}
              value={managementUrl(result.manageToken)}
              hint={t("join.manageHint")}
              testId="manage-link"
            />
            {result.saved ? <p className="muted small">{t("join.manageSaved")}</p> : null}
            <div className="form-actions">
              <Link
                href={`/membership/${encodeURIComponent(result.manageToken)}`}
                className="btn btn--secondary"
                data-testid="open-manage"
              >
                {t("join.openManage")}
              </Link>
            </div>
          </section>
        ) : (
          <section className="card">
            {saved.length > 0 ? (
              <p className="notice notice--info">
                {t("join.savedOnDevice")}{" "}
                {saved.map((item) => (
                  <Link
                    key={item.token}
                    href={`/membership/${encodeURIComponent(item.token)}`}
                    className="link"
                  >
                    {item.groupName}
                  </Link>
                ))}
              </p>
            ) : null}
            <JoinForm
              source={source}
              info={info.data}
              onJoined={(joined) =>
                setResult({ ...joined, saved: saveMembership(joined.manageToken, group.name) })
              }
            />
          </section>
        )}
      </>
    );
  }

  return (
    <PublicShell>
      <div data-testid="join-page">{body}</div>
    </PublicShell>
  );
}
