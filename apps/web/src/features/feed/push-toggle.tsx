import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { errorText } from "../../lib/error-text";
import { currentSubscription, disablePush, enablePush, pushSupported } from "./push";

/**
 * "Bật thông báo" / "Tắt thông báo": Web Push on this device. Hidden where the browser has no
 * push manager (iOS outside an installed app, old browsers).
 */
export function PushToggle() {
  const { t, locale } = useI18n();
  const supported = pushSupported();
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "info" | "error"; text: string } | null>(null);

  useEffect(() => {
    if (!supported) {
      return;
    }
    let live = true;
    currentSubscription().then(
      (subscription) => {
        if (live) {
          setSubscribed(subscription !== null);
        }
      },
      () => {
        if (live) {
          setSubscribed(false);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [supported]);

  if (!supported || subscribed === null) {
    return null;
  }

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      if (subscribed) {
        await disablePush();
        setSubscribed(false);
        setMessage({ kind: "info", text: t("push.disabled") });
      } else if ((await enablePush()) === "enabled") {
        setSubscribed(true);
        setMessage({ kind: "info", text: t("push.enabled") });
      } else {
        setMessage({ kind: "error", text: t("push.denied") });
      }
    } catch (error) {
      setMessage({ kind: "error", text: errorText(error, t, locale) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="push-toggle">
      <button
        type="button"
        className={subscribed ? "btn btn--ghost btn--small" : "btn btn--secondary btn--small"}
        disabled={busy}
        onClick={() => void run()}
        data-testid="push-toggle"
      >
        {subscribed ? t("push.disable") : t("push.enable")}
      </button>
      {message ? (
        <p
          className={message.kind === "error" ? "field__error" : "field__hint"}
          role={message.kind === "error" ? "alert" : "status"}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
