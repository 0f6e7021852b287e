import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { TextAreaField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/vi";
import { useSubmit } from "../../lib/use-submit";
import { PolicyReasons } from "../posts/policy-reasons";
import { moderatePost, sanctionMember, type TModerationItem, type TPostAction } from "./moderation-api";
import { MUTE_CHOICES } from "./moderation-labels";

/** The actions that need a reason, in one small form under the buttons. */
type Asking = "reject" | "hide" | "warn" | "mute" | "remove";

interface ModerationItemProps {
  item: TModerationItem & { groupName?: string };
  /** After an action: the sentence to flash; the caller reloads the queue. */
  onDone: (message: string) => void;
}

const STATUS_BADGE: Record<TModerationItem["status"], string> = {
  held: "badge badge--warning",
  published: "badge badge--success",
  rejected: "badge badge--danger",
  hidden: "badge badge--muted",
};

const REASON_LABEL: Record<Asking, MessageKey> = {
  reject: "moderation.rejectReason",
  hide: "moderation.hideReason",
  warn: "moderation.sanctionReason",
  mute: "moderation.sanctionReason",
  remove: "moderation.sanctionReason",
};

const SUBMIT_LABEL: Record<Asking, MessageKey> = {
  reject: "moderation.confirmReject",
  hide: "moderation.confirmHide",
  warn: "moderation.confirmWarn",
  mute: "moderation.confirmMute",
  remove: "moderation.confirmRemove",
};

/**
 * One post in a moderation queue: its text, the rules it hit, members' reports, how often its
 * author broke the rules before, and what the moderator may do with the post and its author.
 */
export function ModerationItem({ item, onDone }: ModerationItemProps) {
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState<number>(MUTE_CHOICES[0].minutes);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const memberId = item.author.memberId;

  const postAction = async (action: TPostAction, why?: string) => {
    const result = await submit.run(() => moderatePost(item.id, action, why));
    if (result.ok) {
      setAsking(null);
      setReason("");
      onDone(t(`moderation.done.${action}`, { name: item.author.name }));
    }
  };

  const sanction = async (kind: "warn" | "mute" | "remove", why: string) => {
    if (!memberId) {
      return;
    }
    const result = await submit.run(() =>
      sanctionMember(item.groupId, memberId, {
        kind,
        reason: why,
        postId: item.id,
        ...(kind === "mute" ? { minutes } : {}),
      }),
    );
    if (result.ok) {
      setAsking(null);
      setReason("");
      onDone(t(`moderation.done.${kind}`, { name: item.author.name }));
    }
  };

  const onReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!asking) {
      return;
    }
    const why = reason.trim();
    if (!why) {
      setReasonError(t("moderation.reasonRequired"));
      return;
    }
    setReasonError(null);
    if (asking === "reject" || asking === "hide") {
      void postAction(asking, why);
    } else {
      void sanction(asking, why);
    }
  };

  const toggle = (next: Asking) => {
    submit.clearError();
    setReasonError(null);
    setAsking(asking === next ? null : next);
  };

  const askButton = (kind: Asking, className: string) => (
    <button
      type="button"
      className={className}
      disabled={submit.busy}
      aria-expanded={asking === kind}
      onClick={() => toggle(kind)}
      data-testid={`mod-${kind}`}
    >
      {t(`moderation.action.${kind}`)}
    </button>
  );

  return (
    <article
      className="card moderation-item"
      data-testid="moderation-item"
      data-post-id={item.id}
      data-status={item.status}
    >
      <p className="post__meta">
        <span className="post__author">{item.author.name}</span>
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        <span className={STATUS_BADGE[item.status]}>{t(`postStatus.${item.status}`)}</span>
        {item.flagged ? <span className="badge badge--info">{t("moderation.flagged")}</span> : null}
        {item.parentId ? <span className="badge badge--muted">{t("moderation.isReply")}</span> : null}
        {item.source === "zalo" ? (
          <span className="badge badge--info" data-testid="moderation-from-zalo">
            {t("moderation.fromZalo")}
          </span>
        ) : null}
      </p>
      {item.source === "zalo" ? <p className="muted small">{t("moderation.fromZaloNote")}</p> : null}
      {item.groupName ? (
        <p className="moderation-item__group">
          <Link href={`/groups/${item.groupId}/moderation`} className="link">
            {item.groupName}
          </Link>
        </p>
      ) : null}
      <p className="post__body" data-testid="moderation-body">
        {item.body}
      </p>

      {item.reasons.length > 0 ? (
        <>
          <h3 className="section-label">{t("moderation.ruleHits")}</h3>
          <PolicyReasons reasons={item.reasons} showExcerpt testId="moderation-hits" />
        </>
      ) : null}
      {item.reports.length > 0 ? (
        <>
          <h3 className="section-label">
            {t("moderation.reports", { count: formatNumber(item.reports.length, locale) })}
          </h3>
          <ul className="plain-list moderation-item__reports" data-testid="moderation-reports">
            {item.reports.map((report) => (
              <li key={`${report.createdAt}-${report.reason}`}>
                “{report.reason}” <span className="muted small">{formatDateTime(report.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {item.moderationReason ? (
        <p className="muted small">{t("moderation.previousReason", { reason: item.moderationReason })}</p>
      ) : null}
      <p className="moderation-item__violations" data-testid="author-violations">
        {t("moderation.violations", { count: formatNumber(item.authorViolations, locale) })}
        {memberId ? (
          <>
            {" · "}
            <Link
              href={`/groups/${item.groupId}/members/${memberId}/violations`}
              className="link"
              data-testid="violations-link"
            >
              {t("moderation.violationsLink")}
            </Link>
          </>
        ) : null}
      </p>

      <div className="moderation-item__actions">
        <div className="form-actions">
          {item.status === "held" ? (
            <button
              type="button"
              className="btn btn--primary"
              disabled={submit.busy}
              onClick={() => void postAction("approve")}
              data-testid="mod-approve"
            >
              {t("moderation.action.approve")}
            </button>
          ) : null}
          {item.status === "held" ? askButton("reject", "btn btn--danger-outline") : null}
          {item.status === "published" ? askButton("hide", "btn btn--danger-outline") : null}
          {item.status === "hidden" ? (
            <button
              type="button"
              className="btn btn--secondary"
              disabled={submit.busy}
              onClick={() => void postAction("unhide")}
              data-testid="mod-unhide"
            >
              {t("moderation.action.unhide")}
            </button>
          ) : null}
        </div>
        {memberId ? (
          <div className="form-actions moderation-item__sanctions">
            <span className="section-label">{t("moderation.sanctions")}</span>
            {askButton("warn", "btn btn--secondary btn--small")}
            {askButton("mute", "btn btn--secondary btn--small")}
            {askButton("remove", "btn btn--danger-outline btn--small")}
          </div>
        ) : null}
      </div>

      {asking ? (
        <form className="reason-form" onSubmit={onReason} noValidate data-testid="mod-action-form">
          {asking === "remove" ? (
            <p className="notice notice--warning" data-testid="mod-remove-warning">
              {t("moderation.removeWarning", { name: item.author.name })}
            </p>
          ) : null}
          {asking === "mute" ? (
            <fieldset className="fieldset">
              <legend className="field__label">{t("moderation.muteFor")}</legend>
              {MUTE_CHOICES.map((choice) => (
                <label key={choice.minutes} className="radio">
                  <input
                    type="radio"
                    name={`mute-${item.id}`}
                    value={choice.minutes}
                    checked={minutes === choice.minutes}
                    onChange={() => setMinutes(choice.minutes)}
                    data-testid={`mod-duration-${choice.minutes}`}
                  />
                  <span>{t(choice.key)}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <TextAreaField
            label={t(REASON_LABEL[asking])}
            hint={asking === "reject" || asking === "hide" ? t("moderation.reasonHint") : undefined}
            error={reasonError}
            value={reason}
            onValueChange={setReason}
            short
            maxLength={1000}
            data-testid="mod-reason"
          />
          <div className="form-actions">
            <button
              type="submit"
              className={asking === "warn" || asking === "mute" ? "btn btn--primary" : "btn btn--danger"}
              disabled={submit.busy}
              data-testid="mod-submit"
            >
              {t(SUBMIT_LABEL[asking])}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setAsking(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </article>
  );
}
