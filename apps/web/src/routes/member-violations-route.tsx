import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, Loading } from "../components/status";
import { getViolations } from "../features/moderation/moderation-api";
import { sanctionLabel } from "../features/moderation/moderation-labels";
import { PolicyReasons } from "../features/posts/policy-reasons";
import { formatDateTime, formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/** A member's record in one group, for its moderators: posts that broke a rule, and sanctions. */
export function MemberViolationsRoute({ groupId, memberId }: { groupId: string; memberId: string }) {
  const { t, locale } = useI18n();
  const history = useQuery(`violations:${groupId}:${memberId}`, (signal) =>
    getViolations(groupId, memberId, signal),
  );
  useDocumentTitle(
    history.data ? t("violations.pageTitle", { name: history.data.member.name }) : t("violations.title"),
    t("app.name"),
  );

  if (history.status === "error" && !history.data) {
    return <PageError error={history.error} onRetry={history.reload} />;
  }
  if (!history.data) {
    return <Loading />;
  }
  const { member, posts, sanctions } = history.data;

  return (
    <section data-testid="violations-page">
      <p className="breadcrumb">
        <Link href={`/groups/${groupId}/moderation`} className="link">
          ← {t("violations.toModeration")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("violations.title")}</h1>
          <p className="page-header__subtitle">
            {member.name}
            {member.status !== "active" ? (
              <span className="badge badge--muted">{t("violations.memberLeft")}</span>
            ) : null}
          </p>
        </div>
      </header>
      <ul className="stats stats--compact">
        <li className="stats__item">
          <span className="stats__value" data-testid="violations-posts">
            {formatNumber(posts.length, locale)}
          </span>
          <span className="stats__label">{t("violations.postsCount")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value" data-testid="violations-sanctions">
            {formatNumber(sanctions.length, locale)}
          </span>
          <span className="stats__label">{t("violations.sanctionsCount")}</span>
        </li>
      </ul>

      <h2 className="section-title">{t("violations.sanctions")}</h2>
      {sanctions.length === 0 ? (
        <EmptyState>{t("violations.noSanctions")}</EmptyState>
      ) : (
        <ul className="plain-list violation-list" data-testid="sanction-list">
          {sanctions.map((s) => (
            <li key={`${s.createdAt}-${s.kind}`} className="card violation" data-testid="sanction-row">
              <p className="post__meta">
                <span className="badge badge--warning">{sanctionLabel(s.kind, t)}</span>
                <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
                <span>{t("violations.by", { name: s.byName })}</span>
              </p>
              <p>{t("violations.reason", { reason: s.reason })}</p>
              {s.until ? (
                <p className="muted small">{t("violations.until", { time: formatDateTime(s.until) })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2 className="section-title">{t("violations.posts")}</h2>
      {posts.length === 0 ? (
        <EmptyState>{t("violations.noPosts")}</EmptyState>
      ) : (
        <ul className="plain-list violation-list" data-testid="violation-posts">
          {posts.map((post) => (
            <li
              key={post.id}
              className="card violation"
              data-testid="violation-post"
              data-status={post.status}
            >
              <p className="post__meta">
                <span className="badge">{t(`postStatus.${post.status}`)}</span>
                {post.flagged ? <span className="badge badge--info">{t("moderation.flagged")}</span> : null}
                <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
              </p>
              <p className="post__body">{post.body}</p>
              <PolicyReasons reasons={post.reasons} showExcerpt />
              {post.moderationReason ? (
                <p className="muted small">
                  {t("moderation.previousReason", { reason: post.moderationReason })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
