import { useState } from "react";
import { Modal } from "../../components/modal";
import { useI18n } from "../../i18n/i18n-context";
import { type CaseEventType, isCaseEvent, MAIN_EVENTS } from "../../lib/report-codes";
import { eventLabel } from "../reports/report-labels";
import { CaseEventForm } from "./case-event-form";
import type { CaseDetail } from "./cases-api";

interface CaseActionsProps {
  detail: CaseDetail;
  onDone: (detail: CaseDetail, event: CaseEventType) => void;
}

/**
 * One button per event the case's state allows (the server lists them); each opens its small form.
 * Steps forward are prominent; reassigning, reclassifying, merging and the like sit below them.
 */
export function CaseActions({ detail, onDone }: CaseActionsProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<CaseEventType | null>(null);

  if (detail.allowedEvents === undefined) {
    return (
      <section className="card" data-testid="case-actions">
        <h2 className="card__title">{t("case.actions")}</h2>
        <p className="muted">{t("case.actionsUnavailable")}</p>
      </section>
    );
  }
  const allowed = detail.allowedEvents.filter(isCaseEvent);
  const main = allowed.filter((event) => MAIN_EVENTS.includes(event));
  const other = allowed.filter((event) => !MAIN_EVENTS.includes(event));

  const button = (event: CaseEventType, primary: boolean) => (
    <button
      key={event}
      type="button"
      className={primary ? "btn btn--primary" : "btn btn--secondary btn--small"}
      onClick={() => setOpen(event)}
      data-testid={`case-event-${event}`}
    >
      {eventLabel(event, t)}
    </button>
  );

  return (
    <section className="card" data-testid="case-actions">
      <h2 className="card__title">{t("case.actions")}</h2>
      {allowed.length === 0 ? <p className="muted">{t("case.noActions")}</p> : null}
      {main.length > 0 ? <div className="case-actions__main">{main.map((e) => button(e, true))}</div> : null}
      {other.length > 0 ? (
        <>
          <p className="section-label case-actions__label">{t("case.moreActions")}</p>
          <div className="case-actions__other">{other.map((e) => button(e, false))}</div>
        </>
      ) : null}
      {open ? (
        <Modal title={eventLabel(open, t)} onClose={() => setOpen(null)} testId="case-event-dialog">
          <CaseEventForm
            type={open}
            detail={detail}
            onCancel={() => setOpen(null)}
            onDone={(updated) => {
              const event = open;
              setOpen(null);
              onDone(updated, event);
            }}
          />
        </Modal>
      ) : null}
    </section>
  );
}
