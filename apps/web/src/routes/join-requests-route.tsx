import type { ReactNode } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { getGroup } from "../features/group/group-api";
import { JoinRequestCard } from "../features/outreach/join-request-card";
import { listJoinRequests } from "../features/outreach/outreach-api";
import { UnconfirmedMembers } from "../features/outreach/unconfirmed-members";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/** The leader's queue: requests from the group's QR code, and members whose household is unconfirmed. */
export function JoinRequestsRoute({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const group = useQuery(`group:${groupId}`, (signal) => getGroup(groupId, signal));
  const requests = useQuery(`join-requests:${groupId}`, (signal) => listJoinRequests(groupId, signal));
  const flash = useFlash();
  useDocumentTitle(t("joinRequests.title"), t("app.name"));

  if (group.status === "error" && !group.data) {
    return <PageError error={group.error} onRetry={group.reload} />;
  }
  if (!group.data) {
    return <Loading />;
  }
  const data = group.data;

  let list: ReactNode;
  if (requests.status === "error" && !requests.data) {
    list = <ErrorNotice error={requests.error} onRetry={requests.reload} />;
  } else if (!requests.data) {
    list = <Loading />;
  } else if (requests.data.items.length === 0) {
    list = <EmptyState>{t("joinRequests.empty")}</EmptyState>;
  } else {
    list = (
      <ul className="request-list" data-testid="join-request-list">
        {requests.data.items.map((request) => (
          <JoinRequestCard
            key={request.id}
            request={request}
            hamletId={data.hamlet.id}
            onDecided={(message) => {
              flash.show(message);
              requests.reload();
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <section data-testid="join-requests-page">
      <p className="breadcrumb">
        <Link href={`/groups/${groupId}`} className="link">
          ← {data.name}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("joinRequests.title")}</h1>
          <p className="page-header__subtitle">{data.hamlet.name}</p>
        </div>
      </header>
      {list}
      <UnconfirmedMembers groupId={groupId} hamletId={data.hamlet.id} onConfirmed={flash.show} />
      <FlashToast flash={flash} />
    </section>
  );
}
