import type { TZaloGroup } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice, Loading } from "../../components/status";
import { formatDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { useSubmit } from "../../lib/use-submit";
import { FollowerPicker } from "./follower-picker";
import { getZaloInventory, linkGroupZalo } from "./zalo-api";
import { availableAssets, packageLabel, unlinkedGroups } from "./zalo-format";

/** Zalo takes at most 99 members at creation; one place is the OA's. */
const MAX_AT_CREATION = 98;

interface GroupZaloLinkFormProps {
  groupId: string;
  communeId: string;
  onLinked: (zalo: TZaloGroup, message: string) => void;
}

/**
 * A hamlet group without a Zalo group: create one under the OA with a free package (and, if
 * wished, followers put in at once), or link a group the OA already owns.
 */
export function GroupZaloLinkForm({ groupId, communeId, onLinked }: GroupZaloLinkFormProps) {
  const { t, locale } = useI18n();
  const inventory = useQuery(`zalo-inventory:${communeId}`, (signal) => getZaloInventory(communeId, signal));
  const create = useSubmit();
  const link = useSubmit();
  const [assetId, setAssetId] = useState("");
  const [assetError, setAssetError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [followers, setFollowers] = useState<string[]>([]);
  const [zaloGroupId, setZaloGroupId] = useState("");
  const [groupError, setGroupError] = useState<string | null>(null);

  if (inventory.status === "error" && !inventory.data) {
    return (
      <div data-testid="zalo-link-form">
        <p>{t("zalo.inventory.failed")}</p>
        <ErrorNotice error={inventory.error} onRetry={inventory.reload} />
      </div>
    );
  }
  if (!inventory.data) {
    return <Loading label={t("zalo.inventory.loading")} />;
  }
  const assets = availableAssets(inventory.data);
  const groups = unlinkedGroups(inventory.data);

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!assetId) {
      setAssetError(t("zalo.attach.assetRequired"));
      return;
    }
    setAssetError(null);
    const result = await create.run(() =>
      linkGroupZalo(groupId, { mode: "create", assetId, zaloUserIds: followers }),
    );
    if (result.ok) {
      onLinked(result.value, t("zalo.attach.created"));
    }
  };

  const onLink = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!zaloGroupId) {
      setGroupError(t("zalo.attach.groupRequired"));
      return;
    }
    setGroupError(null);
    const result = await link.run(() => linkGroupZalo(groupId, { mode: "link", zaloGroupId }));
    if (result.ok) {
      onLinked(result.value, t("zalo.attach.linked"));
    }
  };

  return (
    <div data-testid="zalo-link-form">
      <form className="group-tools__block" onSubmit={(event) => void onCreate(event)} noValidate>
        <h3 className="section-label">{t("zalo.attach.createTitle")}</h3>
        <p className="muted small">{t("zalo.attach.createIntro")}</p>
        {assets.length === 0 ? (
          <p className="notice notice--warning small" data-testid="zalo-no-assets">
            {t("zalo.attach.noAssets")}
          </p>
        ) : (
          <Field label={t("zalo.attach.asset")} error={assetError}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className="input"
                value={assetId}
                onChange={(event) => setAssetId(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-testid="zalo-asset-select"
              >
                <option value="">{t("zalo.attach.chooseAsset")}</option>
                {assets.map((a) => (
                  <option key={a.assetId} value={a.assetId}>
                    {a.validThrough
                      ? t("zalo.attach.assetOption", {
                          name: packageLabel(a.productType, t),
                          date: formatDate(a.validThrough),
                        })
                      : packageLabel(a.productType, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {picking ? (
          <FollowerPicker
            communeId={communeId}
            selected={followers}
            onChange={setFollowers}
            max={MAX_AT_CREATION}
            legend={t("zalo.attach.followers")}
          />
        ) : assets.length > 0 ? (
          <p>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setPicking(true)}>
              {t("zalo.attach.pickFollowers")}
            </button>
          </p>
        ) : null}
        <p className="muted small">{t("zalo.attach.officersNote")}</p>
        {create.error ? <ErrorNotice error={create.error} /> : null}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={create.busy || assets.length === 0}
            data-testid="zalo-create-group"
          >
            {t("zalo.attach.create")}
          </button>
          {followers.length > 0 ? (
            <span className="muted small">
              {t("zalo.attach.followersChosen", { count: formatNumber(followers.length, locale) })}
            </span>
          ) : null}
        </div>
      </form>

      <form className="group-tools__block" onSubmit={(event) => void onLink(event)} noValidate>
        <h3 className="section-label">{t("zalo.attach.linkTitle")}</h3>
        {groups.length === 0 ? (
          <p className="muted small" data-testid="zalo-no-free-groups">
            {t("zalo.attach.noGroups")}
          </p>
        ) : (
          <Field label={t("zalo.attach.zaloGroup")} error={groupError}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className="input"
                value={zaloGroupId}
                onChange={(event) => setZaloGroupId(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-testid="zalo-group-select"
              >
                <option value="">{t("zalo.attach.chooseGroup")}</option>
                {groups.map((g) => (
                  <option key={g.zaloGroupId} value={g.zaloGroupId}>
                    {t("zalo.attach.groupOption", {
                      name: g.name,
                      members: formatNumber(g.totalMember, locale),
                    })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {link.error ? <ErrorNotice error={link.error} /> : null}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--secondary"
            disabled={link.busy || groups.length === 0}
            data-testid="zalo-link-group"
          >
            {t("zalo.attach.link")}
          </button>
        </div>
      </form>
    </div>
  );
}
