import type { TZaloGroup } from "@binhyen/contracts";
import { useState } from "react";
import { Link } from "wouter";
import { ConfirmButton } from "../../components/confirm-button";
import { CopyField } from "../../components/copy-field";
import { ProgressBar } from "../../components/progress-bar";
import { ErrorNotice } from "../../components/status";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { FollowerPicker } from "./follower-picker";
import { GroupZaloLinkForm } from "./group-zalo-link-form";
import { inviteToGroupZalo, syncGroupZalo, unlinkGroupZalo } from "./zalo-api";
import {
  deliveryStatusBadge,
  deliveryStatusLabel,
  fillTone,
  groupStatusBadge,
  groupStatusLabel,
  packageLabel,
  roleLabel,
} from "./zalo-format";
import { ZaloStatusChip } from "./zalo-status-chip";

/** Zalo takes at most 100 people per invitation. */
const MAX_INVITE = 100;

const SETTINGS = ["lockSendMsg", "joinAppr", "enableMsgHistory", "enableLinkJoin"] as const;

interface GroupZaloPanelProps {
  group: { id: string; communeId: string };
  zalo: TZaloGroup;
  /** Create, link, sync, invite and unlink: the commune's chief and deputies, the group's leader. */
  canEdit: boolean;
  /** The commune's chief and deputies, who reach the commune's Zalo page. */
  commune: boolean;
  onChanged: (zalo: TZaloGroup, message: string) => void;
  onUnlinked: (message: string) => void;
}

/** The hamlet group's group on Zalo: how it stands, its officers there, and what went into it. */
export function GroupZaloPanel({
  group,
  zalo,
  canEdit,
  commune,
  onChanged,
  onUnlinked,
}: GroupZaloPanelProps) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const action = useSubmit();
  const [inviting, setInviting] = useState(false);
  const [invitees, setInvitees] = useState<string[]>([]);
  const connected = zalo.connection === "connected";
  const communeZalo = `/communes/${group.communeId}/zalo`;

  const oaNote = connected ? null : (
    <div className="notice notice--warning" data-testid="zalo-oa-not-connected">
      <p>
        {t("zalo.group.oaNotConnected")}{" "}
        <ZaloStatusChip status={zalo.connection} testId="zalo-group-oa-status" />
      </p>
      {commune ? (
        <Link href={communeZalo} className="link" data-testid="zalo-commune-link">
          {t("zalo.group.toCommunePage")}
        </Link>
      ) : (
        <p className="small">{t("zalo.group.askCommune")}</p>
      )}
    </div>
  );

  if (!zalo.linked) {
    return (
      <section
        className="card"
        aria-labelledby="zalo-group-title"
        data-testid="zalo-group-panel"
        data-linked="false"
      >
        <h2 className="card__title" id="zalo-group-title">
          {t("zalo.group.title")}
        </h2>
        <p className="muted">{t("zalo.group.notLinked")}</p>
        {oaNote}
        {connected && canEdit ? (
          <GroupZaloLinkForm groupId={group.id} communeId={group.communeId} onLinked={onChanged} />
        ) : null}
      </section>
    );
  }

  const percent = zalo.maxMember ? (zalo.totalMember / zalo.maxMember) * 100 : 0;
  const members = zalo.maxMember
    ? t("zalo.group.membersOf", { total: n(zalo.totalMember), max: n(zalo.maxMember) })
    : n(zalo.totalMember);

  const onSync = async () => {
    const result = await action.run(() => syncGroupZalo(group.id));
    if (result.ok) {
      onChanged(result.value, t("zalo.group.synced"));
    }
  };

  const onInvite = async () => {
    if (invitees.length === 0) {
      return;
    }
    const result = await action.run(() => inviteToGroupZalo(group.id, { zaloUserIds: invitees }));
    if (result.ok) {
      setInviting(false);
      setInvitees([]);
      onChanged(
        { ...zalo, pendingOperations: zalo.pendingOperations + result.value.queued },
        t("zalo.group.invited", { count: n(result.value.queued) }),
      );
    }
  };

  const onUnlink = async () => {
    const result = await action.run(() => unlinkGroupZalo(group.id));
    if (result.ok) {
      onUnlinked(t("zalo.group.unlinked"));
    }
  };

  return (
    <section
      className="card"
      aria-labelledby="zalo-group-title"
      data-testid="zalo-group-panel"
      data-linked="true"
    >
      <h2 className="card__title" id="zalo-group-title">
        {zalo.name ?? t("zalo.group.title")}{" "}
        <span
          className={groupStatusBadge(zalo.status)}
          data-testid="zalo-group-status"
          data-status={zalo.status ?? ""}
        >
          {groupStatusLabel(zalo.status, t)}
        </span>
      </h2>
      {oaNote}
      {zalo.status === "disabled" ? (
        <p className="notice notice--error" role="alert">
          {t("zalo.group.disabledBody")}
        </p>
      ) : null}
      {zalo.autoDeleteDate ? (
        <p className="notice notice--warning" data-testid="zalo-auto-delete">
          {t("zalo.group.autoDelete", { date: formatDate(zalo.autoDeleteDate) })}
        </p>
      ) : null}

      {zalo.groupLink ? (
        <CopyField
          label={t("zalo.group.link")}
          value={zalo.groupLink}
          hint={t("zalo.group.linkHint")}
          testId="zalo-group-link"
        />
      ) : null}

      <h3 className="section-label">{t("zalo.group.members")}</h3>
      <p data-testid="zalo-group-members">{members}</p>
      {zalo.maxMember ? (
        <ProgressBar
          percent={percent}
          role="meter"
          label={t("zalo.group.members")}
          valueText={members}
          tone={fillTone(percent)}
          testId="zalo-group-fill"
        />
      ) : null}

      <dl className="details details--single" data-testid="zalo-group-details">
        <div>
          <dt>{t("zalo.group.package")}</dt>
          <dd>{packageLabel(zalo.assetType, t)}</dd>
        </div>
        <div>
          <dt>{t("zalo.group.validThrough")}</dt>
          <dd>{zalo.validThrough ? formatDate(zalo.validThrough) : "—"}</dd>
        </div>
        <div>
          <dt>{t("zalo.group.lastSync")}</dt>
          <dd>{zalo.lastSyncedAt ? formatDateTime(zalo.lastSyncedAt) : t("zalo.group.neverSynced")}</dd>
        </div>
        <div>
          <dt>{t("zalo.group.pending")}</dt>
          <dd data-testid="zalo-group-pending">{n(zalo.pendingOperations)}</dd>
        </div>
        {zalo.zaloGroupId ? (
          <div>
            <dt>{t("zalo.group.zaloId")}</dt>
            <dd>{zalo.zaloGroupId}</dd>
          </div>
        ) : null}
      </dl>
      {zalo.lastError ? (
        <div className="notice notice--error" data-testid="zalo-group-error">
          <p>{t("zalo.lastError")}</p>
          <p>{zalo.lastError}</p>
        </div>
      ) : null}

      <h3 className="section-label">{t("zalo.group.settings")}</h3>
      <dl className="details details--single" data-testid="zalo-group-settings">
        {SETTINGS.map((key) => (
          <div key={key}>
            <dt>{t(`zalo.setting.${key}`)}</dt>
            <dd>{zalo.settings[key] ? t("zalo.on") : t("zalo.off")}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t("zalo.group.settingsNote")}</p>

      <h3 className="section-label">{t("zalo.group.admins")}</h3>
      {zalo.admins.length === 0 ? (
        <p className="muted small">{t("zalo.group.noAdmins")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="zalo-group-admins">
            <caption className="visually-hidden">{t("zalo.group.admins")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("zalo.group.adminLinked")}</th>
                <th scope="col">{t("zalo.group.adminIsAdmin")}</th>
              </tr>
            </thead>
            <tbody>
              {zalo.admins.map((a) => (
                <tr key={a.userId} data-testid="zalo-group-admin" data-user-id={a.userId}>
                  <th scope="row">
                    {a.name}
                    <span className="table__sub">{roleLabel(a.role, t)}</span>
                  </th>
                  <td>
                    <span className={a.linked ? "badge badge--success" : "badge badge--warning"}>
                      {a.linked ? t("zalo.group.linkedYes") : t("zalo.group.linkedNo")}
                    </span>
                  </td>
                  <td>
                    <span className={a.isAdmin ? "badge badge--success" : "badge badge--muted"}>
                      {a.isAdmin ? t("zalo.yes") : t("zalo.no")}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {zalo.admins.some((a) => !a.linked) ? (
        <p className="muted small">{t("zalo.group.adminsHint")}</p>
      ) : null}

      <h3 className="section-label">{t("zalo.group.deliveries")}</h3>
      {zalo.recentDeliveries.length === 0 ? (
        <p className="muted small">{t("zalo.group.noDeliveries")}</p>
      ) : (
        <ul className="plain-list" data-testid="zalo-group-deliveries">
          {zalo.recentDeliveries.map((d) => (
            <li
              key={d.announcementId}
              className="people__item"
              data-testid="zalo-delivery"
              data-status={d.status}
            >
              <span>
                <Link href={`/announcements/${d.announcementId}`} className="link">
                  {d.title}
                </Link>
                <span className="people__meta">
                  {" · "}
                  {formatDateTime(d.updatedAt)}
                  {d.attempts > 1 ? ` · ${t("zalo.group.attempts", { count: n(d.attempts) })}` : ""}
                  {d.lastError ? ` · ${d.lastError}` : ""}
                </span>
              </span>
              <span className={deliveryStatusBadge(d.status)}>{deliveryStatusLabel(d.status, t)}</span>
            </li>
          ))}
        </ul>
      )}

      {canEdit ? (
        <>
          {inviting ? (
            <div className="group-tools__block" data-testid="zalo-invite">
              <FollowerPicker
                communeId={group.communeId}
                selected={invitees}
                onChange={setInvitees}
                max={MAX_INVITE}
                legend={t("zalo.group.inviteLegend")}
              />
              <div className="form-actions">
                <button
                  type="button"
                  className="btn btn--primary"
                  disabled={action.busy || invitees.length === 0}
                  onClick={() => void onInvite()}
                  data-testid="zalo-invite-send"
                >
                  {t("zalo.group.inviteSend", { count: n(invitees.length) })}
                </button>
                <button
                  type="button"
                  className="btn btn--ghost"
                  onClick={() => {
                    setInviting(false);
                    setInvitees([]);
                  }}
                >
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          ) : null}
          {action.error ? <ErrorNotice error={action.error} /> : null}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn--secondary"
              disabled={action.busy || !connected}
              onClick={() => void onSync()}
              data-testid="zalo-sync"
            >
              {t("zalo.group.sync")}
            </button>
            {!inviting ? (
              <button
                type="button"
                className="btn btn--secondary"
                disabled={action.busy || !connected || zalo.status === "disabled"}
                onClick={() => setInviting(true)}
                data-testid="zalo-invite-open"
              >
                {t("zalo.group.invite")}
              </button>
            ) : null}
            <ConfirmButton
              label={t("zalo.group.unlink")}
              question={t("zalo.group.unlinkQuestion")}
              onConfirm={onUnlink}
              testId="zalo-unlink"
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
