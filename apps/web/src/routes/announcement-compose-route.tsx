import type { TAnnouncementDetail, TCreateAnnouncementInput } from "@binhyen/contracts";
import { Link, useLocation } from "wouter";
import { PageError } from "../components/page-error";
import { Loading } from "../components/status";
import { AnnouncementForm, type ComposerIntent } from "../features/announcements/announcement-form";
import {
  createAnnouncement,
  getAnnouncement,
  runAnnouncementAction,
  updateAnnouncement,
} from "../features/announcements/announcements-api";
import { type AudienceChoice, loadAudienceChoice } from "../features/announcements/audience-groups";
import { type ComposerState, EMPTY_COMPOSER, fromDetail } from "../features/announcements/composer-state";
import { useI18n } from "../i18n/i18n-context";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

type Target = { kind: "new"; communeId: string } | { kind: "edit"; announcementId: string };

interface Loaded {
  communeId: string;
  choice: AudienceChoice;
  detail: TAnnouncementDetail | null;
  initial: ComposerState;
}

/** The status an answer names ({ announcementId, status }), or `fallback`. */
function statusOf(answer: unknown, fallback: string): string {
  return answer && typeof answer === "object" && "status" in answer && typeof answer.status === "string"
    ? answer.status
    : fallback;
}

/** `/communes/:communeId/announcements/new` and `/announcements/:id/edit`. */
export function AnnouncementComposeRoute({ target }: { target: Target }) {
  const { t } = useI18n();
  const me = useMe();
  const [, navigate] = useLocation();
  const key = target.kind === "new" ? `compose:${target.communeId}` : `compose-edit:${target.announcementId}`;
  const loaded = useQuery<Loaded>(key, async (signal) => {
    if (target.kind === "new") {
      const choice = await loadAudienceChoice(me, target.communeId, signal);
      // A leader of one group writes to it: it is ticked already.
      const only = !choice.allowCommune && choice.groups.length === 1 ? choice.groups[0] : undefined;
      const initial: ComposerState = only
        ? { ...EMPTY_COMPOSER, audience: { wholeCommune: false, groupIds: [only.id] } }
        : EMPTY_COMPOSER;
      return { communeId: target.communeId, choice, detail: null, initial };
    }
    const detail = await getAnnouncement(target.announcementId, signal);
    const choice = await loadAudienceChoice(me, detail.communeId, signal);
    return {
      communeId: detail.communeId,
      choice,
      detail,
      initial: fromDetail(detail, choice.communeGroupIds),
    };
  });
  useDocumentTitle(target.kind === "new" ? t("composer.newTitle") : t("composer.editTitle"), t("app.name"));

  if (loaded.status === "error" && !loaded.data) {
    return <PageError error={loaded.error} onRetry={loaded.reload} />;
  }
  if (!loaded.data) {
    return <Loading />;
  }
  const { communeId, choice, detail, initial } = loaded.data;
  const back = detail ? `/announcements/${detail.id}` : `/communes/${communeId}/announcements`;

  if (detail && !detail.allowedActions.includes("edit")) {
    return (
      <section data-testid="composer-page">
        <p className="notice notice--warning">{t("composer.cannotEdit")}</p>
        <Link href={back} className="btn btn--secondary">
          {t("composer.backToAnnouncement")}
        </Link>
      </section>
    );
  }

  const onSubmit = async (payload: TCreateAnnouncementInput, intent: ComposerIntent) => {
    if (!detail) {
      const created = await createAnnouncement(payload);
      navigate(`/announcements/${created.announcementId}?saved=${encodeURIComponent(created.status)}`);
      return;
    }
    if (detail.status === "draft") {
      // The text is saved as a draft first; publishing is its own step (it may go to approval).
      await updateAnnouncement(detail.id, { ...payload, draft: true });
      const saved =
        intent === "publish" ? statusOf(await runAnnouncementAction(detail.id, "publish"), "sent") : "draft";
      navigate(`/announcements/${detail.id}?saved=${encodeURIComponent(saved)}`);
      return;
    }
    const saved = statusOf(await updateAnnouncement(detail.id, { ...payload, draft: false }), "updated");
    navigate(`/announcements/${detail.id}?saved=${encodeURIComponent(saved)}`);
  };

  return (
    <section data-testid="composer-page">
      <p className="breadcrumb">
        <Link href={back} className="link">
          ← {detail ? t("composer.backToAnnouncement") : t("composer.backToList")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{detail ? t("composer.editTitle") : t("composer.newTitle")}</h1>
          <p className="page-header__subtitle">{t("composer.subtitle")}</p>
        </div>
      </header>
      <AnnouncementForm
        communeId={communeId}
        initial={initial}
        groups={choice.groups}
        allowCommune={choice.allowCommune}
        mode={!detail ? "create" : detail.status === "draft" ? "editDraft" : "editQueued"}
        onSubmit={onSubmit}
        onCancel={() => navigate(back)}
      />
    </section>
  );
}
