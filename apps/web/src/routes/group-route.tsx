import type { TDeputy } from "@binhyen/contracts";
import { lazy, Suspense, useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { FlashToast, Loading, Toast } from "../components/status";
import { AddDeputyDialog } from "../features/commune/add-deputy-dialog";
import { removeDeputy } from "../features/commune/commune-api";
import { getGroup } from "../features/group/group-api";
import { GroupEditDialog } from "../features/group/group-edit-dialog";
import { GroupProfile } from "../features/group/group-profile";
import { MembersList } from "../features/group/members-list";
import { OutreachCard } from "../features/outreach/outreach-card";
import { canViewGroupZalo } from "../features/zalo/zalo-access";
import { useI18n } from "../i18n/i18n-context";
import { errorText } from "../lib/error-text";
import {
  canEditGroupProfile,
  canManageDeputies,
  canReadGroupLife,
  canReadReports,
  canViewCommune,
  canViewHouseholds,
  canWriteAnnouncements,
  readsFeedAsMember,
} from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

// Discussion, rules, polls, moderation and handover load on first use: the group page itself stays light.
const GroupLifeLinks = lazy(() =>
  import("../features/group/group-life-panel").then((m) => ({ default: m.GroupLifeLinks })),
);
const GroupLifeSections = lazy(() =>
  import("../features/group/group-life-panel").then((m) => ({ default: m.GroupLifeSections })),
);

export function GroupRoute({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const group = useQuery(`group:${groupId}`, (signal) => getGroup(groupId, signal));
  const [dialog, setDialog] = useState<"edit" | "addDeputy" | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const flash = useFlash();
  useDocumentTitle(group.data?.name, t("app.name"));

  if (group.status === "error" && !group.data) {
    return <PageError error={group.error} onRetry={group.reload} />;
  }
  if (!group.data) {
    return <Loading />;
  }
  const data = group.data;
  const canEdit = canEditGroupProfile(me, data.id);
  const manageDeputies = canManageDeputies(me, data);
  const officerView = me.user.isOfficer;

  const onRemoveDeputy = async (deputy: TDeputy) => {
    setActionError(null);
    try {
      await removeDeputy(data.id, deputy.userId);
      flash.show(t("hamlet.deputyRemoved", { name: deputy.name }));
      group.reload();
    } catch (error) {
      setActionError(errorText(error, t, locale));
    }
  };

  return (
    <section data-testid="group-page">
      {canViewCommune(me, data.communeId) ? (
        <p className="breadcrumb">
          <Link href={`/communes/${data.communeId}`} className="link">
            ← {t("group.viewCommune")}
          </Link>
        </p>
      ) : null}
      <GroupProfile
        group={data}
        showPhones={officerView}
        actions={
          canEdit ? (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setDialog("edit")}
              data-testid="edit-group-button"
            >
              {t("group.edit")}
            </button>
          ) : null
        }
        deputyActions={
          manageDeputies ? (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => setDialog("addDeputy")}
              data-testid="add-deputy"
            >
              {t("hamlet.addDeputy")}
            </button>
          ) : null
        }
        {...(manageDeputies ? { onRemoveDeputy } : {})}
        hideRules={canReadGroupLife(me, data)}
      />
      {!canEdit ? <p className="muted small">{t("group.readOnlyNote")}</p> : null}

      {/* The group's announcements: members read them, officers write them. */}
      <p className="toolbar-links">
        {readsFeedAsMember(me, data.id) || canWriteAnnouncements(me, data.communeId) ? (
          <Link href={`/groups/${data.id}/feed`} className="btn btn--secondary" data-testid="group-feed-link">
            {t("group.feedLink")}
          </Link>
        ) : null}
        {canWriteAnnouncements(me, data.communeId) ? (
          <Link
            href={`/communes/${data.communeId}/announcements/new`}
            className="btn btn--primary"
            data-testid="group-compose-link"
          >
            {t("group.composeLink")}
          </Link>
        ) : null}
        <Suspense fallback={null}>
          <GroupLifeLinks group={data} />
        </Suspense>
        {/* The group on Zalo (issue #7), for its officers. */}
        {canViewGroupZalo(me, data) ? (
          <Link href={`/groups/${data.id}/zalo`} className="btn btn--secondary" data-testid="group-zalo-link">
            {t("groupTabs.zalo")}
          </Link>
        ) : null}
      </p>

      <Suspense fallback={null}>
        <GroupLifeSections group={data} onGroupChanged={group.reload} />
      </Suspense>

      {/* Members and deputies report privately, never in the group (plan II.4.2). */}
      {canReadReports(me) ? null : (
        <section className="card report-cta group-report" data-testid="group-report-cta">
          <h2 className="report-cta__title">{t("group.reportTitle")}</h2>
          <p className="report-cta__body">{t("group.reportBody")}</p>
          <Link
            href={`/report?commune=${encodeURIComponent(data.communeId)}&hamlet=${encodeURIComponent(data.hamlet.id)}`}
            className="btn btn--report"
            data-testid="group-report-button"
          >
            {t("group.reportButton")}
          </Link>
        </section>
      )}

      {canViewHouseholds(me, data) ? <OutreachCard group={data} /> : null}

      <MembersList groupId={data.id} />

      {dialog === "edit" ? (
        <GroupEditDialog
          group={data}
          onClose={() => setDialog(null)}
          onSaved={(updated) => {
            if (updated) {
              group.setData(updated);
            } else {
              group.reload();
            }
            setDialog(null);
            flash.show(t("group.saved"));
          }}
          onImageUploaded={(updated) => (updated ? group.setData(updated) : group.reload())}
        />
      ) : null}
      {dialog === "addDeputy" ? (
        <AddDeputyDialog
          group={{ id: data.id, name: data.name }}
          onClose={() => setDialog(null)}
          onAdded={() => group.reload()}
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
