import { type FormEvent, useId, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { PolicyReasons } from "./policy-reasons";
import { createPost, type TCreatePostResponse } from "./posts-api";

const MAX_CHARS = 4000;

interface PostComposerProps {
  groupId: string;
  /** Replying to this thread; a new thread when absent. */
  parentId?: string;
  canPost: boolean;
  /** The server's sentence when the person cannot post (announcement-only group, a mute). */
  cannotPostReason: string | null;
  onPosted: (result: TCreatePostResponse) => void;
  onCancel?: () => void;
}

/** What became of a post just sent: out, waiting for a moderator, or refused, with the reasons. */
export function PostResult({ result }: { result: TCreatePostResponse }) {
  const { t } = useI18n();
  const tone =
    result.status === "published"
      ? "notice notice--success"
      : result.status === "held"
        ? "notice notice--warning"
        : "notice notice--error";
  return (
    <div
      className={`${tone} post-result`}
      role="status"
      data-testid="post-result"
      data-status={result.status}
      data-post-id={result.postId}
    >
      <p className="post-result__title">{t(`posts.result.${result.status}`)}</p>
      <PolicyReasons reasons={result.reasons} testId="post-result-reasons" />
    </div>
  );
}

/**
 * A new thread or a reply. The server checks the text against the commune's content policy before
 * anyone sees it; the answer (out, held, refused) is shown under the box.
 */
export function PostComposer({
  groupId,
  parentId,
  canPost,
  cannotPostReason,
  onPosted,
  onCancel,
}: PostComposerProps) {
  const { t } = useI18n();
  const reasonId = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TCreatePostResponse | null>(null);
  const submit = useSubmit();
  const reply = parentId !== undefined;
  const testPrefix = reply ? "reply" : "composer";

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setError(reply ? t("posts.replyRequired") : t("posts.bodyRequired"));
      return;
    }
    setError(null);
    setResult(null);
    const sent = await submit.run(() => createPost(groupId, text, parentId));
    if (sent.ok) {
      setResult(sent.value);
      // A refused text stays in the box, to be corrected; anything else was taken.
      if (sent.value.status !== "rejected") {
        setBody("");
      }
      onPosted(sent.value);
    }
  };

  const serverError = fieldIssue(submit.error, "body");
  return (
    <form
      className={reply ? "post-composer post-composer--reply" : "card post-composer"}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid={reply ? "reply-composer" : "post-composer"}
    >
      <Field
        label={reply ? t("posts.replyLabel") : t("posts.composerLabel")}
        hint={canPost && !reply ? t("posts.composerHint") : undefined}
        error={error ?? serverError}
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className={reply ? "input textarea textarea--short" : "input textarea"}
            value={body}
            rows={reply ? 2 : 4}
            maxLength={MAX_CHARS}
            disabled={!canPost}
            onChange={(event) => setBody(event.target.value)}
            aria-describedby={[describedBy, canPost ? null : reasonId].filter(Boolean).join(" ") || undefined}
            aria-invalid={invalid}
            placeholder={canPost ? (reply ? t("posts.replyPlaceholder") : t("posts.placeholder")) : ""}
            data-testid={`${testPrefix}-body`}
          />
        )}
      </Field>
      {canPost ? null : (
        <p className="notice notice--warning" id={reasonId} data-testid={`${testPrefix}-disabled`}>
          {cannotPostReason ?? t("posts.cannotPost")}
        </p>
      )}
      {submit.error && !serverError ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={!canPost || submit.busy}
          data-testid={`${testPrefix}-submit`}
        >
          {submit.busy ? t("posts.sending") : reply ? t("posts.sendReply") : t("posts.send")}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
      {result ? <PostResult result={result} /> : null}
    </form>
  );
}
