import type { TOfficer } from "@binhyen/contracts";
import { useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice, Loading } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { sortByName } from "../../lib/names";
import { matchesQuery } from "../../lib/text";
import { useQuery } from "../../lib/use-query";
import { listOfficers } from "./officers-api";

interface OfficerPickerProps {
  communeId: string;
  label: string;
  value: string;
  /** The chosen id, and the officer it names (undefined for "none"). */
  onChange: (userId: string, officer?: TOfficer) => void;
  currentUserId?: string | null;
  error?: string | null;
}

/** Active officers of the commune in a select, with an accent-insensitive filter. */
export function OfficerPicker({
  communeId,
  label,
  value,
  onChange,
  currentUserId,
  error,
}: OfficerPickerProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState("");
  const officers = useQuery(`officers:${communeId}`, (signal) => listOfficers(communeId, signal));

  if (officers.status === "error") {
    return <ErrorNotice error={officers.error} onRetry={officers.reload} />;
  }
  if (!officers.data) {
    return <Loading />;
  }
  const active = sortByName(
    officers.data.items.filter((o: TOfficer) => o.status === "active"),
    (o) => o.name,
  );
  if (active.length === 0) {
    return <p className="notice notice--warning">{t("picker.noOfficers")}</p>;
  }
  const shown = active.filter((o) => o.id === value || matchesQuery(filter, o.name, o.phone));

  return (
    <div className="picker">
      {active.length > 8 ? (
        <Field label={t("picker.filter")}>
          {({ id }) => (
            <input
              id={id}
              className="input"
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Field label={label} error={error}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            className="input"
            value={value}
            onChange={(event) => {
              const id = event.target.value;
              onChange(
                id,
                active.find((o) => o.id === id),
              );
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="officer-select"
          >
            <option value="">{t("picker.choose")}</option>
            {shown.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id === currentUserId ? t("picker.current", { name: o.name }) : o.name} · {o.phone}
              </option>
            ))}
          </select>
        )}
      </Field>
      {shown.length === 0 ? <p className="field__hint">{t("picker.noMatch")}</p> : null}
    </div>
  );
}
