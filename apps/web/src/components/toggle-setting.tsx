import { useState } from "react";
import { useSubmit } from "../lib/use-submit";
import { ErrorNotice, SuccessNotice } from "./status";

interface ToggleSettingProps {
  /** The saved value. */
  value: boolean;
  /** Saves a new value on the server. */
  save: (next: boolean) => Promise<unknown>;
  onSaved: (next: boolean) => void;
  label: string;
  hint: string;
  savedMessage: string;
  /** A card title above the switch, if any. */
  title?: string;
  testId: string;
  switchTestId: string;
}

/** A setting as a switch in its own card, saved as soon as it is flipped. */
export function ToggleSetting({
  value,
  save,
  onSaved,
  label,
  hint,
  savedMessage,
  title,
  testId,
  switchTestId,
}: ToggleSettingProps) {
  const submit = useSubmit();
  const [saved, setSaved] = useState(false);
  // Shown at once while saving; falls back to the saved value if the server refuses.
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? value;

  const toggle = async (next: boolean) => {
    setSaved(false);
    setPending(next);
    const result = await submit.run(() => save(next));
    if (result.ok) {
      setSaved(true);
      onSaved(next);
    }
    setPending(null);
  };

  return (
    <section className="card" data-testid={testId}>
      {title ? <h2 className="card__title">{title}</h2> : null}
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={checked}
          checked={checked}
          disabled={submit.busy}
          onChange={(event) => void toggle(event.target.checked)}
          data-testid={switchTestId}
        />
        <span className="switch__track" aria-hidden="true" />
        <span className="switch__text">
          <span className="switch__label">{label}</span>
          <span className="switch__hint">{hint}</span>
        </span>
      </label>
      {saved ? <SuccessNotice>{savedMessage}</SuccessNotice> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </section>
  );
}
