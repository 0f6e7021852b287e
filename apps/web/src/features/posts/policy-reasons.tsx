import type { TPolicyHit } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";
import { ruleLabel } from "../moderation/moderation-labels";

interface PolicyReasonsProps {
  reasons: readonly TPolicyHit[];
  /** Moderators also see what the rule caught (phone numbers and IDs come masked). */
  showExcerpt?: boolean;
  testId?: string;
}

/** The content policy's reasons for holding, refusing or flagging a post: the rule, then why. */
export function PolicyReasons({ reasons, showExcerpt = false, testId = "post-reasons" }: PolicyReasonsProps) {
  const { t } = useI18n();
  if (reasons.length === 0) {
    return null;
  }
  return (
    <ul className="reasons" data-testid={testId}>
      {reasons.map((hit, index) => (
        <li
          // Hits have no id; the same rule can hit twice with other excerpts.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once answered
          key={index}
          className="reasons__item"
          data-rule={hit.rule}
          data-testid="post-reason"
        >
          <span className={hit.action === "flag" ? "badge badge--info" : "badge badge--warning"}>
            {ruleLabel(hit.rule, t)}
          </span>{" "}
          <span className="reasons__message">{hit.message}</span>
          {showExcerpt && hit.excerpt ? (
            <span className="reasons__excerpt">{t("posts.excerpt", { text: hit.excerpt })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
