import type { TGroupRules } from "@binhyen/contracts";
import { type FormEvent, type ReactNode, useState } from "react";
import { TextAreaField } from "../../components/field";
import { ProgressBar } from "../../components/progress-bar";
import { ErrorNotice, Loading, SuccessNotice } from "../../components/status";
import { formatDate, formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { acknowledgeRules, getRules, publishRules } from "./consultation-api";

const MAX_CHARS = 20_000;

interface RulesSectionProps {
  groupId: string;
  /** The text kept on the group before the first version was published. */
  fallbackText: string;
  /** Leader, deputies, commune chief and deputies: see the acknowledgements, publish a new version. */
  officer: boolean;
  /** A member acknowledges the version in force. */
  member: boolean;
  /** After a new version: the group's own copy of the text changed too. */
  onPublished?: () => void;
}

function PublishForm({
  groupId,
  initial,
  onDone,
  onCancel,
}: {
  groupId: string;
  initial: string;
  onDone: (rules: TGroupRules) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t("rules.textRequired"));
      return;
    }
    setError(null);
    const result = await submit.run(() => publishRules(groupId, text.trim()));
    if (result.ok) {
      onDone(result.value);
    }
  };

  const textIssue = fieldIssue(submit.error, "text");
  return (
    <form
      className="reason-form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="rules-form"
    >
      <TextAreaField
        label={t("rules.newVersion")}
        hint={t("rules.newVersionHint")}
        error={error ?? textIssue}
        value={text}
        onValueChange={setText}
        rows={10}
        maxLength={MAX_CHARS}
        data-testid="rules-text"
      />
      {submit.error && !textIssue ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={submit.busy} data-testid="rules-publish">
          {submit.busy ? t("common.saving") : t("rules.publish")}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * "Quy chế hoạt động": the version in force; members confirm they have read it ("Tôi đã đọc và
 * đồng ý"), officers see how many did and publish a new version, which members confirm again.
 */
export function RulesSection({ groupId, fallbackText, officer, member, onPublished }: RulesSectionProps) {
  const { t, locale } = useI18n();
  const rules = useQuery(`rules:${groupId}`, (signal) => getRules(groupId, signal));
  const ack = useSubmit();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  let body: ReactNode;
  if (rules.status === "error" && !rules.data) {
    body = <ErrorNotice error={rules.error} onRetry={rules.reload} />;
  } else if (!rules.data) {
    body = <Loading />;
  } else {
    const data = rules.data;
    const current = data.current;
    const text = current?.text ?? fallbackText;
    const acknowledged = current !== null && data.acknowledgedVersion === current.version;
    const counts = data.acknowledgements;
    const percent =
      counts && counts.members > 0 ? Math.round((counts.count / counts.members) * 1000) / 10 : 0;

    const onAcknowledge = async () => {
      if (!current) {
        return;
      }
      setNotice(null);
      const result = await ack.run(() => acknowledgeRules(groupId, current.version));
      if (result.ok) {
        rules.setData(result.value);
        setNotice(t("rules.acknowledged"));
      } else {
        // A newer version may have come out meanwhile: show it.
        rules.reload();
      }
    };

    body = (
      <>
        {current ? (
          <p className="muted small" data-testid="rules-version">
            {t("rules.versionLine", {
              version: current.version,
              date: formatDate(current.publishedAt),
              name: current.publishedBy.name,
            })}
          </p>
        ) : (
          <p className="muted small" data-testid="rules-version">
            {officer ? t("rules.noVersionOfficer") : t("rules.noVersion")}
          </p>
        )}
        {text ? (
          <div className="rules-text" data-testid="rules-current-text">
            {text}
          </div>
        ) : (
          <p className="muted">{t("group.noRules")}</p>
        )}

        {member && current ? (
          acknowledged ? (
            <p className="badge badge--success rules-acked" data-testid="rules-acked">
              {t("rules.youAcknowledged", { version: current.version })}
            </p>
          ) : (
            <div className="notice notice--warning rules-ack" data-testid="rules-ack-box">
              <p>
                {data.acknowledgedVersion
                  ? t("rules.newVersionToAck", { version: current.version })
                  : t("rules.pleaseAck")}
              </p>
              <button
                type="button"
                className="btn btn--primary"
                disabled={ack.busy}
                onClick={() => void onAcknowledge()}
                data-testid="rules-ack"
              >
                {t("rules.ack")}
              </button>
            </div>
          )
        ) : null}
        {ack.error ? <ErrorNotice error={ack.error} /> : null}
        {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}

        {officer && counts ? (
          <div className="rules-acks" data-testid="rules-ack-count">
            <p>
              {t("rules.ackCount", {
                count: formatNumber(counts.count, locale),
                members: formatNumber(counts.members, locale),
                version: counts.version,
              })}
            </p>
            <ProgressBar
              role="meter"
              percent={percent}
              label={t("rules.ackMeter")}
              valueText={formatPercent(percent, locale)}
            />
          </div>
        ) : null}

        {officer ? (
          editing ? (
            <PublishForm
              groupId={groupId}
              initial={text}
              onCancel={() => setEditing(false)}
              onDone={(next) => {
                rules.setData(next);
                setEditing(false);
                setNotice(t("rules.published", { version: next.current?.version ?? "" }));
                onPublished?.();
              }}
            />
          ) : (
            <div className="form-actions">
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
                data-testid="rules-edit"
              >
                {current ? t("rules.publishNew") : t("rules.publishFirst")}
              </button>
            </div>
          )
        ) : null}

        {data.history.length > 1 ? (
          <p className="muted small">
            {t("rules.history", {
              list: data.history.map((h) => `${h.version} (${formatDate(h.publishedAt)})`).join(", "),
            })}
          </p>
        ) : null}
      </>
    );
  }

  return (
    <section className="card rules-section" data-testid="rules-section">
      <h2 className="card__title">{t("rules.title")}</h2>
      {body}
    </section>
  );
}
