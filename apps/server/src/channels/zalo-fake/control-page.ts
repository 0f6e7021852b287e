import { vnDateTime } from "../../core/vn-time";
import { escapeHtml as h } from "./http-util";
import type { FakeZaloWorld, GroupSnapshot } from "./world";

/**
 * `GET /`: the fake world at a glance, in Vietnamese, server-rendered with plain forms (no script):
 * the OA(s) and their users, each OA inbox, the groups with members and latest messages, the bot
 * chats and the last webhook deliveries. Every value is escaped.
 */

const time = (ms: number): string => vnDateTime(new Date(ms));

type Option = { value: string; label: string };

function select(name: string, options: Option[]): string {
  const items = options.map((o) => `<option value="${h(o.value)}">${h(o.label)}</option>`).join("");
  return `<select name="${h(name)}" required>${items}</select>`;
}

function form(action: string, hidden: Record<string, string>, fields: string, button: string): string {
  const inputs = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join("");
  return `<form method="post" action="/_control/${h(action)}">${inputs}${fields}<button>${h(button)}</button></form>`;
}

const textInput = (name: string, placeholder: string) =>
  `<input name="${h(name)}" placeholder="${h(placeholder)}" required maxlength="2000">`;

function groupSection(world: FakeZaloWorld, g: GroupSnapshot, oaName: string, users: Option[]): string {
  const members: Option[] = g.members.map((m) => ({ value: m.userId, label: m.displayName }));
  const outsiders = users.filter((u) => !g.members.some((m) => m.userId === u.value));
  const messages = world
    .groupMessages(g.groupId)
    .slice(-10)
    .map((m) => {
      const who =
        m.from.kind === "oa" ? `${oaName} (OA)` : (world.state.users[m.from.id]?.displayName ?? m.from.id);
      const body = [m.text, m.url ? `[ảnh ${m.url}]` : null, m.fileToken ? "[tệp]" : null]
        .filter(Boolean)
        .join(" ");
      const mentions = m.mentions.length
        ? ` <small>(nhắc: ${h(m.mentions.map((x) => (x.kind === "all" ? "cả nhóm" : x.id)).join(", "))})</small>`
        : "";
      return `<li><small>${h(time(m.at))}</small> <b>${h(who)}</b>: ${h(body)}${mentions}</li>`;
    })
    .join("");
  const memberList = g.members
    .map((m) => `${h(m.displayName)}${g.admins.includes(m.userId) ? " <small>(phó nhóm)</small>" : ""}`)
    .join(", ");
  const pending = g.pending.map((id) => h(world.state.users[id]?.displayName ?? id)).join(", ");
  const live = g.status !== "deleted";
  return `<section class="card"><h3>${h(g.name)} <small>${h(g.status)} · ${g.members.length + 1}/${g.maxMembers} thành viên</small></h3>
<p><small>group_id ${h(g.groupId)} · <a href="${h(g.link)}">${h(g.link)}</a></small></p>
<p>Thành viên: <b>${h(oaName)} (trưởng nhóm, OA)</b>${memberList ? `, ${memberList}` : ""}</p>
${pending ? `<p>Đang xin vào: ${pending}</p>` : ""}
<ul>${messages || "<li><i>Chưa có tin nhắn</i></li>"}</ul>
${
  live && members.length
    ? form(
        "member-posts",
        { groupId: g.groupId },
        select("userId", members) + textInput("text", "Nội dung tin"),
        "Thành viên đăng tin trong nhóm",
      ) +
      form(
        "member-renames-group",
        { groupId: g.groupId },
        select("userId", members) + textInput("name", "Tên mới"),
        "Đổi tên nhóm",
      )
    : ""
}${live && outsiders.length ? form("user-requests-join", { groupId: g.groupId }, select("userId", outsiders), "Xin vào nhóm") : ""}
</section>`;
}

function oaSection(world: FakeZaloWorld, app: ReturnType<FakeZaloWorld["apps"]>[number]): string {
  const users = world.users(app.oaId);
  const options: Option[] = users.map((u) => ({ value: u.userId, label: u.displayName }));
  const userRows = users
    .map(
      (u) =>
        `<tr><td>${h(u.displayName)}</td><td><small>${h(u.userId)}</small></td><td>${u.follower ? "có" : "không"}</td>` +
        `<td>${u.lastInteractionAt === null ? "—" : h(time(u.lastInteractionAt))}</td></tr>`,
    )
    .join("");
  const inbox = users
    .map((u) => ({ u, messages: world.userMessages(app.oaId, u.userId) }))
    .filter((x) => x.messages.length > 0)
    .map(({ u, messages }) => {
      const items = messages
        .slice(-10)
        .map((m) => {
          const who = m.direction === "in" ? u.displayName : `${app.oaName} (OA)`;
          const extra = [
            ...m.attachments.map(
              (a) =>
                `[${a.type}${a.payload.url ? ` ${a.payload.url}` : ""}${a.payload.coordinates ? ` ${a.payload.coordinates.latitude},${a.payload.coordinates.longitude}` : ""}]`,
            ),
            m.template ? "[đính kèm]" : "",
            m.quoteMessageId ? "(trả lời tin trước)" : "",
          ].join(" ");
          return `<li><small>${h(time(m.at))}</small> <b>${h(who)}</b>: ${h(m.text ?? "")} ${h(extra)}</li>`;
        })
        .join("");
      return `<h4>${h(u.displayName)}</h4><ul>${items}</ul>`;
    })
    .join("");
  const groups = world.groups(app.oaId).filter((g) => g.status !== "deleted");
  return `<section><h2>OA: ${h(app.oaName)}</h2>
<p><small>oa_id ${h(app.oaId)} · app_id ${h(app.appId)}</small></p>
<details><summary>Khóa bí mật (chỉ để thử)</summary><p><small>App secret: ${h(app.appSecret)} · OA secret key: ${h(app.oaSecret)}</small></p></details>
<h3>Người dùng</h3>
<table><tr><th>Tên</th><th>user_id</th><th>Quan tâm OA</th><th>Tương tác gần nhất</th></tr>${userRows}</table>
${
  options.length
    ? form(
        "resident-sends-text",
        { oaId: app.oaId },
        select("userId", options) + textInput("text", "Nội dung gửi OA"),
        "Cư dân nhắn OA",
      ) + form("follow", { oaId: app.oaId }, select("userId", options), "Quan tâm OA")
    : ""
}
${form("add-user", { oaId: app.oaId }, textInput("displayName", "Họ tên người dùng mới"), "Thêm người dùng")}
<h3>Hộp thư OA</h3>${inbox || "<p><i>Chưa có hội thoại</i></p>"}
<h3>Nhóm chat (GMF)</h3>${groups.map((g) => groupSection(world, g, app.oaName, options)).join("") || "<p><i>Chưa có nhóm</i></p>"}
</section>`;
}

function botSection(world: FakeZaloWorld): string {
  return world
    .bots()
    .map((b) => {
      const chats = b.users
        .map((u) => {
          const items = world
            .botMessages(b.token, u.chatId)
            .slice(-10)
            .map((m) => {
              const who = m.direction === "in" ? u.displayName : b.name;
              const body = [m.text, m.photo ? `[ảnh ${m.photo}]` : null, m.caption].filter(Boolean).join(" ");
              return `<li><small>${h(time(m.date))}</small> <b>${h(who)}</b>: ${h(body)}</li>`;
            })
            .join("");
          return `<h4>${h(u.displayName)} <small>${h(u.chatId)}</small></h4><ul>${items || "<li><i>Chưa có tin</i></li>"}</ul>`;
        })
        .join("");
      const options = b.users.map((u) => ({ value: u.chatId, label: u.displayName }));
      return `<section><h2>Bot: ${h(b.name)}</h2><p><small>Webhook: ${h(b.webhookUrl ?? "chưa đặt (getUpdates)")}</small></p>${chats}
${options.length ? form("bot-user-sends", { token: b.token }, select("chatId", options) + textInput("text", "Nội dung gửi Bot"), "Nhắn Bot") : ""}
${form("add-bot-user", { token: b.token }, textInput("displayName", "Tên người dùng mới"), "Thêm người dùng Bot")}</section>`;
    })
    .join("");
}

function deliveries(world: FakeZaloWorld): string {
  const rows = world
    .webhookLog()
    .slice(-15)
    .reverse()
    .map(
      (d) =>
        `<tr><td>${h(time(d.at))}</td><td>${h(d.kind)}</td><td>${h(d.event)}</td><td>${d.attempt}</td>` +
        `<td>${h(d.status ?? d.error ?? "")}</td></tr>`,
    )
    .join("");
  return rows
    ? `<table><tr><th>Lúc</th><th>Loại</th><th>Sự kiện</th><th>Lần thử lại</th><th>Kết quả</th></tr>${rows}</table>`
    : "<p><i>Chưa gửi webhook nào</i></p>";
}

/** Vietnamese names of the control actions, for the "done" notice after a form post. */
const ACTION_LABELS: Record<string, string> = {
  "resident-sends-text": "Cư dân nhắn OA",
  follow: "Quan tâm OA",
  "add-user": "Thêm người dùng",
  "member-posts": "Thành viên đăng tin trong nhóm",
  "member-renames-group": "Đổi tên nhóm",
  "user-requests-join": "Xin vào nhóm",
  "bot-user-sends": "Nhắn Bot",
  "add-bot-user": "Thêm người dùng Bot",
  "advance-clock": "Tua nhanh thời gian",
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
.card{border:1px solid #ccc;border-radius:.5rem;padding:.5rem 1rem;margin:.5rem 0}form{margin:.3rem 0}
input{min-width:18rem}.notice{background:#e6f4ea;padding:.5rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderControlPage(
  world: FakeZaloWorld,
  opts: { oaWebhookUrl: string | null; notice?: string | null },
): string {
  const apps = world.apps();
  return page(
    "Thế giới Zalo giả lập",
    `<h1>Thế giới Zalo giả lập</h1>
<p>Máy chủ giả lập Zalo OA, nhóm GMF và Zalo Bot để chạy thử trên máy. Giờ giả lập: ${h(time(world.clock.now().getTime()))}.
Webhook OA: ${h(opts.oaWebhookUrl ?? "chưa đặt")}</p>
${opts.notice ? `<p class="notice">Đã thực hiện: ${h(Object.hasOwn(ACTION_LABELS, opts.notice) ? ACTION_LABELS[opts.notice] : opts.notice)}</p>` : ""}
${form("advance-clock", {}, '<input name="hours" type="number" min="1" max="2400" value="24" required> giờ', "Tua nhanh thời gian")}
${apps.map((a) => oaSection(world, a)).join("") || "<p><i>Chưa có OA nào</i></p>"}
${botSection(world)}
<h2>Webhook đã gửi</h2>${deliveries(world)}`,
  );
}

export function renderErrorPage(message: string): string {
  return page(
    "Lỗi — Thế giới Zalo giả lập",
    `<h1>Không thực hiện được</h1><p>${h(message)}</p><p><a href="/">Quay lại</a></p>`,
  );
}
