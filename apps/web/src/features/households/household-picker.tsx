import { useId, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice, Loading } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { sortByName } from "../../lib/names";
import { useDebounced } from "../../lib/use-debounced";
import { useQuery } from "../../lib/use-query";
import { listHouseholds } from "./households-api";

export interface PickedHousehold {
  householdId: string;
  headName: string;
  address: string;
}

interface HouseholdPickerProps {
  hamletId: string;
  /** The radio group's name (unique on the page). */
  name: string;
  value: string | null;
  onChange: (household: PickedHousehold) => void;
}

/** Search the hamlet's active households (accents ignored) and pick one. */
export function HouseholdPicker({ hamletId, name, value, onChange }: HouseholdPickerProps) {
  const { t } = useI18n();
  const listId = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const results = useQuery(q ? `household-picker:${hamletId}:${q}` : null, (signal) =>
    listHouseholds(hamletId, { q, status: "active", limit: 8, offset: 0 }, signal),
  );

  return (
    <div className="household-picker">
      <Field label={t("householdPicker.search")}>
        {({ id }) => (
          <input
            id={id}
            className="input"
            type="search"
            placeholder={t("householdPicker.placeholder")}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-controls={listId}
            data-testid="household-picker-search"
          />
        )}
      </Field>
      <div id={listId} aria-live="polite">
        {!q ? (
          <p className="field__hint">{t("householdPicker.typeToSearch")}</p>
        ) : results.status === "error" ? (
          <ErrorNotice error={results.error} onRetry={results.reload} />
        ) : !results.data ? (
          <Loading />
        ) : results.data.items.length === 0 ? (
          <p className="field__hint">{t("householdPicker.none")}</p>
        ) : (
          sortByName(results.data.items, (h) => h.headName).map((household) => (
            <label key={household.id} className="radio">
              <input
                type="radio"
                name={name}
                checked={value === household.id}
                onChange={() =>
                  onChange({
                    householdId: household.id,
                    headName: household.headName,
                    address: household.address,
                  })
                }
              />
              <span>
                {household.headName}
                {household.address ? <span className="checkbox__hint">{household.address}</span> : null}
              </span>
            </label>
          ))
        )}
      </div>
    </div>
  );
}
