import type { TPost } from "@binhyen/contracts";
import { useId, useState } from "react";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { PostComposer } from "./post-composer";
import { PostStatusNote } from "./post-status";
import { ReportPostForm } from "./report-post-form";

type PostLike = Omit<TPost, "replies">;

interface PostCardProps {
  post: TPost;
  canPost: boolean;
  cannotPostReason: string | null;
  /** After a reply, a report or anything that changes the thread. */
  onChanged: () => void;
}

/** One post's head, text, status (for its author) and "Báo cáo bài viết". */
function PostBody({ post, onChanged }: { post: PostLike; onChanged: () => void }) {
  const { t } = useI18n();
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  // Others' posts that are out can be reported; one's own, or one waiting or refused, cannot.
  const reportable = !post.author.mine && post.status === "published";
  return (
    <>
      <p className="post__meta">
        <span className="post__author">{post.author.name}</span>
        {post.author.mine ? <span className="badge badge--info">{t("posts.mine")}</span> : null}
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
      </p>
      {post.body ? (
        <p className="post__body" data-testid="post-body">
          {post.body}
        </p>
      ) : null}
      <PostStatusNote post={post} />
      {reportable ? (
        reported ? (
          <p className="muted small" role="status" data-testid="report-sent">
            {t("posts.reportSent")}
          </p>
        ) : reporting ? (
          <ReportPostForm
            postId={post.id}
            onDone={(sent) => {
              setReporting(false);
              if (sent) {
                setReported(true);
                onChanged();
              }
            }}
          />
        ) : (
          <div className="post__actions">
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => setReporting(true)}
              data-testid="report-post"
            >
              {t("posts.report")}
            </button>
          </div>
        )
      ) : null}
    </>
  );
}

/** A thread: the post, its replies (one level) and a reply box. */
export function PostCard({ post, canPost, cannotPostReason, onChanged }: PostCardProps) {
  const { t } = useI18n();
  const headingId = useId();
  const [replying, setReplying] = useState(false);
  const replies = post.replies ?? [];
  const classes = ["card", "post", post.author.mine ? "is-mine" : "", `post--${post.status}`]
    .filter(Boolean)
    .join(" ");
  return (
    <article
      className={classes}
      aria-labelledby={headingId}
      data-testid="post"
      data-post-id={post.id}
      data-status={post.status}
    >
      <h2 id={headingId} className="visually-hidden">
        {t("posts.threadBy", { name: post.author.name })}
      </h2>
      <PostBody post={post} onChanged={onChanged} />
      {replies.length > 0 ? (
        <ol className="post__replies" aria-label={t("posts.repliesLabel", { count: replies.length })}>
          {replies.map((reply) => (
            <li
              key={reply.id}
              className={reply.author.mine ? "post__reply is-mine" : "post__reply"}
              data-testid="post-reply"
              data-post-id={reply.id}
              data-status={reply.status}
            >
              <PostBody post={reply} onChanged={onChanged} />
            </li>
          ))}
        </ol>
      ) : null}
      {/* Replies go under threads that are out; a held or refused post has no conversation yet. */}
      {post.status === "published" ? (
        replying ? (
          <PostComposer
            groupId={post.groupId}
            parentId={post.id}
            canPost={canPost}
            cannotPostReason={cannotPostReason}
            onPosted={onChanged}
            onCancel={() => setReplying(false)}
          />
        ) : (
          <div className="post__actions">
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => setReplying(true)}
              disabled={!canPost}
              data-testid="reply-button"
            >
              {t("posts.reply")}
            </button>
          </div>
        )
      ) : null}
    </article>
  );
}
