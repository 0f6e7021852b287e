import { POLL_MAX_OPTIONS, POLL_MIN_OPTIONS, type TPollDetail } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { DateTimeField, dateTimeError } from "../../components/date-time-field";
import { Field } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { Modal } from "../../components/modal";
import { formatDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { vnDateTimeToIso } from "../../lib/date-input";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { createPoll } from "./consultation-api";
import { type PollDraftProblems, pollDraftProblems } from "./poll-draft";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Officers ask the group a question: 2–10 options, one or several choices, anonymous or not, a deadline. */
export function PollForm({
  groupId,
  onClose,
  onCreated,
}: {
  groupId: string;
  onClose: () => void;
  onCreated: (poll: TPollDetail) => void;
}) {
  const { t } = useI18n();
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState<string[]>(["", ""]);
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  // A week from now at 20:00, when people are home: a reasonable default to change.
  const [deadline, setDeadline] = useState({
    date: formatDate(new Date(Date.now() + 7 * DAY_MS)),
    time: "20:00",
  });
  const [problems, setProblems] = useState<PollDraftProblems>({});
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = vnDateTimeToIso(deadline.date, deadline.time);
    const iso = checked.ok ? checked.iso : null;
    const found = pollDraftProblems(question, options, iso, new Date());
    setProblems(found);
    if (found.question || found.options || found.deadline || !iso) {
      return;
    }
    const result = await submit.run(() =>
      createPoll(groupId, {
        question: question.trim(),
        options: options.map((o) => o.trim()),
        multiple,
        anonymous,
        deadline: iso,
      }),
    );
    if (result.ok) {
      onCreated(result.value);
    }
  };

  const deadlineText =
    dateTimeError(deadline.date, deadline.time, t) ??
    (problems.deadline === "required"
      ? t("polls.deadlineRequired")
      : problems.deadline === "past"
        ? t("polls.deadlinePast")
        : fieldIssue(submit.error, "deadline"));
  const optionsText = problems.options
    ? t(`polls.optionsProblem.${problems.options}`, { min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS })
    : fieldIssue(submit.error, "options");

  return (
    <Modal title={t("polls.createTitle")} onClose={onClose} testId="poll-form-dialog">
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="poll-form">
        <Field
          label={t("polls.question")}
          error={problems.question ? t("polls.questionRequired") : fieldIssue(submit.error, "question")}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={question}
              maxLength={500}
              onChange={(event) => setQuestion(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="poll-question"
            />
          )}
        </Field>
        <fieldset className="fieldset poll-options">
          <legend className="field__label">
            {t("polls.options", { min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS })}
          </legend>
          {options.map((option, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: options are positional while editing
            <div key={index} className="poll-options__row">
              <input
                className="input"
                value={option}
                maxLength={200}
                aria-label={t("polls.optionLabel", { n: index + 1 })}
                onChange={(event) =>
                  setOptions((current) => current.map((o, i) => (i === index ? event.target.value : o)))
                }
                data-testid="poll-option-input"
              />
              {options.length > POLL_MIN_OPTIONS ? (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  aria-label={t("polls.removeOptionLabel", { n: index + 1 })}
                  onClick={() => setOptions((current) => current.filter((_, i) => i !== index))}
                >
                  {t("polls.removeOption")}
                </button>
              ) : null}
            </div>
          ))}
          {optionsText ? <p className="field__error">{optionsText}</p> : null}
          {options.length < POLL_MAX_OPTIONS ? (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => setOptions((current) => [...current, ""])}
              data-testid="poll-add-option"
            >
              {t("polls.addOption")}
            </button>
          ) : null}
        </fieldset>
        <fieldset className="fieldset">
          <legend className="field__label">{t("polls.kind")}</legend>
          <label className="radio">
            <input type="radio" name="poll-kind" checked={!multiple} onChange={() => setMultiple(false)} />
            <span>{t("polls.single")}</span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name="poll-kind"
              checked={multiple}
              onChange={() => setMultiple(true)}
              data-testid="poll-multiple"
            />
            <span>{t("polls.multiple")}</span>
          </label>
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(event) => setAnonymous(event.target.checked)}
            data-testid="poll-anonymous"
          />
          <span>
            {t("polls.anonymousLabel")}
            <span className="checkbox__hint">{t("polls.anonymousHint")}</span>
          </span>
        </label>
        <DateTimeField
          label={t("polls.deadlineLabel")}
          date={deadline.date}
          time={deadline.time}
          onChange={setDeadline}
          error={deadlineText}
          testId="poll-deadline"
        />
        <FormFooter
          submit={submit}
          fields={["question", "options", "deadline"]}
          submitLabel={t("polls.create")}
          onCancel={onClose}
          submitTestId="poll-submit"
        />
      </form>
    </Modal>
  );
}
