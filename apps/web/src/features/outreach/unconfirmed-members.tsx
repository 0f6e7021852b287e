import type { TGroupMember } from "@binhyen/contracts";
import { type ReactNode, useState } from "react";
import { EmptyState, ErrorNotice, Loading } from "../../components/status";
import { formatDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { sortByName } from "../../lib/names";
import { useQuery } from "../../lib/use-query";
import { useSubmit } from "../../lib/use-submit";
import { HouseholdPicker } from "../households/household-picker";
import { confirmMemberHousehold, listUnconfirmedMembers } from "./outreach-api";

function UnconfirmedMember({
  member,
  hamletId,
  onConfirmed,
}: {
  member: TGroupMember;
  hamletId: string;
  onConfirmed: (message: string) => void;
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<string | null>(member.householdId);
  const submit = useSubmit();

  const confirm = async (householdId: string | null) => {
    const result = await submit.run(() => confirmMemberHousehold(member.id, householdId));
    if (result.ok) {
      onConfirmed(t("unconfirmed.confirmed", { name: member.name }));
    }
  };

  return (
    <li className="card request" data-testid="unconfirmed-member">
      <div className="request__who">
        <p className="request__name">{member.name}</p>
        <p className="muted small">
          {[
            t(`memberKind.${member.kind}`),
            member.phone,
            t("members.joined", { date: formatDate(member.joinedAt) }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      <HouseholdPicker
        hamletId={hamletId}
        name={`unconfirmed-${member.id}`}
        value={picked}
        onChange={(household) => setPicked(household.householdId)}
      />
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={submit.busy || !picked}
          onClick={() => void confirm(picked)}
          data-testid="unconfirmed-confirm"
        >
          {t("unconfirmed.confirm")}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          disabled={submit.busy}
          onClick={() => void confirm(null)}
        >
          {t("joinRequests.noHousehold")}
        </button>
      </div>
    </li>
  );
}

/** Members whose household the leader has not confirmed yet: pick it from the hamlet's list. */
export function UnconfirmedMembers({
  groupId,
  hamletId,
  onConfirmed,
}: {
  groupId: string;
  hamletId: string;
  onConfirmed: (message: string) => void;
}) {
  const { t } = useI18n();
  const members = useQuery(`unconfirmed:${groupId}`, (signal) => listUnconfirmedMembers(groupId, signal));

  // The server filters already; checking the flag again keeps confirmed members out regardless.
  const unconfirmed = members.data?.items.filter((member) => !member.householdConfirmed) ?? [];

  let body: ReactNode;
  if (members.status === "error") {
    body = <ErrorNotice error={members.error} onRetry={members.reload} />;
  } else if (!members.data) {
    body = <Loading />;
  } else if (unconfirmed.length === 0) {
    body = <EmptyState>{t("unconfirmed.empty")}</EmptyState>;
  } else {
    body = (
      <ul className="request-list">
        {sortByName(unconfirmed, (m) => m.name).map((member) => (
          <UnconfirmedMember
            key={member.id}
            member={member}
            hamletId={hamletId}
            onConfirmed={(message) => {
              onConfirmed(message);
              members.reload();
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="unconfirmed-title" data-testid="unconfirmed-section">
      <h2 className="section-title" id="unconfirmed-title">
        {t("unconfirmed.title")}
      </h2>
      <p className="muted small section-intro">{t("unconfirmed.hint")}</p>
      {body}
    </section>
  );
}
