import { type ReactNode, useState } from "react";
import { Link, useSearch } from "wouter";
import { AppShell } from "../components/app-shell";
import { PublicShell } from "../components/public-shell";
import { Loading } from "../components/status";
import {
  type ReportAbout,
  ReportForm,
  type ReportPlace,
  type SentReport,
} from "../features/reports/report-form";
import { ReportResult } from "../features/reports/report-result";
import { saveReceipt } from "../features/reports/report-store";
import { useI18n } from "../i18n/i18n-context";
import { reportPlaceOf } from "../lib/roles";
import { useSession } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";

/** An id from the address, or "" when it cannot be one (the server checks it again). */
function idParam(params: URLSearchParams, name: string): string {
  const value = params.get(name)?.trim() ?? "";
  return /^[0-9A-Za-z-]{1,64}$/.test(value) ? value : "";
}

/**
 * /report — anyone may report, signed in or not. A resident without an account gets the public
 * frame and the place from the address (the link or QR of their hamlet's group); a signed-in
 * member keeps the app's navigation, and their role gives the place. Either way the hamlet is only
 * preselected: the reporter may choose another, or none. A link from an announcement
 * (?announcementId=&about=) names it above the form and sends its id with the report.
 */
export function ReportRoute() {
  const { t } = useI18n();
  const { state } = useSession();
  const search = useSearch();
  const [sent, setSent] = useState<{ sent: SentReport; saved: boolean } | null>(null);
  const [formKey, setFormKey] = useState(0);
  useDocumentTitle(t("report.pageTitle"), t("app.name"));

  const signedIn = state.status === "signedIn" && !state.me.totpSetupRequired ? state.me : null;
  const params = new URLSearchParams(search);
  const fromRole = signedIn ? reportPlaceOf(signedIn) : null;
  const fromUrl = { communeId: idParam(params, "commune"), hamletId: idParam(params, "hamlet") };
  // The form looks up the commune's name and hamlets itself (a public request, no personal data).
  const place: ReportPlace = fromUrl.communeId
    ? {
        communeId: fromUrl.communeId,
        // A commune-only link in a member's own commune still preselects their hamlet.
        hamletId: fromUrl.hamletId || (fromRole?.communeId === fromUrl.communeId ? fromRole.hamletId : ""),
      }
    : (fromRole ?? { communeId: "", hamletId: "" });

  // "Báo tin cho công an" under a wanted/missing notice: ?announcementId=&about=<its title>.
  const announcementId = idParam(params, "announcementId");
  const about: ReportAbout | null = announcementId
    ? { announcementId, title: (params.get("about") ?? "").trim().slice(0, 200) }
    : null;

  let body: ReactNode;
  if (state.status === "loading") {
    body = <Loading />;
  } else if (sent) {
    body = (
      <ReportResult
        sent={sent.sent}
        saved={sent.saved}
        onAnother={() => {
          setSent(null);
          setFormKey((key) => key + 1);
        }}
      />
    );
  } else {
    body = (
      <>
        <header className="report-header">
          <h1 className="public-title">{t("report.pageTitle")}</h1>
          <p>{t("report.intro")}</p>
          <p className="notice notice--error report-emergency">{t("report.emergency")}</p>
          <p>
            <Link href="/report/follow" className="link" data-testid="report-follow-link">
              {t("report.followLink")}
            </Link>
          </p>
        </header>
        <ReportForm
          key={formKey}
          place={place}
          about={formKey === 0 ? about : null}
          onSent={(result) => {
            setSent({ sent: result, saved: saveReceipt(result.code, result.category) });
          }}
        />
      </>
    );
  }

  const page = (
    <div className="report-page" data-testid="report-page">
      {body}
    </div>
  );
  return signedIn ? <AppShell>{page}</AppShell> : <PublicShell>{page}</PublicShell>;
}
