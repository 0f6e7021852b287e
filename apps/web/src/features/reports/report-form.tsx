import type { TCreateReportRequest } from "@binhyen/contracts";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { DateTimeField, dateTimeError } from "../../components/date-time-field";
import { Field, TextAreaField, TextField } from "../../components/field";
import { ProgressBar } from "../../components/progress-bar";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { vnDateTimeToIso } from "../../lib/date-input";
import { REPORT_CATEGORY_LIST } from "../../lib/report-codes";
import { useQuery } from "../../lib/use-query";
import { PhotoPicker } from "./photo-picker";
import { powChallengeOf, powProgress, solveProofOfWork } from "./proof-of-work";
import {
  clearDraft,
  draftHasContent,
  EMPTY_DRAFT,
  type ReportDraft,
  readDraft,
  readLastPlace,
  writeDraft,
  writeLastPlace,
} from "./report-store";
import { getReportPlaces, submitReport } from "./reports-api";

/**
 * Where the report goes: from the address (?commune=&hamlet=) or the signed-in person's role. The
 * hamlet ("" for none) is only preselected; the form names the commune and offers its hamlets.
 */
export interface ReportPlace {
  communeId: string;
  hamletId: string;
}

/** The announcement the report answers ("Báo tin cho công an" under a wanted/missing notice). */
export interface ReportAbout {
  announcementId: string;
  /** As the link carried it; only shown, the server knows the announcement by its id. */
  title: string;
}

export interface SentReport {
  code: string;
  category: string;
  photos: File[];
}

type Errors = Partial<Record<"category" | "description" | "occurredAt" | "name" | "phone", string>>;

/** Digests done and expected while answering the server's proof of work. */
interface Verifying {
  done: number;
  expected: number;
}

/**
 * Sends the report; when the server is under load and answers 428 with a challenge, solves it and
 * sends the same body with the same key once more, now with the proof. A second refusal is thrown
 * as it came (its message is the server's).
 */
async function submitWithProof(
  body: TCreateReportRequest,
  sendKey: string,
  onVerifying: (progress: Verifying | null) => void,
  signal: AbortSignal,
): Promise<{ receiptCode: string }> {
  try {
    return await submitReport(body, sendKey);
  } catch (error) {
    const challenge = isApiError(error, "PROOF_OF_WORK_REQUIRED") ? powChallengeOf(error.details) : null;
    if (!challenge) {
      throw error;
    }
    onVerifying({ done: 0, expected: 2 ** challenge.bits });
    try {
      const nonce = await solveProofOfWork(challenge.challenge, challenge.bits, {
        signal,
        onProgress: (done, expected) => onVerifying({ done, expected }),
      });
      return await submitReport(body, sendKey, `${challenge.challenge}:${nonce}`);
    } finally {
      onVerifying(null);
    }
  }
}

/** A fetch that never reached the server: no network, or the device believes it is offline. */
function isOffline(error: unknown): boolean {
  return isApiError(error, "NETWORK") || (typeof navigator !== "undefined" && navigator.onLine === false);
}

function initialDraft(place: ReportPlace): { draft: ReportDraft; restored: boolean } {
  const saved = readDraft();
  const restored = saved !== null && draftHasContent(saved);
  const base = saved ?? EMPTY_DRAFT;
  // A place in the address or the role wins; then the draft's; then the last link opened here.
  if (place.communeId) {
    writeLastPlace({ communeId: place.communeId, hamletId: place.hamletId });
    return { draft: { ...base, communeId: place.communeId, hamletId: place.hamletId }, restored };
  }
  const last = base.communeId ? null : readLastPlace();
  return { draft: last ? { ...base, ...last } : base, restored };
}

/**
 * The resident's report (plan II.4.2): what, when, where, photos, and whether to leave a name.
 * Everything but the photos is kept on the device as it is typed; when the network is down the
 * report waits there and goes as soon as the device is back online. Only a 201 clears it.
 */

/** A random key for one draft (getRandomValues also works on plain-http addresses, unlike randomUUID). */
function newSendKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `draft-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
export function ReportForm({
  place,
  about = null,
  onSent,
}: {
  place: ReportPlace;
  about?: ReportAbout | null;
  onSent: (sent: SentReport) => void;
}) {
  const { t } = useI18n();
  const [{ draft: startDraft, restored }] = useState(() => initialDraft(place));
  const [draft, setDraft] = useState<ReportDraft>(startDraft);
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState<Verifying | null>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const photosRef = useRef(photos);
  photosRef.current = photos;
  const sendingRef = useRef(false);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;
  const aboutRef = useRef(about);
  aboutRef.current = about;
  const categoryId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const identityId = useId();
  const urgentId = useId();
  // Leaving the page abandons a proof of work in progress; the draft stays on the device.
  const leaving = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    leaving.current = controller;
    return () => controller.abort();
  }, []);
  const [hamletGone, setHamletGone] = useState(false);
  // The commune's name and hamlets: public, so it works the same signed in or not.
  const places = useQuery(draft.communeId ? `report-places:${draft.communeId}` : null, (signal) =>
    getReportPlaces(draft.communeId, signal),
  );
  /** No such commune (404), or not even an id: the link that brought the reporter here is wrong. */
  const placeWrong =
    places.status === "error" &&
    (isApiError(places.error, "NOT_FOUND") || isApiError(places.error, "VALIDATION_FAILED"));
  const hamlets = places.data?.hamlets;

  // Every change is on the device at once: a dead battery or a closed tab loses nothing.
  useEffect(() => {
    writeDraft(draft);
  }, [draft]);

  // A hamlet the commune no longer has (an old link): none is chosen, and the reporter is told.
  const staleHamlet = Boolean(hamlets && draft.hamletId && !hamlets.some((h) => h.id === draft.hamletId));
  useEffect(() => {
    if (staleHamlet) {
      setHamletGone(true);
      setDraft((current) => ({ ...current, hamletId: "" }));
    }
  }, [staleHamlet]);

  // A wrong link is not remembered for the sign-in page's report button.
  useEffect(() => {
    if (placeWrong && readLastPlace()?.communeId === draft.communeId) {
      writeLastPlace({ communeId: "", hamletId: "" });
    }
  }, [placeWrong, draft.communeId]);

  const update = (patch: Partial<ReportDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const validate = useCallback(
    (d: ReportDraft): { errors: Errors; occurredAt: string | null } => {
      const next: Errors = {};
      if (!d.category) {
        next.category = t("report.categoryRequired");
      }
      if (!d.description.trim()) {
        next.description = t("report.descriptionRequired");
      }
      const when = vnDateTimeToIso(d.occurredDate, d.occurredTime);
      const occurredAt = when.ok ? when.iso : null;
      const whenError = dateTimeError(d.occurredDate, d.occurredTime, t);
      if (whenError) {
        next.occurredAt = whenError;
      } else if (occurredAt && new Date(occurredAt).getTime() > Date.now() + 60_000) {
        next.occurredAt = t("report.occurredAtFuture");
      }
      if (!d.anonymous) {
        if (!d.name.trim()) {
          next.name = t("report.nameRequired");
        }
        if (!d.phone.trim()) {
          next.phone = t("report.phoneRequired");
        }
      }
      return { errors: next, occurredAt };
    },
    [t],
  );

  const queue = useCallback(() => setDraft((current) => ({ ...current, queued: true })), []);

  /** Sends the current draft once (never twice at a time); failures for want of network queue it. */
  const send = useCallback(
    async (occurredAt: string | null) => {
      const d = draftRef.current;
      if (sendingRef.current || !d.communeId) {
        return;
      }
      if (navigator.onLine === false) {
        queue();
        return;
      }
      const sendKey = d.sendKey || newSendKey();
      if (!d.sendKey) {
        setDraft((current) => ({ ...current, sendKey }));
      }
      const announcementId = aboutRef.current?.announcementId;
      const body: TCreateReportRequest = {
        communeId: d.communeId,
        ...(announcementId ? { announcementId } : {}),
        ...(d.hamletId ? { hamletId: d.hamletId } : {}),
        category: d.category,
        description: d.description.trim(),
        ...(occurredAt ? { occurredAt } : {}),
        ...(d.location.trim() ? { location: d.location.trim() } : {}),
        urgent: d.urgent,
        anonymous: d.anonymous,
        ...(d.anonymous
          ? {}
          : {
              reporter: {
                name: d.name.trim(),
                phone: d.phone.trim(),
                ...(d.address.trim() ? { address: d.address.trim() } : {}),
              },
            }),
      };
      sendingRef.current = true;
      setBusy(true);
      setError(null);
      try {
        const signal = leaving.current?.signal ?? new AbortController().signal;
        const { receiptCode } = await submitWithProof(body, sendKey, setVerifying, signal);
        clearDraft();
        onSentRef.current({ code: receiptCode, category: d.category, photos: photosRef.current });
      } catch (caught) {
        if (caught instanceof DOMException && caught.name === "AbortError") {
          // The page was left while proving: the draft is kept on the device, nothing was sent.
        } else if (isOffline(caught)) {
          queue();
        } else {
          // The server refused it: the person must fix something, so it is no longer waiting.
          setDraft((current) => ({ ...current, queued: false }));
          setError(caught);
        }
      } finally {
        sendingRef.current = false;
        setBusy(false);
      }
    },
    [queue],
  );

  /** Sends a queued draft again, if it still passes the checks. */
  const retryQueued = useCallback(() => {
    const d = draftRef.current;
    if (!d.queued) {
      return;
    }
    // It may have been edited while waiting: check it again before it goes.
    const checked = validate(d);
    if (Object.keys(checked.errors).length > 0) {
      setErrors(checked.errors);
      setDraft((current) => ({ ...current, queued: false }));
      return;
    }
    void send(checked.occurredAt);
  }, [send, validate]);

  // Back online: send what was waiting. Also on opening the page with a queued draft.
  useEffect(() => {
    window.addEventListener("online", retryQueued);
    if (navigator.onLine !== false) {
      retryQueued();
    }
    return () => window.removeEventListener("online", retryQueued);
  }, [retryQueued]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validate(draft);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      // A long form on a small screen: bring the first problem into view once it is drawn.
      window.requestAnimationFrame(() => {
        const first = formRef.current?.querySelector<HTMLElement>(".field__error, [aria-invalid='true']");
        first?.scrollIntoView({ block: "center" });
      });
      return;
    }
    if (!draft.communeId) {
      return;
    }
    await send(checked.occurredAt);
  };

  /** The server's message for exactly this field ("reporter" is the name-or-anonymous rule). */
  const serverIssue = (path: string) =>
    isApiError(error, "VALIDATION_FAILED")
      ? error.fieldIssues.find((issue) => issue.path === path)?.message
      : undefined;
  const shownFields = [
    "category",
    "description",
    "occurredAt",
    "location",
    "reporter",
    "reporter.name",
    "reporter.phone",
    "reporter.address",
  ];
  const otherError = error && !shownFields.some((path) => serverIssue(path)) ? error : null;

  return (
    <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate data-testid="report-form">
      {restored ? (
        <p className="notice notice--info" data-testid="report-draft-restored">
          {t("report.draftRestored")}
        </p>
      ) : null}

      {about ? (
        <p className="notice notice--info" data-testid="report-about">
          {t("report.about", { title: about.title || t("report.aboutUntitled") })}
        </p>
      ) : null}

      <section className="card">
        <p className="muted small">{t("report.placeLabel")}</p>
        {!draft.communeId ? (
          <p className="notice notice--warning" data-testid="report-no-commune">
            {t("report.noCommune")}
          </p>
        ) : placeWrong ? (
          <p className="notice notice--error" role="alert" data-testid="report-place-wrong">
            {t("report.placeWrong")}
          </p>
        ) : places.data ? (
          <>
            <p className="report-place" data-testid="report-place">
              {t("report.placeCommune", { commune: places.data.name })}
            </p>
            {hamlets && hamlets.length > 0 ? (
              <Field label={t("report.hamlet")} hint={t("report.hamletHint")}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    className="input"
                    value={draft.hamletId}
                    onChange={(event) => {
                      setHamletGone(false);
                      update({ hamletId: event.target.value });
                    }}
                    aria-describedby={describedBy}
                    data-testid="report-hamlet"
                  >
                    <option value="">{t("report.hamletNone")}</option>
                    {hamlets.map((h) => (
                      <option key={h.id} value={h.id}>
                        {h.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            {hamletGone ? (
              <p className="notice notice--warning" data-testid="report-hamlet-gone">
                {t("report.hamletGone")}
              </p>
            ) : null}
          </>
        ) : places.status === "error" ? (
          // Offline, say: the report can still be written and sent (it waits for the network).
          <div className="notice notice--info" data-testid="report-place-unavailable">
            <p>{t("report.placeUnavailable")}</p>
            <button type="button" className="btn btn--secondary btn--small" onClick={places.reload}>
              {t("common.retry")}
            </button>
          </div>
        ) : (
          <p className="muted" data-testid="report-place-loading">
            {t("common.loading")}
          </p>
        )}
      </section>

      <section className="card">
        <fieldset
          className="fieldset"
          aria-describedby={errors.category ? `${categoryId}-error` : undefined}
          data-testid="report-categories"
        >
          <legend className="report-legend">{t("report.categoryLegend")}</legend>
          <div className="choices">
            {REPORT_CATEGORY_LIST.map((code) => (
              <label
                key={code}
                className={draft.category === code ? "choice is-selected" : "choice"}
                data-testid={`category-${code}`}
              >
                <input
                  type="radio"
                  name="report-category"
                  value={code}
                  checked={draft.category === code}
                  onChange={() => update({ category: code })}
                />
                <span className="choice__text">
                  <span className="choice__label">{t(`reportCategory.${code}`)}</span>
                  <span className="choice__hint">{t(`reportCategoryHint.${code}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.category || serverIssue("category") ? (
            <p className="field__error" id={`${categoryId}-error`}>
              {errors.category ?? serverIssue("category")}
            </p>
          ) : null}
        </fieldset>
      </section>

      <section
        className={draft.urgent ? "card report-urgent is-on" : "card report-urgent"}
        aria-labelledby={`${urgentId}-legend`}
      >
        <h2 className="report-legend" id={`${urgentId}-legend`}>
          {t("report.urgentLegend")}
        </h2>
        <label className={draft.urgent ? "choice choice--urgent is-selected" : "choice choice--urgent"}>
          <input
            type="checkbox"
            checked={draft.urgent}
            onChange={(event) => update({ urgent: event.target.checked })}
            aria-describedby={`${urgentId}-hint ${urgentId}-call`}
            data-testid="report-urgent"
          />
          <span className="choice__text">
            <span className="choice__label">{t("report.urgent")}</span>
            <span className="choice__hint" id={`${urgentId}-hint`}>
              {t("report.urgentHint")}
            </span>
          </span>
        </label>
        <div className="report-urgent__call" id={`${urgentId}-call`}>
          <p>{t("report.urgentCall")}</p>
          <ul className="report-urgent__numbers">
            <li>
              <a className="btn btn--danger-outline btn--small" href="tel:113">
                {t("report.call113")}
              </a>
            </li>
            <li>
              <a className="btn btn--danger-outline btn--small" href="tel:114">
                {t("report.call114")}
              </a>
            </li>
            <li>
              <a className="btn btn--danger-outline btn--small" href="tel:115">
                {t("report.call115")}
              </a>
            </li>
          </ul>
        </div>
      </section>

      <section className="card">
        <TextAreaField
          label={t("report.description")}
          hint={t("report.descriptionHint")}
          error={errors.description ?? serverIssue("description")}
          value={draft.description}
          onValueChange={(description) => update({ description })}
          rows={6}
          maxLength={5000}
          data-testid="report-description"
        />
        <DateTimeField
          label={t("report.occurredAt")}
          hint={t("report.occurredAtHint")}
          date={draft.occurredDate}
          time={draft.occurredTime}
          onChange={({ date, time }) => update({ occurredDate: date, occurredTime: time })}
          error={errors.occurredAt ?? serverIssue("occurredAt")}
          testId="report-occurred"
        />
        <TextField
          label={t("report.location")}
          hint={t("report.locationHint")}
          error={serverIssue("location")}
          value={draft.location}
          onValueChange={(location) => update({ location })}
          maxLength={300}
          data-testid="report-location"
        />
        <PhotoPicker
          files={photos}
          onChange={setPhotos}
          disabled={busy}
          label={t("report.photos")}
          hint={`${t("report.photosHint")} ${t("report.photosNotInDraft")}`}
          testId="report-photos"
        />
      </section>

      <section className="card">
        <fieldset className="fieldset" aria-describedby={`${identityId}-note`}>
          <legend className="report-legend">{t("report.identityLegend")}</legend>
          <div className="choices">
            <label className={draft.anonymous ? "choice is-selected" : "choice"}>
              <input
                type="radio"
                name="report-identity"
                checked={draft.anonymous}
                onChange={() => update({ anonymous: true })}
                data-testid="report-anonymous"
              />
              <span className="choice__text">
                <span className="choice__label">{t("report.anonymous")}</span>
                <span className="choice__hint">{t("report.anonymousHint")}</span>
              </span>
            </label>
            <label className={draft.anonymous ? "choice" : "choice is-selected"}>
              <input
                type="radio"
                name="report-identity"
                checked={!draft.anonymous}
                onChange={() => update({ anonymous: false })}
                data-testid="report-named"
              />
              <span className="choice__text">
                <span className="choice__label">{t("report.named")}</span>
                <span className="choice__hint">{t("report.namedHint")}</span>
              </span>
            </label>
          </div>
        </fieldset>
        {draft.anonymous ? null : (
          <div className="report-identity" data-testid="report-identity-fields">
            <TextField
              label={t("report.name")}
              error={errors.name ?? serverIssue("reporter.name") ?? serverIssue("reporter")}
              value={draft.name}
              onValueChange={(name) => update({ name })}
              maxLength={120}
              autoComplete="name"
              data-testid="report-name"
            />
            <TextField
              label={t("report.phone")}
              error={errors.phone ?? serverIssue("reporter.phone")}
              value={draft.phone}
              onValueChange={(phone) => update({ phone })}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              data-testid="report-phone"
            />
            <TextField
              label={t("report.address")}
              error={serverIssue("reporter.address")}
              value={draft.address}
              onValueChange={(address) => update({ address })}
              maxLength={300}
              autoComplete="street-address"
            />
          </div>
        )}
        <p className="muted small" id={`${identityId}-note`}>
          {t("report.truthNote")}
        </p>
      </section>

      {draft.queued ? (
        <div className="notice notice--warning" role="status" data-testid="report-queued">
          <p>
            <strong>{t("report.queuedTitle")}</strong>
          </p>
          <p>{t("report.queuedBody")}</p>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={busy}
            onClick={retryQueued}
          >
            {t("report.sendNow")}
          </button>
        </div>
      ) : null}
      {verifying ? (
        <div className="notice notice--info report-verifying" role="status" data-testid="report-verifying">
          <p>
            <strong>{t("report.verifying")}</strong>
          </p>
          <p>{t("report.verifyingHint")}</p>
          <ProgressBar
            percent={powProgress(verifying.done, verifying.expected) * 100}
            label={t("report.verifyingProgress")}
            valueText={t("report.verifyingPercent", {
              percent: Math.floor(powProgress(verifying.done, verifying.expected) * 100),
            })}
          />
        </div>
      ) : null}
      {otherError ? <ErrorNotice error={otherError} /> : null}

      <div className="form-actions">
        <button
          type="submit"
          className="btn btn--primary btn--block btn--large"
          disabled={busy || !draft.communeId || placeWrong}
          data-testid="report-submit"
        >
          {busy ? t("report.submitting") : t("report.submit")}
        </button>
      </div>
      <p className="muted small report-draft-note">{t("report.draftNote")}</p>
      {draftHasContent(draft) ? (
        <div className="form-actions">
          <ConfirmButton
            label={t("report.discardDraft")}
            question={t("report.discardQuestion")}
            onConfirm={() => {
              clearDraft();
              setPhotos([]);
              setErrors({});
              setError(null);
              setDraft({ ...EMPTY_DRAFT, communeId: draft.communeId, hamletId: draft.hamletId });
            }}
            testId="report-discard"
          />
        </div>
      ) : null}
    </form>
  );
}
