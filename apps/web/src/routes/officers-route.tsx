import type { TOfficer } from "@binhyen/contracts";
import { useState } from "react";
import { Link } from "wouter";
import { Field } from "../components/field";
import { PageError } from "../components/page-error";
import { EmptyState, FlashToast, Loading, Toast } from "../components/status";
import { getCommune } from "../features/commune/commune-api";
import { AddOfficerDialog } from "../features/officers/add-officer-dialog";
import { OfficerList } from "../features/officers/officer-list";
import { listOfficers, updateOfficer } from "../features/officers/officers-api";
import { RequireTotpSetting } from "../features/officers/require-totp-setting";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { errorText } from "../lib/error-text";
import { sortByName } from "../lib/names";
import { isCommuneChief } from "../lib/roles";
import { useMe } from "../lib/session";
import { matchesQuery } from "../lib/text";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";
import { communeTitle } from "./commune-title";

export function OfficersRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const isChief = isCommuneChief(me, communeId);
  const officers = useQuery(`officers:${communeId}`, (signal) => listOfficers(communeId, signal));
  const commune = useQuery(`commune:${communeId}`, (signal) => getCommune(communeId, signal));
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState("");
  const [issuedPasswords, setIssuedPasswords] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<string | null>(null);
  const flash = useFlash();
  useDocumentTitle(t("officers.title"), t("app.name"));

  if (officers.status === "error" && !officers.data) {
    return <PageError error={officers.error} onRetry={officers.reload} />;
  }
  if (!officers.data) {
    return <Loading />;
  }
  const all = sortByName(officers.data.items, (o) => o.name);
  const shown = all.filter((o) => matchesQuery(filter, o.name, o.phone));

  const onSetStatus = async (officer: TOfficer, status: TOfficer["status"]) => {
    setActionError(null);
    try {
      await updateOfficer(communeId, officer.id, { status });
      flash.show(
        t(status === "active" ? "officers.enabledDone" : "officers.disabledDone", { name: officer.name }),
      );
      officers.reload();
    } catch (error) {
      setActionError(errorText(error, t, locale));
    }
  };

  const onResetPassword = async (officer: TOfficer) => {
    setActionError(null);
    try {
      const result = await updateOfficer(communeId, officer.id, { resetPassword: true });
      const password = result.temporaryPassword;
      if (password) {
        setIssuedPasswords((previous) => ({ ...previous, [officer.id]: password }));
      }
    } catch (error) {
      setActionError(errorText(error, t, locale));
    }
  };

  return (
    <section data-testid="officers-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("officers.title")}</h1>
          <p className="page-header__subtitle">
            {commune.data ? (
              <Link href={`/communes/${communeId}`} className="link" data-testid="officers-commune-link">
                {communeTitle(commune.data, t)}
              </Link>
            ) : null}
            <span>{t("officers.count", { count: formatNumber(all.length, locale) })}</span>
          </p>
        </div>
        <div className="page-header__actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => setAdding(true)}
            data-testid="add-officer"
          >
            {t("officers.add")}
          </button>
        </div>
      </header>

      {isChief && commune.data ? (
        <RequireTotpSetting
          communeId={communeId}
          requireTotp={commune.data.requireTotp}
          onSaved={(requireTotp) => commune.data && commune.setData({ ...commune.data, requireTotp })}
        />
      ) : null}

      {all.length === 0 ? (
        <EmptyState>{t("officers.empty")}</EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <Field label={t("officers.filter")}>
              {({ id }) => (
                <input
                  id={id}
                  className="input"
                  type="search"
                  value={filter}
                  onChange={(event) => setFilter(event.target.value)}
                  data-testid="officer-filter"
                />
              )}
            </Field>
          </div>
          {shown.length === 0 ? (
            <EmptyState>{t("officers.noMatch", { q: filter })}</EmptyState>
          ) : (
            <OfficerList
              officers={shown}
              selfId={me.user.id}
              issuedPasswords={issuedPasswords}
              onSetStatus={onSetStatus}
              onResetPassword={onResetPassword}
            />
          )}
        </>
      )}

      {adding ? (
        <AddOfficerDialog
          communeId={communeId}
          onClose={() => setAdding(false)}
          onCreated={() => officers.reload()}
        />
      ) : null}
      <FlashToast flash={flash} />
      {actionError ? (
        <Toast kind="error" onClose={() => setActionError(null)}>
          {actionError}
        </Toast>
      ) : null}
    </section>
  );
}
