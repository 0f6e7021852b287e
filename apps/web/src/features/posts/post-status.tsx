import type { TPost } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";
import { PolicyReasons } from "./policy-reasons";

type PostLike = Omit<TPost, "replies">;

/**
 * What the author (or a moderator) is told about a post that is not simply out: waiting for a
 * moderator with the rules that held it, refused with the moderator's reason, or hidden.
 */
export function PostStatusNote({ post }: { post: PostLike }) {
  const { t } = useI18n();
  if (post.status === "held") {
    return (
      <div className="post-status post-status--held" data-testid="post-held">
        <p className="post-status__title">
          <span className="badge badge--warning">{t("posts.held")}</span>
          <span className="post-status__hint">{t("posts.heldHint")}</span>
        </p>
        <PolicyReasons reasons={post.reasons} />
      </div>
    );
  }
  if (post.status === "rejected") {
    return (
      <div className="post-status post-status--rejected" data-testid="post-rejected">
        <p className="post-status__title" data-testid="post-rejected-reason">
          {post.moderationReason
            ? t("posts.rejectedWithReason", { reason: post.moderationReason })
            : t("posts.rejected")}
        </p>
        <PolicyReasons reasons={post.reasons} />
      </div>
    );
  }
  if (post.status === "hidden") {
    return (
      <div className="post-status post-status--hidden" data-testid="post-hidden">
        <p className="post-status__title">
          {/* The server sends the moderator's reason to the author and the moderators only. */}
          {post.moderationReason
            ? t("posts.hiddenWithReason", { reason: post.moderationReason })
            : t("posts.hidden")}
        </p>
      </div>
    );
  }
  if (post.author.mine && post.reasons.length > 0) {
    // Out, but a rule noted something (a "flag" rule): the author sees why, like the moderators.
    return (
      <div className="post-status" data-testid="post-flag-note">
        <PolicyReasons reasons={post.reasons} />
      </div>
    );
  }
  return null;
}
