import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Link, useSearch } from "wouter";
import { Field } from "../components/field";
import { PublicShell } from "../components/public-shell";
import { ErrorNotice, Loading } from "../components/status";
import { checkReceiptCode, codeFromFragment } from "../features/reports/receipt-code";
import { ReceiptView } from "../features/reports/receipt-view";
import { forgetReceipt, readReceipts } from "../features/reports/report-store";
import { getReceipt } from "../features/reports/reports-api";
import { SavedReceipts } from "../features/reports/saved-receipts";
import { useI18n } from "../i18n/i18n-context";
import { isApiError } from "../lib/api-client";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/**
 * /report/follow — the reporter comes back with the receipt code: typed in, from the link given
 * after sending (?code=), from the QR code shown then (#code, which never reaches a server), or
 * from the codes remembered on this device. No account is involved.
 */
export function ReportFollowRoute() {
  const { t } = useI18n();
  const search = useSearch();
  // Read once: the fragment is taken out of the address bar right after (below).
  const [fragmentCode] = useState(() => codeFromFragment(window.location.hash));
  const urlCode = fragmentCode || (new URLSearchParams(search).get("code") ?? "");
  const [code, setCode] = useState<string | null>(() => {
    const checked = checkReceiptCode(urlCode);
    return checked.ok ? checked.code : null;
  });
  const [input, setInput] = useState(urlCode);
  const [inputError, setInputError] = useState<string | null>(null);
  const [saved, setSaved] = useState(readReceipts);
  const receipt = useQuery(code ? `receipt:${code}` : null, (signal) => getReceipt(code ?? "", signal));
  useDocumentTitle(t("follow.pageTitle"), t("app.name"));

  // The code leaves the address bar (and this entry of the history), so it is not shown over a
  // shoulder, bookmarked or shared with the address by mistake.
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(
        window.history.state,
        "",
        `${window.location.pathname}${window.location.search}`,
      );
    }
  }, []);

  const open = (typed: string) => {
    const checked = checkReceiptCode(typed);
    if (checked.ok) {
      setInputError(null);
      setInput(checked.code);
      if (checked.code === code) {
        receipt.reload();
      } else {
        setCode(checked.code);
      }
      return;
    }
    setInputError(
      checked.reason === "empty"
        ? t("follow.codeRequired")
        : checked.reason === "accents"
          ? t("follow.codeAccents")
          : checked.reason === "chars"
            ? t("follow.codeChars")
            : t("follow.codeLength", { count: checked.length }),
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    open(input);
  };

  const notFound = code !== null && receipt.status === "error" && isApiError(receipt.error, "NOT_FOUND");
  const showEntry = code === null || (receipt.status === "error" && !receipt.data);

  let view: ReactNode = null;
  if (code !== null && !notFound) {
    if (receipt.status === "error" && !receipt.data) {
      view = <ErrorNotice error={receipt.error} onRetry={receipt.reload} />;
    } else if (!receipt.data) {
      view = <Loading />;
    } else {
      view = (
        <>
          <ReceiptView code={code} view={receipt.data} onChange={receipt.setData} onReload={receipt.reload} />
          <div className="form-actions">
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => {
                setCode(null);
                setInput("");
              }}
              data-testid="follow-other-code"
            >
              {t("follow.otherCode")}
            </button>
          </div>
        </>
      );
    }
  }

  return (
    <PublicShell>
      <div data-testid="follow-page">
        {showEntry ? (
          <>
            <section className="card">
              <h1 className="public-title">{t("follow.pageTitle")}</h1>
              <p className="form-intro">{t("follow.intro")}</p>
              <form onSubmit={onSubmit} noValidate data-testid="follow-form">
                <Field label={t("follow.code")} hint={t("follow.codeHint")} error={inputError}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      className="input input--receipt"
                      value={input}
                      onChange={(event) => {
                        setInput(event.target.value);
                        setInputError(null);
                      }}
                      autoCapitalize="characters"
                      autoComplete="off"
                      autoCorrect="off"
                      spellCheck={false}
                      maxLength={64}
                      placeholder="XXXX-XXXX-XXXX-XXXX"
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      data-testid="follow-code"
                    />
                  )}
                </Field>
                {notFound ? (
                  <p className="notice notice--warning" role="alert" data-testid="follow-not-found">
                    {t("follow.notFound")}
                  </p>
                ) : null}
                <div className="form-actions">
                  <button type="submit" className="btn btn--primary" data-testid="follow-submit">
                    {t("follow.submit")}
                  </button>
                </div>
              </form>
            </section>
            <SavedReceipts
              items={saved}
              onOpen={open}
              onForget={(forgotten) => setSaved(forgetReceipt(forgotten))}
            />
            <p>
              <Link href="/report" className="link">
                {t("nav.report")}
              </Link>
            </p>
          </>
        ) : null}
        {view}
      </div>
    </PublicShell>
  );
}
