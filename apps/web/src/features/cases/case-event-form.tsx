import { type FormEvent, type ReactNode, useId, useState } from "react";
import { DateTimeField, dateTimeError } from "../../components/date-time-field";
import { Field, TextAreaField, TextField } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { ErrorNotice, Loading } from "../../components/status";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { vnDateTimeToIso } from "../../lib/date-input";
import {
  type CaseEventType,
  OUTCOME_CODE_LIST,
  type OutcomeCode,
  REPORT_KIND_LIST,
  SUSPENSION_GROUND_LIST,
  type SuspensionGround,
  TERMINAL_STATES,
} from "../../lib/report-codes";
import { useQuery } from "../../lib/use-query";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { OfficerPicker } from "../officers/officer-picker";
import { categoryLabel, groundLabel, kindLabel, outcomeLabel } from "../reports/report-labels";
import { type CaseDetail, type CaseEvent, listCases, transitionCase } from "./cases-api";

interface CaseEventFormProps {
  type: CaseEventType;
  detail: CaseDetail;
  onDone: (detail: CaseDetail) => void;
  onCancel: () => void;
}

type Errors = Partial<Record<string, string>>;

const AGENCIES = ["caseForm.agency1", "caseForm.agency2", "caseForm.agency3", "caseForm.agency4"] as const;
const CHANNELS = [
  "caseForm.channel1",
  "caseForm.channel2",
  "caseForm.channel3",
  "caseForm.channel4",
  "caseForm.channel5",
] as const;

/** Every field a server error may name, so FormFooter leaves those to their fields. */
const EVENT_FIELDS = [
  "event.agency",
  "event.investigatorUserId",
  "event.reason",
  "event.ground",
  "event.note",
  "event.outcome",
  "event.outcome.code",
  "event.outcome.summary",
  "event.reporterNotified",
  "event.reporterNotified.at",
  "event.reporterNotified.channel",
  "event.publicResult",
  "event.targetCaseId",
  "event.toUserId",
  "event.to",
];

/**
 * The small form behind one workflow button: only what the event needs, checked here for a quick
 * answer; the server's state machine decides and its Vietnamese refusal is shown as it is.
 */
export function CaseEventForm({ type, detail, onDone, onCancel }: CaseEventFormProps) {
  const { t } = useI18n();
  const listId = useId();
  const submit = useSubmit();
  const [errors, setErrors] = useState<Errors>({});
  const [agency, setAgency] = useState("");
  const [userId, setUserId] = useState("");
  const [reason, setReason] = useState("");
  const [ground, setGround] = useState<SuspensionGround | "">("");
  const [note, setNote] = useState("");
  const [outcomeCode, setOutcomeCode] = useState<OutcomeCode | "">("");
  const [valuable, setValuable] = useState(false);
  const [summary, setSummary] = useState("");
  const [notified, setNotified] = useState(!detail.reporter.anonymous);
  // Usually the reporter was just told: "now" in Vietnam's time, "HH:mm dd/mm/yyyy" split in two.
  const [notifiedAt, setNotifiedAt] = useState(() => {
    const [time = "", date = ""] = formatDateTime(new Date()).split(" ");
    return { date, time };
  });
  const [channel, setChannel] = useState("");
  const [publicResult, setPublicResult] = useState("");
  const [target, setTarget] = useState("");
  const [kindTo, setKindTo] = useState("");

  const issue = (field: string) => errors[field] ?? fieldIssue(submit.error, `event.${field}`);

  /** The event to send, or null with `errors` set. */
  const build = (): CaseEvent | null => {
    const next: Errors = {};
    const need = (field: string, ok: boolean, message: string) => {
      if (!ok) {
        next[field] = message;
      }
    };
    let event: CaseEvent | null = null;
    switch (type) {
      case "ACKNOWLEDGE":
      case "START_VERIFICATION":
      case "RESUME":
        event = { type };
        break;
      case "FORWARD":
        need("agency", agency.trim() !== "", t("caseForm.agencyRequired"));
        event = { type, agency: agency.trim() };
        break;
      case "HANDLE_IN_COMMUNE":
        need("investigatorUserId", userId !== "", t("caseForm.officerRequired"));
        event = { type, investigatorUserId: userId };
        break;
      case "MARK_NOT_POLICE_MATTER":
        need("reason", reason.trim() !== "", t("caseForm.reasonRequired"));
        event = { type, reason: reason.trim() };
        break;
      case "SUSPEND":
        need("ground", ground !== "", t("caseForm.groundRequired"));
        event = ground === "" ? null : { type, ground, ...(note.trim() ? { note: note.trim() } : {}) };
        break;
      case "RECORD_OUTCOME":
        need("outcome.code", outcomeCode !== "", t("caseForm.outcomeRequired"));
        need("outcome.summary", summary.trim() !== "", t("caseForm.summaryRequired"));
        event =
          outcomeCode === ""
            ? null
            : { type, outcome: { code: outcomeCode, valuable, summary: summary.trim() } };
        break;
      case "CLOSE": {
        const when = vnDateTimeToIso(notifiedAt.date, notifiedAt.time);
        const at = notified && when.ok ? when.iso : null;
        if (notified) {
          need(
            "reporterNotified.at",
            at !== null,
            dateTimeError(notifiedAt.date, notifiedAt.time, t) ?? t("caseForm.notifiedAtRequired"),
          );
          need("reporterNotified.channel", channel.trim() !== "", t("caseForm.notifiedChannelRequired"));
        }
        event = {
          type,
          reporterNotified: notified && at ? { at, channel: channel.trim() } : null,
          ...(publicResult.trim() ? { publicResult: publicResult.trim() } : {}),
        };
        break;
      }
      case "MERGE_INTO":
        need("targetCaseId", target !== "", t("caseForm.targetRequired"));
        event = { type, targetCaseId: target };
        break;
      case "REASSIGN":
        need("toUserId", userId !== "", t("caseForm.officerRequired"));
        need("reason", reason.trim() !== "", t("caseForm.reasonRequired"));
        event = { type, toUserId: userId, reason: reason.trim() };
        break;
      case "CHANGE_KIND":
        need("to", kindTo !== "", t("caseForm.kindRequired"));
        need("reason", reason.trim() !== "", t("caseForm.reasonRequired"));
        event = {
          type,
          to: kindTo as Extract<CaseEvent, { type: "CHANGE_KIND" }>["to"],
          reason: reason.trim(),
        };
        break;
    }
    setErrors(next);
    return Object.keys(next).length > 0 ? null : event;
  };

  const onSubmit = async (formEvent: FormEvent<HTMLFormElement>) => {
    formEvent.preventDefault();
    const event = build();
    if (!event) {
      return;
    }
    const result = await submit.run(() => transitionCase(detail.id, event));
    if (result.ok) {
      onDone(result.value);
    }
  };

  // The case's own commune: its chief, deputies and group leaders may all list its officers.
  const officerPicker = (field: string, label: string) => (
    <OfficerPicker
      communeId={detail.communeId}
      label={label}
      value={userId}
      onChange={setUserId}
      currentUserId={detail.assignee?.userId ?? detail.assigneeUserId}
      error={issue(field)}
    />
  );

  const reasonField = (
    <TextAreaField
      label={t("caseForm.reason")}
      error={issue("reason")}
      value={reason}
      onValueChange={setReason}
      short
      rows={3}
      maxLength={type === "MARK_NOT_POLICE_MATTER" ? 1000 : 500}
      data-testid="case-event-reason"
    />
  );

  let fields: ReactNode = null;
  switch (type) {
    case "FORWARD":
      fields = (
        <>
          <TextField
            label={t("caseForm.agency")}
            hint={t("caseForm.agencyHint")}
            error={issue("agency")}
            value={agency}
            onValueChange={setAgency}
            list={listId}
            maxLength={200}
            data-testid="case-event-agency"
          />
          <datalist id={listId}>
            {AGENCIES.map((key) => (
              <option key={key} value={t(key)} />
            ))}
          </datalist>
        </>
      );
      break;
    case "HANDLE_IN_COMMUNE":
      fields = officerPicker("investigatorUserId", t("caseForm.investigator"));
      break;
    case "MARK_NOT_POLICE_MATTER":
      fields = reasonField;
      break;
    case "SUSPEND":
      fields = (
        <>
          <fieldset className="fieldset">
            <legend className="field__label">{t("caseForm.ground")}</legend>
            {SUSPENSION_GROUND_LIST.map((code) => (
              <label key={code} className="radio">
                <input
                  type="radio"
                  name="suspension-ground"
                  checked={ground === code}
                  onChange={() => setGround(code)}
                />
                <span>{groundLabel(code, t)}</span>
              </label>
            ))}
            {issue("ground") ? <p className="field__error">{issue("ground")}</p> : null}
          </fieldset>
          <TextAreaField
            label={t("caseForm.note")}
            error={issue("note")}
            value={note}
            onValueChange={setNote}
            short
            rows={2}
            maxLength={1000}
          />
        </>
      );
      break;
    case "RECORD_OUTCOME":
      fields = (
        <>
          <Field label={t("caseForm.outcomeCode")} error={issue("outcome.code")}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className="input"
                value={outcomeCode}
                onChange={(event) => setOutcomeCode(event.target.value as OutcomeCode | "")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-testid="case-event-outcome"
              >
                <option value="">{t("caseForm.choose")}</option>
                {OUTCOME_CODE_LIST.map((code) => (
                  <option key={code} value={code}>
                    {outcomeLabel(code, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={valuable}
              onChange={(event) => setValuable(event.target.checked)}
            />
            <span>{t("caseForm.valuable")}</span>
          </label>
          <TextAreaField
            label={t("caseForm.summary")}
            hint={t("caseForm.summaryHint")}
            error={issue("outcome.summary")}
            value={summary}
            onValueChange={setSummary}
            rows={4}
            maxLength={5000}
            data-testid="case-event-summary"
          />
        </>
      );
      break;
    case "CLOSE":
      fields = (
        <>
          {detail.reporter.anonymous ? (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={notified}
                onChange={(event) => setNotified(event.target.checked)}
              />
              <span>{t("caseForm.notified")}</span>
            </label>
          ) : (
            <p className="notice notice--info">{t("caseForm.notifiedRequired")}</p>
          )}
          {notified ? (
            <>
              <DateTimeField
                label={t("caseForm.notifiedAt")}
                date={notifiedAt.date}
                time={notifiedAt.time}
                onChange={setNotifiedAt}
                error={issue("reporterNotified.at")}
              />
              <TextField
                label={t("caseForm.notifiedChannel")}
                error={issue("reporterNotified.channel")}
                value={channel}
                onValueChange={setChannel}
                list={`${listId}-channels`}
                maxLength={60}
                data-testid="case-event-channel"
              />
              <datalist id={`${listId}-channels`}>
                {CHANNELS.map((key) => (
                  <option key={key} value={t(key)} />
                ))}
              </datalist>
            </>
          ) : null}
          <TextAreaField
            label={t("caseForm.publicResult")}
            hint={t("caseForm.publicResultHint")}
            error={issue("publicResult")}
            value={publicResult}
            onValueChange={setPublicResult}
            rows={3}
            maxLength={2000}
            data-testid="case-event-public-result"
          />
        </>
      );
      break;
    case "MERGE_INTO":
      fields = (
        <MergeTarget caseId={detail.id} value={target} onChange={setTarget} error={issue("targetCaseId")} />
      );
      break;
    case "REASSIGN":
      fields = (
        <>
          {officerPicker("toUserId", t("caseForm.officer"))}
          {reasonField}
        </>
      );
      break;
    case "CHANGE_KIND":
      fields = (
        <>
          <Field
            label={t("caseForm.kindTo")}
            hint={detail.reporter.anonymous ? t("caseForm.kindAnonymousNote") : undefined}
            error={issue("to")}
          >
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className="input"
                value={kindTo}
                onChange={(event) => setKindTo(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">{t("caseForm.choose")}</option>
                {REPORT_KIND_LIST.filter(
                  (kind) => kind !== detail.kind && !(detail.reporter.anonymous && kind === "TO_GIAC"),
                ).map((kind) => (
                  <option key={kind} value={kind}>
                    {kindLabel(kind, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {reasonField}
        </>
      );
      break;
    default:
      fields = null;
  }

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="case-event-form"
      data-event={type}
    >
      <p className="form-intro">{t(`caseEventHint.${type}`)}</p>
      {fields}
      <FormFooter
        submit={submit}
        fields={EVENT_FIELDS}
        submitLabel={t(`caseEvent.${type}`)}
        onCancel={onCancel}
        submitTestId="case-event-submit"
      />
    </form>
  );
}

/** Another open case of the commune to merge this one into: the reader's own in-box, newest first. */
function MergeTarget({
  caseId,
  value,
  onChange,
  error,
}: {
  caseId: string;
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const cases = useQuery("cases-merge-targets", (signal) => listCases({ limit: 200, offset: 0 }, signal));
  if (cases.status === "error") {
    return <ErrorNotice error={cases.error} onRetry={cases.reload} />;
  }
  if (!cases.data) {
    return <Loading />;
  }
  const targets = cases.data.items.filter((c) => c.id !== caseId && !TERMINAL_STATES.includes(c.state));
  if (targets.length === 0) {
    return <p className="notice notice--warning">{t("caseForm.noTargets")}</p>;
  }
  return (
    <Field label={t("caseForm.target")} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          <option value="">{t("caseForm.choose")}</option>
          {targets.map((c) => (
            <option key={c.id} value={c.id}>
              {t("caseForm.targetOption", {
                category: categoryLabel(c.category, t),
                time: formatDateTime(c.receivedAt),
                excerpt: c.excerpt.length > 60 ? `${c.excerpt.slice(0, 60)}…` : c.excerpt,
              })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
