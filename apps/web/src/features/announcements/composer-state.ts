import {
  ANNOUNCEMENT_TEMPLATES,
  EXPIRY_REQUIRED,
  type TAnnouncementCategory,
  type TAnnouncementDetail,
  type TAnnouncementFile,
  type TContentFinding,
  type TCreateAnnouncementInput,
} from "@binhyen/contracts";
import { dateTimeError } from "../../components/date-time-field";
import { formatDateTime } from "../../i18n/format";
import type { Translate } from "../../i18n/i18n-context";
import { vnDateTimeToIso } from "../../lib/date-input";
import { isAnnouncementCategory, isPersonNotice } from "./announcement-labels";
import type { AudienceValue } from "./audience-picker";

/** Everything the composer holds, as typed (dates as dd/mm/yyyy and HH:mm in Vietnam's time). */
export interface ComposerState {
  category: TAnnouncementCategory | "";
  title: string;
  body: string;
  audience: AudienceValue;
  when: "now" | "later";
  publishDate: string;
  publishTime: string;
  pinned: boolean;
  urgent: boolean;
  requiresAck: boolean;
  expiryDate: string;
  expiryTime: string;
  personName: string;
  description: string;
  lastSeen: string;
  contact: string;
  photo: TAnnouncementFile | null;
  files: TAnnouncementFile[];
}

export const EMPTY_COMPOSER: ComposerState = {
  category: "",
  title: "",
  body: "",
  audience: { wholeCommune: false, groupIds: [] },
  when: "now",
  publishDate: "",
  publishTime: "",
  pinned: false,
  urgent: false,
  requiresAck: false,
  expiryDate: "",
  expiryTime: "",
  personName: "",
  description: "",
  lastSeen: "",
  contact: "",
  photo: null,
  files: [],
};

export type ComposerField =
  | "category"
  | "title"
  | "body"
  | "audience"
  | "publishAt"
  | "expiresAt"
  | "notice.personName"
  | "notice.description"
  | "notice.lastSeen"
  | "notice.contact";

export type ComposerErrors = Partial<Record<ComposerField, string>>;

/** Splits an instant into the two typed fields ("HH:mm dd/mm/yyyy" → date, time). */
function splitInstant(iso: string | null): { date: string; time: string } {
  if (!iso) {
    return { date: "", time: "" };
  }
  const [time = "", date = ""] = formatDateTime(iso).split(" ");
  return { date, time };
}

/** The composer filled from a saved announcement (editing a draft, pending or scheduled one). */
export function fromDetail(detail: TAnnouncementDetail, communeGroupIds: readonly string[]): ComposerState {
  const publish = splitInstant(detail.status === "scheduled" ? detail.publishAt : null);
  const expiry = splitInstant(detail.expiresAt);
  const groupIds = detail.groups.map((g) => g.id);
  const wholeCommune = communeGroupIds.length > 0 && communeGroupIds.every((id) => groupIds.includes(id));
  const photoId = detail.notice?.photoFileId;
  return {
    category: isAnnouncementCategory(detail.category) ? detail.category : "",
    title: detail.title,
    body: detail.body,
    audience: { wholeCommune, groupIds: wholeCommune ? [] : groupIds },
    when: publish.date ? "later" : "now",
    publishDate: publish.date,
    publishTime: publish.time,
    pinned: detail.pinned,
    urgent: detail.urgent,
    requiresAck: detail.requiresAck,
    expiryDate: expiry.date,
    expiryTime: expiry.time,
    personName: detail.notice?.personName ?? "",
    description: detail.notice?.description ?? "",
    lastSeen: detail.notice?.lastSeen ?? "",
    contact: detail.notice?.contact ?? "",
    photo: photoId
      ? (detail.files.find((f) => f.id === photoId) ?? {
          id: photoId,
          kind: "image",
          contentType: "image/jpeg",
          name: "",
          bytes: 0,
        })
      : null,
    files: detail.files.filter((f) => f.id !== photoId),
  };
}

/**
 * A category's template fills the title and body when they are empty, or still hold the template
 * of the category chosen before (nothing of the author's would be lost).
 */
export function applyCategory(
  state: ComposerState,
  category: TAnnouncementCategory | "",
  force = false,
): ComposerState {
  const previous = state.category ? ANNOUNCEMENT_TEMPLATES[state.category] : null;
  const untouched = (text: string, template: string | undefined) => text.trim() === "" || text === template;
  const template = category ? ANNOUNCEMENT_TEMPLATES[category] : null;
  const next: ComposerState = { ...state, category };
  if (template) {
    if (force || untouched(state.title, previous?.title)) {
      next.title = template.title;
    }
    if (force || untouched(state.body, previous?.body)) {
      next.body = template.body;
    }
  }
  return next;
}

export function expiryRequired(category: string): boolean {
  return (EXPIRY_REQUIRED as readonly string[]).includes(category);
}

/** Problems the author can fix before anything is sent; also computes the two instants. */
export function validateComposer(
  state: ComposerState,
  t: Translate,
  now = Date.now(),
): { errors: ComposerErrors; publishAt: string | null; expiresAt: string | null } {
  const errors: ComposerErrors = {};
  if (!state.category) {
    errors.category = t("composer.categoryRequired");
  }
  if (!state.title.trim()) {
    errors.title = t("composer.titleRequired");
  }
  if (!state.body.trim()) {
    errors.body = t("composer.bodyRequired");
  }
  if (!state.audience.wholeCommune && state.audience.groupIds.length === 0) {
    errors.audience = t("composer.audienceRequired");
  }
  let publishAt: string | null = null;
  if (state.when === "later") {
    const checked = vnDateTimeToIso(state.publishDate, state.publishTime);
    const problem = dateTimeError(state.publishDate, state.publishTime, t);
    if (problem) {
      errors.publishAt = problem;
    } else if (!checked.ok || !checked.iso) {
      errors.publishAt = t("composer.publishAtRequired");
    } else if (Date.parse(checked.iso) <= now) {
      errors.publishAt = t("composer.publishAtPast");
    } else {
      publishAt = checked.iso;
    }
  }
  let expiresAt: string | null = null;
  const expiry = vnDateTimeToIso(state.expiryDate, state.expiryTime);
  const expiryProblem = dateTimeError(state.expiryDate, state.expiryTime, t);
  if (expiryProblem) {
    errors.expiresAt = expiryProblem;
  } else if (expiry.ok && expiry.iso) {
    if (Date.parse(expiry.iso) <= Math.max(now, publishAt ? Date.parse(publishAt) : now)) {
      errors.expiresAt = t("composer.expiresAtBeforePublish");
    } else {
      expiresAt = expiry.iso;
    }
  } else if (state.category && expiryRequired(state.category)) {
    errors.expiresAt = t("composer.expiresAtRequired");
  }
  if (state.category && isPersonNotice(state.category) && !state.description.trim()) {
    errors["notice.description"] = t("composer.noticeDescriptionRequired");
  }
  return { errors, publishAt, expiresAt };
}

/** The request body (contracts: ZCreateAnnouncement). */
export function toPayload(
  state: ComposerState,
  communeId: string,
  instants: { publishAt: string | null; expiresAt: string | null },
  draft: boolean,
): TCreateAnnouncementInput {
  const category = state.category || "OTHER_DIRECTIVE";
  const text = (value: string) => (value.trim() ? { value: value.trim() } : null);
  const personName = text(state.personName);
  const lastSeen = text(state.lastSeen);
  const contact = text(state.contact);
  return {
    audience: state.audience.wholeCommune ? { communeId } : { groupIds: [...state.audience.groupIds] },
    category,
    title: state.title.trim(),
    body: state.body.trim(),
    ...(instants.publishAt ? { publishAt: instants.publishAt } : {}),
    pinned: state.pinned,
    urgent: state.urgent,
    requiresAck: state.requiresAck,
    ...(instants.expiresAt ? { expiresAt: instants.expiresAt } : {}),
    fileIds: state.files.map((f) => f.id),
    ...(isPersonNotice(category)
      ? {
          notice: {
            description: state.description.trim(),
            ...(personName ? { personName: personName.value } : {}),
            ...(lastSeen ? { lastSeen: lastSeen.value } : {}),
            ...(contact ? { contact: contact.value } : {}),
            ...(state.photo ? { photoFileId: state.photo.id } : {}),
          },
        }
      : {}),
    draft,
  };
}

const FIELD_ALIASES: Record<string, ComposerField> = {
  title: "title",
  body: "body",
  category: "category",
  audience: "audience",
  publishAt: "publishAt",
  expiresAt: "expiresAt",
  notice: "notice.description",
  "notice.personName": "notice.personName",
  "notice.description": "notice.description",
  "notice.lastSeen": "notice.lastSeen",
  "notice.contact": "notice.contact",
};

/** The content check's findings, sorted to the field each names; files and the rest apart. */
export function groupFindings(findings: readonly TContentFinding[]): {
  byField: Partial<Record<ComposerField, string[]>>;
  files: string[];
  other: string[];
} {
  const byField: Partial<Record<ComposerField, string[]>> = {};
  const files: string[] = [];
  const other: string[] = [];
  for (const finding of findings) {
    const field = FIELD_ALIASES[finding.field] ?? FIELD_ALIASES[finding.field.split(".")[0] ?? ""];
    const add = (list: string[]) => {
      if (!list.includes(finding.message)) {
        list.push(finding.message);
      }
    };
    if (field) {
      byField[field] ??= [];
      add(byField[field]);
    } else if (finding.field.startsWith("file")) {
      add(files);
    } else {
      add(other);
    }
  }
  return { byField, files, other };
}

/** The findings of a 422 CONTENT_BLOCKED answer, if the details carry them. */
export function findingsOf(details: unknown): TContentFinding[] {
  if (details && typeof details === "object" && "findings" in details && Array.isArray(details.findings)) {
    return details.findings.filter(
      (f: unknown): f is TContentFinding =>
        Boolean(f) && typeof f === "object" && typeof (f as TContentFinding).message === "string",
    );
  }
  return [];
}
