import type { THousehold } from "@binhyen/contracts";
import { useState } from "react";
import { Modal } from "../../components/modal";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { ChangeHeadForm } from "./change-head-form";
import { HouseholdBadges } from "./household-badges";
import { HouseholdForm } from "./household-form";
import { HouseholdStatusForm } from "./household-status-form";
import { InvitePanel } from "./invite-panel";

export type HouseholdDialogMode = "menu" | "edit" | "head" | "status" | "invite";

interface HouseholdDialogProps {
  hamletId: string;
  household: THousehold;
  initialMode: HouseholdDialogMode;
  onClose: () => void;
  /** After a change: the updated household and what to tell the person. */
  onChanged: (household: THousehold, message: string) => void;
}

/** One household: its details and the actions an editor can take on it, each in its own step. */
export function HouseholdDialog({
  hamletId,
  household,
  initialMode,
  onClose,
  onChanged,
}: HouseholdDialogProps) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<HouseholdDialogMode>(initialMode);
  const name = household.headName;
  const title =
    mode === "invite"
      ? t("invite.title", { name })
      : mode === "edit"
        ? t("householdForm.editTitle", { name })
        : mode === "head"
          ? t("householdManage.changeHead")
          : mode === "status"
            ? t("householdManage.changeStatus")
            : t("householdManage.title", { name });
  const back = () => setMode("menu");

  return (
    <Modal title={title} onClose={onClose} testId="household-dialog">
      {mode === "menu" ? (
        <div className="household-menu">
          <dl className="details">
            <div>
              <dt>{t("households.code")}</dt>
              <dd>{household.code ?? "—"}</dd>
            </div>
            <div>
              <dt>{t("households.address")}</dt>
              <dd>{household.address || t("households.noAddress")}</dd>
            </div>
            <div>
              <dt>{t("households.phones")}</dt>
              <dd>
                {household.phonesHidden
                  ? t("households.phonesHidden")
                  : household.phones.join(", ") || t("households.noPhone")}
              </dd>
            </div>
            <div>
              <dt>{t("households.memberCount")}</dt>
              <dd>{formatNumber(household.memberCount, locale)}</dd>
            </div>
            <div>
              <dt>{t("households.state")}</dt>
              <dd>
                <HouseholdBadges household={household} />
              </dd>
            </div>
            {household.representatives.length > 0 ? (
              <div>
                <dt>{t("households.representatives")}</dt>
                <dd>{household.representatives.map((r) => r.name).join(", ")}</dd>
              </div>
            ) : null}
          </dl>
          <p className="muted small">
            {t("householdManage.updatedAt", { time: formatDateTime(household.updatedAt) })}
          </p>
          <div className="household-menu__actions">
            {household.status === "active" && !household.covered ? (
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => setMode("invite")}
                data-testid="menu-invite"
              >
                {t("householdManage.invite")}
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => setMode("edit")}
              data-testid="menu-edit"
            >
              {t("householdManage.edit")}
            </button>
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => setMode("head")}
              data-testid="menu-head"
            >
              {t("householdManage.changeHead")}
            </button>
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => setMode("status")}
              data-testid="menu-status"
            >
              {t("householdManage.changeStatus")}
            </button>
          </div>
        </div>
      ) : null}
      {mode === "edit" ? (
        <HouseholdForm
          hamletId={hamletId}
          household={household}
          onCancel={back}
          onSaved={(updated) => onChanged(updated, t("householdForm.saved", { name: updated.headName }))}
        />
      ) : null}
      {mode === "head" ? (
        <ChangeHeadForm
          household={household}
          onCancel={back}
          onSaved={(updated) => onChanged(updated, t("changeHead.done", { name: updated.headName }))}
        />
      ) : null}
      {mode === "status" ? (
        <HouseholdStatusForm
          household={household}
          onCancel={back}
          onSaved={(updated) =>
            onChanged(
              updated,
              t("householdStatusForm.done", {
                name: updated.headName,
                status: t(`householdStatus.${updated.status}`),
              }),
            )
          }
        />
      ) : null}
      {mode === "invite" ? (
        <>
          <InvitePanel household={household} />
          {initialMode === "menu" ? (
            <div className="form-actions">
              <button type="button" className="btn btn--ghost" onClick={back}>
                {t("householdManage.back")}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
