import { useId, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice, Loading } from "../../components/status";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { getZaloFollowers } from "./zalo-api";
import { filterFollowers } from "./zalo-format";

interface FollowerPickerProps {
  communeId: string;
  /** Zalo ids ticked so far. */
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** How many Zalo takes at once (98 at creation, 100 per invitation). */
  max: number;
  legend: string;
}

/**
 * The OA's followers, read live from Zalo, with an accent-free filter ("hoa" finds "Hòa") and a
 * tick per person. Only followers can be put in or invited to an OA's group.
 */
export function FollowerPicker({ communeId, selected, onChange, max, legend }: FollowerPickerProps) {
  const { t, locale } = useI18n();
  const hintId = useId();
  const followers = useQuery(`zalo-followers:${communeId}`, (signal) => getZaloFollowers(communeId, signal));
  const [filter, setFilter] = useState("");
  const chosen = new Set(selected);
  const n = (value: number) => formatNumber(value, locale);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) {
      next.add(id);
    } else {
      next.delete(id);
    }
    // Keep Zalo's order, which is the list's.
    const order = followers.data?.followers.map((f) => f.zaloUserId) ?? [];
    onChange(order.filter((zaloId) => next.has(zaloId)));
  };

  if (followers.status === "error" && !followers.data) {
    return (
      <div data-testid="zalo-followers">
        <p>{t("zalo.followers.failed")}</p>
        <ErrorNotice error={followers.error} onRetry={followers.reload} />
      </div>
    );
  }
  if (!followers.data) {
    return <Loading label={t("zalo.followers.loading")} />;
  }
  const all = followers.data.followers;
  const shown = filterFollowers(all, filter);
  const full = selected.length >= max;

  return (
    <fieldset className="fieldset" aria-describedby={hintId} data-testid="zalo-followers">
      <legend className="field__label">{legend}</legend>
      <p className="field__hint" id={hintId}>
        {t("zalo.followers.count", { selected: n(selected.length), max: n(max) })}
        {followers.data.total > all.length
          ? ` · ${t("zalo.followers.partial", { shown: n(all.length), total: n(followers.data.total) })}`
          : ""}
      </p>
      {all.length === 0 ? (
        <p className="muted small">{t("zalo.followers.none")}</p>
      ) : (
        <>
          <Field label={t("zalo.followers.filter")}>
            {({ id }) => (
              <input
                id={id}
                className="input"
                type="search"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                data-testid="zalo-followers-filter"
              />
            )}
          </Field>
          {shown.length === 0 ? <p className="muted small">{t("zalo.followers.noMatch")}</p> : null}
          <div className="zalo-followers__list">
            {shown.map((f) => (
              <label key={f.zaloUserId} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(f.zaloUserId)}
                  disabled={full && !chosen.has(f.zaloUserId)}
                  onChange={(event) => toggle(f.zaloUserId, event.target.checked)}
                  data-testid="zalo-follower"
                  data-zalo-user-id={f.zaloUserId}
                />
                <span>
                  {f.displayName}
                  {f.lastInteraction ? (
                    <span className="checkbox__hint">
                      {t("zalo.followers.lastInteraction", { date: f.lastInteraction })}
                    </span>
                  ) : null}
                </span>
              </label>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
