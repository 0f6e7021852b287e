import { ANNOUNCEMENT_TEMPLATES } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import { interpolate, type Translate } from "../../i18n/i18n-context";
import { vi } from "../../i18n/vi";
import {
  applyCategory,
  type ComposerState,
  EMPTY_COMPOSER,
  findingsOf,
  groupFindings,
  toPayload,
  validateComposer,
} from "./composer-state";

const t: Translate = (key, params) => interpolate(vi[key], params);
const NOW = Date.parse("2026-01-05T10:00:00+07:00");
const GROUP = "11111111-1111-4111-8111-111111111111";

const wanted = (patch: Partial<ComposerState> = {}): ComposerState => ({
  ...applyCategory(EMPTY_COMPOSER, "WANTED_PERSON"),
  audience: { wholeCommune: false, groupIds: [GROUP] },
  description: "Nam, khoảng 30 tuổi",
  expiryDate: "05/02/2026",
  expiryTime: "23:00",
  ...patch,
});

describe("composer", () => {
  it("fills title and body from the category's template, without overwriting the author's text", () => {
    const filled = applyCategory(EMPTY_COMPOSER, "FIRE_SAFETY");
    expect(filled.title).toBe(ANNOUNCEMENT_TEMPLATES.FIRE_SAFETY.title);
    // Still the template: another category replaces it.
    const switched = applyCategory(filled, "TRAFFIC_SAFETY");
    expect(switched.body).toBe(ANNOUNCEMENT_TEMPLATES.TRAFFIC_SAFETY.body);
    // Edited: kept, unless "Dùng mẫu" forces it.
    const edited = applyCategory({ ...switched, body: "Lời của tôi" }, "LAW_POLICY");
    expect(edited.body).toBe("Lời của tôi");
    expect(edited.title).toBe(ANNOUNCEMENT_TEMPLATES.LAW_POLICY.title);
    expect(applyCategory(edited, "LAW_POLICY", true).body).toBe(ANNOUNCEMENT_TEMPLATES.LAW_POLICY.body);
  });

  it("requires an expiry and a description for wanted and missing persons (contracts: EXPIRY_REQUIRED)", () => {
    const { errors } = validateComposer(wanted({ expiryDate: "", expiryTime: "", description: " " }), t, NOW);
    expect(errors.expiresAt).toBe(vi["composer.expiresAtRequired"]);
    expect(errors["notice.description"]).toBe(vi["composer.noticeDescriptionRequired"]);
    expect(validateComposer(wanted(), t, NOW).errors).toEqual({});
    // Another category needs neither.
    const plain = { ...wanted({ expiryDate: "", expiryTime: "" }), category: "FIRE_SAFETY" as const };
    expect(validateComposer(plain, t, NOW).errors).toEqual({});
  });

  it("checks the audience and that times are in order, in Vietnam's time", () => {
    const none = validateComposer(wanted({ audience: { wholeCommune: false, groupIds: [] } }), t, NOW);
    expect(none.errors.audience).toBe(vi["composer.audienceRequired"]);
    const later = validateComposer(
      wanted({ when: "later", publishDate: "10/02/2026", publishTime: "8h" }),
      t,
      NOW,
    );
    expect(later.publishAt).toBe("2026-02-10T08:00:00+07:00");
    expect(later.errors.expiresAt).toBe(vi["composer.expiresAtBeforePublish"]);
    const past = validateComposer(
      wanted({ when: "later", publishDate: "01/01/2026", publishTime: "08:00" }),
      t,
      NOW,
    );
    expect(past.errors.publishAt).toBe(vi["composer.publishAtPast"]);
  });

  it("builds the request: the notice only for person notices, the whole commune as { communeId }", () => {
    const state = wanted({ personName: "  Lê Văn Tẩu ", contact: "", files: [] });
    const checked = validateComposer(state, t, NOW);
    const body = toPayload(state, "c-1", checked, false);
    expect(body).toMatchObject({
      audience: { groupIds: [GROUP] },
      category: "WANTED_PERSON",
      expiresAt: "2026-02-05T23:00:00+07:00",
      notice: { personName: "Lê Văn Tẩu", description: "Nam, khoảng 30 tuổi" },
      draft: false,
    });
    expect(body.notice).not.toHaveProperty("contact");
    const commune = toPayload(
      { ...state, category: "FIRE_SAFETY", audience: { wholeCommune: true, groupIds: [] } },
      "c-1",
      { publishAt: null, expiresAt: null },
      true,
    );
    expect(commune.audience).toEqual({ communeId: "c-1" });
    expect(commune).not.toHaveProperty("notice");
    expect(commune.draft).toBe(true);
  });

  it("puts each content finding beside the field it names", () => {
    const findings = findingsOf({
      findings: [
        { rule: "CITIZEN_ID", field: "body", message: "Có số căn cước.", excerpt: "079******234" },
        { rule: "PHONE_NUMBER", field: "notice.contact", message: "Có số điện thoại.", excerpt: "0912…" },
        { rule: "SECRECY_MARKING", field: "file:bien-ban.pdf", message: "Tài liệu mật.", excerpt: "MẬT" },
        { rule: "PHONE_NUMBER", field: "somewhere", message: "Khác.", excerpt: "" },
      ],
    });
    const grouped = groupFindings(findings);
    expect(grouped.byField.body).toEqual(["Có số căn cước."]);
    expect(grouped.byField["notice.contact"]).toEqual(["Có số điện thoại."]);
    expect(grouped.files).toEqual(["Tài liệu mật."]);
    expect(grouped.other).toEqual(["Khác."]);
    expect(findingsOf({ rules: [] })).toEqual([]);
  });
});
