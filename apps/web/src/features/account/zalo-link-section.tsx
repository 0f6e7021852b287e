import type { TZaloLinkCode } from "@binhyen/contracts";
import { useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { ErrorNotice, Loading, SuccessNotice } from "../../components/status";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useMe } from "../../lib/session";
import { useQuery } from "../../lib/use-query";
import { useSubmit } from "../../lib/use-submit";
import { createMyZaloLinkCode, getMyZalo, unlinkMyZalo } from "../zalo/zalo-api";
import { timeLeftText } from "../zalo/zalo-format";

/**
 * An officer's own Zalo (issue #7): linked to the commune's OA, they can be made a group deputy
 * (phó nhóm) on Zalo; linked to the Bot, they get alerts on Zalo. Linking is a code sent from Zalo.
 */
export function ZaloLinkSection() {
  const { t } = useI18n();
  const me = useMe();
  const officer = me.user.isOfficer;
  const link = useQuery(officer ? "my-zalo" : null, (signal) => getMyZalo(signal));
  const submit = useSubmit();
  const [code, setCode] = useState<TZaloLinkCode | null>(null);
  const [copied, setCopied] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  if (!officer) {
    return null;
  }

  const onCode = async () => {
    setDone(null);
    setCopied(false);
    const result = await submit.run(() => createMyZaloLinkCode());
    if (result.ok) {
      setCode(result.value);
    }
  };

  const onUnlink = async () => {
    setDone(null);
    const result = await submit.run(() => unlinkMyZalo());
    if (result.ok) {
      link.setData(result.value);
      setCode(null);
      setDone(t("zalo.me.unlinked"));
    }
  };

  const onCopy = async () => {
    if (!code) {
      return;
    }
    try {
      await navigator.clipboard.writeText(code.code);
      setCopied(true);
    } catch {
      // Without clipboard access the code stays on screen, large enough to type.
      setCopied(false);
    }
  };

  const data = link.data;
  return (
    <section className="card" aria-labelledby="zalo-link-title" data-testid="zalo-link-section">
      <h2 className="card__title" id="zalo-link-title">
        {t("zalo.me.title")}
      </h2>
      <p className="section-intro muted">{t("zalo.me.intro")}</p>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      {link.status === "error" && !data ? (
        <ErrorNotice error={link.error} onRetry={link.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <dl className="details details--single" data-testid="zalo-link-status">
          <div>
            <dt>{t("zalo.me.oa")}</dt>
            <dd data-testid="zalo-link-oa" data-linked={data.oaLinked}>
              <span className={data.oaLinked ? "badge badge--success" : "badge badge--muted"}>
                {data.oaLinked ? t("zalo.me.linked") : t("zalo.me.notLinked")}
              </span>{" "}
              {data.oaLinked
                ? t("zalo.me.oaLinkedWith", {
                    name: data.oaName ?? t("zalo.me.theOa"),
                    time: data.oaLinkedAt ? formatDateTime(data.oaLinkedAt) : "—",
                  })
                : t("zalo.me.oaWhy")}
            </dd>
          </div>
          <div>
            <dt>{t("zalo.me.bot")}</dt>
            <dd data-testid="zalo-link-bot" data-linked={data.botLinked}>
              <span className={data.botLinked ? "badge badge--success" : "badge badge--muted"}>
                {data.botLinked ? t("zalo.me.linked") : t("zalo.me.notLinked")}
              </span>{" "}
              {data.botLinked
                ? t("zalo.me.botLinkedWith", {
                    name: data.botName ?? t("zalo.me.theBot"),
                    time: data.botLinkedAt ? formatDateTime(data.botLinkedAt) : "—",
                  })
                : t("zalo.me.botWhy")}
            </dd>
          </div>
        </dl>
      )}

      {code ? (
        <div className="notice notice--info" data-testid="zalo-link-code-box">
          <p>{t("zalo.me.codeLabel")}</p>
          <p className="zalo-code" data-testid="zalo-link-code">
            {code.code}
          </p>
          <p>
            {t("zalo.me.instruction", {
              oa: code.oaName ?? t("zalo.me.theOa"),
              bot: code.botName ?? t("zalo.me.theBot"),
            })}
          </p>
          <p className="small">
            {t("zalo.me.expires", {
              time: formatDateTime(code.expiresAt),
              left: timeLeftText(code.expiresAt, Date.now(), t),
            })}
          </p>
          <div className="form-actions">
            <button type="button" className="btn btn--secondary btn--small" onClick={() => void onCopy()}>
              {copied ? t("common.copied") : t("common.copy")}
            </button>
            <button type="button" className="btn btn--ghost btn--small" onClick={link.reload}>
              {t("zalo.me.recheck")}
            </button>
          </div>
        </div>
      ) : null}

      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={submit.busy}
          onClick={() => void onCode()}
          data-testid="zalo-link-code-button"
        >
          {t("zalo.me.getCode")}
        </button>
        {data && (data.oaLinked || data.botLinked) ? (
          <ConfirmButton
            label={t("zalo.me.unlink")}
            question={t("zalo.me.unlinkQuestion")}
            onConfirm={onUnlink}
            testId="zalo-unlink-me"
          />
        ) : null}
      </div>
    </section>
  );
}
