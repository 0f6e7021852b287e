import type { TPollDetail, TPollSummary } from "@binhyen/contracts";
import { type FormEvent, useEffect, useId, useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { ErrorNotice } from "../../components/status";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { useSubmit } from "../../lib/use-submit";
import { closePoll, getPoll, votePoll } from "./consultation-api";
import { PollResultsChart } from "./poll-results-chart";

interface PollCardProps {
  summary: TPollSummary;
  /** After voting or closing, so the list's counts follow. */
  onChanged: () => void;
}

/**
 * One poll: question, status and deadline; the ballot (radio or checkboxes) while it is open for
 * the member; the results as a bar chart when the server shows them (officers always, members
 * after voting or once it ended); "Đóng bình chọn" for its creator and the management team.
 */
export function PollCard({ summary, onChanged }: PollCardProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const detail = useQuery(`poll:${summary.id}`, (signal) => getPoll(summary.id, signal));
  const poll: TPollSummary & Partial<Pick<TPollDetail, "actions" | "results">> = detail.data ?? summary;
  const [choices, setChoices] = useState<number[]>(summary.myVote ?? []);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [voted, setVoted] = useState(false);
  const submit = useSubmit();
  const canVote = poll.actions?.includes("vote") ?? false;
  const canClose = poll.actions?.includes("close") ?? false;
  const myVoteKey = (poll.myVote ?? []).join(",");

  // The ballot shows the saved choice when the detail arrives or after another device voted.
  useEffect(() => {
    setChoices(myVoteKey ? myVoteKey.split(",").map(Number) : []);
  }, [myVoteKey]);

  const toggle = (index: number) => {
    setChoiceError(null);
    if (poll.multiple) {
      setChoices((current) =>
        current.includes(index)
          ? current.filter((c) => c !== index)
          : [...current, index].sort((a, b) => a - b),
      );
    } else {
      setChoices([index]);
    }
  };

  const onVote = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choices.length === 0) {
      setChoiceError(poll.multiple ? t("polls.chooseSome") : t("polls.chooseOne"));
      return;
    }
    setVoted(false);
    const result = await submit.run(() => votePoll(summary.id, choices));
    if (result.ok) {
      detail.setData(result.value);
      setVoted(true);
      onChanged();
    }
  };

  const onClose = async () => {
    const result = await submit.run(() => closePoll(summary.id));
    if (result.ok) {
      detail.setData(result.value);
      onChanged();
    }
  };

  const open = poll.status === "open";
  return (
    <article
      className={open ? "card poll" : "card poll is-closed"}
      aria-labelledby={titleId}
      data-testid="poll"
      data-poll-id={summary.id}
      data-status={poll.status}
    >
      <header className="poll__head">
        <h3 id={titleId} className="poll__question">
          {poll.question}
        </h3>
        <p className="poll__meta">
          <span className={open ? "badge badge--success" : "badge badge--muted"} data-testid="poll-status">
            {open ? t("polls.open") : t("polls.closed")}
          </span>
          <span className="badge">{poll.multiple ? t("polls.multiple") : t("polls.single")}</span>
          {poll.anonymous ? <span className="badge badge--info">{t("polls.anonymous")}</span> : null}
          <span>
            {open
              ? t("polls.deadline", { time: formatDateTime(poll.deadline) })
              : t("polls.endedAt", { time: formatDateTime(poll.closedAt ?? poll.deadline) })}
          </span>
        </p>
        <p className="muted small">{t("polls.createdBy", { name: poll.createdBy.name })}</p>
      </header>

      {canVote ? (
        <form onSubmit={(event) => void onVote(event)} noValidate data-testid="poll-ballot">
          <fieldset className="fieldset">
            <legend className="field__label">
              {poll.multiple ? t("polls.pickSome") : t("polls.pickOne")}
            </legend>
            <div className="choices">
              {poll.options.map((option, index) => (
                <label
                  // biome-ignore lint/suspicious/noArrayIndexKey: options are positional and fixed
                  key={index}
                  className={choices.includes(index) ? "choice is-selected" : "choice"}
                >
                  <input
                    type={poll.multiple ? "checkbox" : "radio"}
                    name={`poll-${summary.id}`}
                    checked={choices.includes(index)}
                    onChange={() => toggle(index)}
                    data-testid="poll-option"
                  />
                  <span className="choice__text">
                    <span className="choice__label">{option}</span>
                  </span>
                </label>
              ))}
            </div>
            {choiceError ? <p className="field__error">{choiceError}</p> : null}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={submit.busy} data-testid="poll-vote">
              {poll.myVote ? t("polls.changeVote") : t("polls.vote")}
            </button>
          </div>
          {poll.myVote ? <p className="muted small">{t("polls.changeHint")}</p> : null}
        </form>
      ) : poll.myVote ? (
        <p className="muted small" data-testid="poll-my-vote">
          {t("polls.yourVote", {
            list: poll.myVote.map((index) => poll.options[index] ?? "?").join(", "),
          })}
        </p>
      ) : null}
      {voted ? (
        <p className="notice notice--success" role="status" data-testid="poll-voted">
          {t("polls.voted")}
        </p>
      ) : null}

      {poll.results ? (
        <div className="poll__results" data-testid="poll-results">
          <p className="section-label">
            {t("polls.results", { count: formatNumber(poll.results.total, locale) })}
          </p>
          <PollResultsChart question={poll.question} options={poll.options} results={poll.results} />
          {poll.results.voters && poll.results.voters.length > 0 ? (
            <details className="chart-data">
              <summary>
                {t("polls.voters", { count: formatNumber(poll.results.voters.length, locale) })}
              </summary>
              <ul className="plain-list">
                {poll.results.voters.map((voter, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two voters may share a name
                  <li key={index}>
                    {voter.name}: {voter.choices.map((c) => poll.options[c] ?? "?").join(", ")}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : detail.data ? (
        <p className="muted small" data-testid="poll-results-hidden">
          {t("polls.resultsHidden")}
        </p>
      ) : null}

      {detail.status === "error" ? <ErrorNotice error={detail.error} onRetry={detail.reload} /> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      {canClose ? (
        <div className="form-actions">
          <ConfirmButton
            label={t("polls.close")}
            question={t("polls.closeConfirm")}
            onConfirm={onClose}
            testId="poll-close"
          />
        </div>
      ) : null}
    </article>
  );
}
