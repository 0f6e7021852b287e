import type { TZaloOaStatus } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";
import { oaStatusBadge } from "./zalo-format";

/** The OA connection as a chip: "Chưa kết nối", "Chờ cấp quyền", "Đã kết nối", "Cần cấp quyền lại". */
export function ZaloStatusChip({
  status,
  testId = "zalo-oa-status",
}: {
  status: TZaloOaStatus;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <span className={oaStatusBadge(status)} data-testid={testId} data-status={status}>
      {t(`zalo.oaStatus.${status}`)}
    </span>
  );
}
