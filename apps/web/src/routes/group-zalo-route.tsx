import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { FlashToast, Loading } from "../components/status";
import { getGroup } from "../features/group/group-api";
import { GroupTabs } from "../features/group/group-tabs";
import { GroupZaloPanel } from "../features/zalo/group-zalo-panel";
import { canEditGroupZalo, canManageZalo } from "../features/zalo/zalo-access";
import { getGroupZalo } from "../features/zalo/zalo-api";
import { useI18n } from "../i18n/i18n-context";
import { isGroupOfficer } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/**
 * "Zalo", a group's tab for its officers (issue #7): the hamlet group's group on Zalo — created
 * or linked under the commune's OA — its members, its deputies there and the announcements sent.
 */
export function GroupZaloRoute({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const group = useQuery(`group:${groupId}`, (signal) => getGroup(groupId, signal));
  const zalo = useQuery(`group-zalo:${groupId}`, (signal) => getGroupZalo(groupId, signal));
  const flash = useFlash();
  useDocumentTitle(
    group.data ? t("zalo.group.pageTitle", { name: group.data.name }) : t("zalo.group.title"),
    t("app.name"),
  );

  if (group.status === "error" && !group.data) {
    return <PageError error={group.error} onRetry={group.reload} />;
  }
  if (!group.data) {
    return <Loading />;
  }
  const data = group.data;

  return (
    <section data-testid="group-zalo-page" data-group-id={groupId}>
      <p className="breadcrumb">
        <Link href={`/groups/${groupId}`} className="link">
          ← {t("posts.toGroup")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("zalo.group.title")}</h1>
          <p className="page-header__subtitle">{data.name}</p>
        </div>
      </header>
      <GroupTabs groupId={groupId} officer={isGroupOfficer(me, data)} current="zalo" />

      {zalo.status === "error" && !zalo.data ? (
        <PageError error={zalo.error} onRetry={zalo.reload} />
      ) : !zalo.data ? (
        <Loading />
      ) : (
        <GroupZaloPanel
          group={data}
          zalo={zalo.data}
          canEdit={canEditGroupZalo(me, data)}
          commune={canManageZalo(me, data.communeId)}
          onChanged={(next, message) => {
            zalo.setData(next);
            flash.show(message);
          }}
          onUnlinked={(message) => {
            flash.show(message);
            zalo.reload();
          }}
        />
      )}
      <FlashToast flash={flash} />
    </section>
  );
}
