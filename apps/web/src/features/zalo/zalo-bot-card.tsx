import type { TZaloStatus } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { TextField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { connectZaloBot, disconnectZaloBot } from "./zalo-api";
import { isBotToken } from "./zalo-format";

interface ZaloBotCardProps {
  status: TZaloStatus;
  chief: boolean;
  onStatus: (status: TZaloStatus, message: string) => void;
}

const BOT_BADGE: Record<TZaloStatus["bot"]["status"], string> = {
  none: "badge badge--muted",
  connected: "badge badge--success",
  failed: "badge badge--danger",
};

/** The Bot that alerts officers on Zalo: its token, its name, how many officers are linked. */
export function ZaloBotCard({ status, chief, onStatus }: ZaloBotCardProps) {
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const bot = status.bot;
  const [token, setToken] = useState("");
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const showForm = chief && (bot.status !== "connected" || changing);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isBotToken(token)) {
      setTokenError(t("zalo.bot.tokenInvalid"));
      return;
    }
    setTokenError(null);
    const result = await submit.run(() => connectZaloBot(status.communeId, { token: token.trim() }));
    if (result.ok) {
      setToken("");
      setChanging(false);
      onStatus(result.value, t("zalo.bot.connected"));
    }
  };

  const onRemove = async () => {
    const result = await submit.run(() => disconnectZaloBot(status.communeId));
    if (result.ok) {
      onStatus(result.value, t("zalo.bot.removed"));
    }
  };

  return (
    <section className="card" aria-labelledby="zalo-bot-title" data-testid="zalo-bot-card">
      <h2 className="card__title" id="zalo-bot-title">
        {t("zalo.bot.title")}{" "}
        <span className={BOT_BADGE[bot.status]} data-testid="zalo-bot-status" data-status={bot.status}>
          {t(`zalo.bot.status.${bot.status}`)}
        </span>
      </h2>
      <p className="section-intro muted">{t("zalo.bot.intro")}</p>
      {bot.status !== "none" ? (
        <dl className="details details--single">
          <div>
            <dt>{t("zalo.bot.name")}</dt>
            <dd>{bot.name ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("zalo.bot.linkedOfficers")}</dt>
            <dd data-testid="zalo-bot-officers">{formatNumber(bot.linkedOfficers, locale)}</dd>
          </div>
        </dl>
      ) : null}
      {bot.lastError ? (
        <div className="notice notice--error" data-testid="zalo-bot-error">
          <p>{t("zalo.lastError")}</p>
          <p>{bot.lastError}</p>
        </div>
      ) : null}

      {showForm ? (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField
            label={t("zalo.bot.token")}
            hint={t("zalo.bot.tokenHint")}
            error={tokenError ?? fieldIssue(submit.error, "token")}
            value={token}
            onValueChange={setToken}
            type="password"
            autoComplete="off"
            data-testid="zalo-bot-token"
          />
          {submit.error && !fieldIssue(submit.error, "token") ? <ErrorNotice error={submit.error} /> : null}
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn--primary"
              disabled={submit.busy}
              data-testid="zalo-bot-connect"
            >
              {t("zalo.bot.connect")}
            </button>
            {changing ? (
              <button type="button" className="btn btn--ghost" onClick={() => setChanging(false)}>
                {t("common.cancel")}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <>
          {submit.error ? <ErrorNotice error={submit.error} /> : null}
          {chief && bot.status === "connected" ? (
            <div className="form-actions">
              <button type="button" className="btn btn--secondary" onClick={() => setChanging(true)}>
                {t("zalo.bot.change")}
              </button>
              <ConfirmButton
                label={t("zalo.bot.remove")}
                question={t("zalo.bot.removeQuestion")}
                onConfirm={onRemove}
                testId="zalo-bot-remove"
              />
            </div>
          ) : null}
        </>
      )}
      {chief && bot.status === "failed" && !changing ? (
        <div className="form-actions">
          <ConfirmButton
            label={t("zalo.bot.remove")}
            question={t("zalo.bot.removeQuestion")}
            onConfirm={onRemove}
            testId="zalo-bot-remove"
          />
        </div>
      ) : null}
      {!chief ? <p className="muted small">{t("zalo.chiefOnly")}</p> : null}
    </section>
  );
}
