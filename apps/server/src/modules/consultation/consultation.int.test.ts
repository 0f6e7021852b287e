import type { TGroupRules, TPollDetail, TPollList } from "@binhyen/contracts";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { searchKey } from "../../core/text";
import {
  groupMembers,
  groups,
  pollVotes,
  roleAssignments,
  rulesAcknowledgements,
  users,
} from "../../db/schema";
import { auditRows, buildCommune, freshPhone, type TestCommune, type TestUser } from "../../test/factories";
import { call, createTestContext, sessionFor, type TestContext } from "../../test/harness";

/** Plan II.3: group rules (quy chế) that members acknowledge, and polls that gather residents' opinions. */
const clock = fixedClock(new Date("2026-03-02T02:00:00Z"));
const HOUR = 3600_000;
let ctx: TestContext;
let t: TestCommune;
let other: TestCommune;
/** A second resident of hamlet 0's group (a member role, no household row). */
let member2: TestUser;
/** The member user's household-representative row in hamlet 0's group. */
let memberRowId: string;

const g = (i: number) => t.hamlets[i]?.groupId ?? "";

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await buildCommune(ctx.deps, { hamlets: 2 });
  other = await buildCommune(ctx.deps);
  memberRowId = ctx.deps.ids.uuid();
  await ctx.deps.db.insert(groupMembers).values({
    id: memberRowId,
    groupId: g(0),
    communeId: t.communeId,
    userId: t.users.member.id,
    name: t.users.member.name,
    searchKey: searchKey(t.users.member.name),
    kind: "HOUSEHOLD_REP",
    consentAt: clock.now(),
  });
  member2 = { id: ctx.deps.ids.uuid(), phone: freshPhone(), name: "Bùi Thị Ánh" };
  await ctx.deps.db.insert(users).values({
    id: member2.id,
    name: member2.name,
    searchKey: searchKey(member2.name),
    phone: member2.phone,
  });
  await ctx.deps.db.insert(roleAssignments).values({
    id: ctx.deps.ids.uuid(),
    userId: member2.id,
    role: "GROUP_MEMBER",
    communeId: t.communeId,
    hamletId: t.hamlets[0]?.hamletId,
    groupId: g(0),
  });
});
afterAll(() => ctx.close());

/** Each request signs in afresh: the tests move the clock past sessions' lifetime. */
async function as(user: TestUser | null, method: "GET" | "POST", url: string, payload?: unknown) {
  const session = user ? await sessionFor(ctx.deps, user.id) : undefined;
  return call(ctx.app, session, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}
const rulesOf = async (user: TestUser, groupId = g(0)) => {
  const res = await as(user, "GET", `/api/groups/${groupId}/rules`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TGroupRules>();
};
const pollInput = (over: Record<string, unknown> = {}) => ({
  question: "Có nên lắp thêm đèn chiếu sáng ở đường liên ấp không?",
  options: ["Đồng ý", "Không đồng ý", "Ý kiến khác"],
  deadline: new Date(clock.now().getTime() + 48 * HOUR).toISOString(),
  ...over,
});
async function newPoll(user: TestUser, over: Record<string, unknown> = {}, groupId = g(0)) {
  const res = await as(user, "POST", `/api/groups/${groupId}/polls`, pollInput(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TPollDetail>();
}
const votes = (user: TestUser, pollId: string, choices: number[]) =>
  as(user, "POST", `/api/polls/${pollId}/votes`, { choices });
const pollAs = async (user: TestUser, pollId: string) => {
  const res = await as(user, "GET", `/api/polls/${pollId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TPollDetail>();
};

describe("group rules (quy chế hoạt động)", () => {
  it("publishes versions; a member acknowledges the current one only, once; officers see the count", async () => {
    const v1 = await as(t.users.leader, "POST", `/api/groups/${g(0)}/rules`, {
      text: "Điều 1. Nhóm dùng để trao đổi về an ninh trật tự.\nĐiều 2. Không đăng tin chưa kiểm chứng.",
    });
    expect(v1.statusCode, v1.body).toBe(201);
    const published = v1.json<TGroupRules>();
    expect(published.current).toMatchObject({
      version: 1,
      publishedBy: { id: t.users.leader.id, name: t.users.leader.name },
    });
    expect(published.history.map((h) => h.version)).toEqual([1]);
    const [group] = await ctx.deps.db
      .select()
      .from(groups)
      .where(eq(groups.id, g(0)));
    expect(group?.rules).toContain("Điều 2. Không đăng tin chưa kiểm chứng.");
    const audit = await auditRows(ctx.deps, "group.rules_published", g(0));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ version: 1 });
    expect(audit[0]?.actorUserId).toBe(t.users.leader.id);

    // A member reads the text but not who acknowledged.
    const before = await rulesOf(t.users.member);
    expect(before).toMatchObject({ acknowledgedVersion: null, acknowledgements: null });
    expect(before.current?.text).toContain("Điều 1.");

    const ack = await as(t.users.member, "POST", `/api/groups/${g(0)}/rules/1/ack`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<TGroupRules>().acknowledgedVersion).toBe(1);
    // Idempotent: the second acknowledgement changes nothing and writes no second audit row.
    expect((await as(t.users.member, "POST", `/api/groups/${g(0)}/rules/1/ack`)).statusCode).toBe(200);
    const acks = await ctx.deps.db
      .select()
      .from(rulesAcknowledgements)
      .where(eq(rulesAcknowledgements.groupId, g(0)));
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ version: 1, userId: t.users.member.id, memberId: memberRowId });
    const ackAudit = await auditRows(ctx.deps, "group.rules_acknowledged", g(0));
    expect(ackAudit).toHaveLength(1);
    expect(ackAudit[0]?.data).toEqual({ version: 1 });

    // Officers: 1 of the 2 residents holding a member role.
    expect((await rulesOf(t.users.leader)).acknowledgements).toEqual({ version: 1, count: 1, members: 2 });

    // A group deputy publishes version 2: the member's acknowledgement stays on version 1.
    const v2 = await as(t.users.groupDeputy, "POST", `/api/groups/${g(0)}/rules`, {
      text: "Điều 1. Nhóm dùng để trao đổi về an ninh trật tự.\nĐiều 2. Không đăng số điện thoại của người khác.",
    });
    expect(v2.statusCode, v2.body).toBe(201);
    const after = await rulesOf(t.users.member);
    expect(after.current?.version).toBe(2);
    expect(after.acknowledgedVersion).toBe(1);
    expect(after.history.map((h) => h.version)).toEqual([2, 1]);

    const stale = await as(t.users.member, "POST", `/api/groups/${g(0)}/rules/1/ack`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("CONFLICT");
    expect(stale.json().error.message).toContain("phiên bản mới");
    expect((await as(t.users.member, "POST", `/api/groups/${g(0)}/rules/9/ack`)).statusCode).toBe(404);
    expect((await rulesOf(t.users.chief)).acknowledgements).toEqual({ version: 2, count: 0, members: 2 });

    // The same text again would ask everyone to re-acknowledge for nothing.
    const same = await as(t.users.leader, "POST", `/api/groups/${g(0)}/rules`, {
      text: "Điều 1. Nhóm dùng để trao đổi về an ninh trật tự.\nĐiều 2. Không đăng số điện thoại của người khác.",
    });
    expect(same.statusCode).toBe(409);
    // The commune's management team may publish too.
    const v3 = await as(t.users.deputy, "POST", `/api/groups/${g(0)}/rules`, { text: "Quy chế mới." });
    expect(v3.statusCode, v3.body).toBe(201);
    expect(v3.json<TGroupRules>().current?.version).toBe(3);
    const ack3 = await as(member2, "POST", `/api/groups/${g(0)}/rules/3/ack`);
    expect(ack3.json<TGroupRules>().acknowledgedVersion).toBe(3);
    const [row] = await ctx.deps.db
      .select()
      .from(rulesAcknowledgements)
      .where(and(eq(rulesAcknowledgements.userId, member2.id), eq(rulesAcknowledgements.version, 3)));
    // A member without a household row: acknowledged as a person.
    expect(row?.memberId).toBeNull();
  });

  it("refuses by role inside the commune (403) and hides the group outside it (404)", async () => {
    const url = `/api/groups/${g(0)}/rules`;
    const text = { text: "Quy chế thử quyền." };
    expect((await as(t.users.member, "POST", url, text)).statusCode).toBe(403);
    expect((await as(t.users.leader2, "POST", url, text)).statusCode).toBe(403);
    expect((await as(t.users.leader2, "GET", url)).statusCode).toBe(403);
    expect((await as(t.users.province, "GET", url)).statusCode).toBe(403);
    const outside = await as(other.users.chief, "POST", url, text);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe("NOT_FOUND");
    expect((await as(other.users.leader, "GET", url)).statusCode).toBe(404);
    expect((await as(null, "GET", url)).statusCode).toBe(401);
    // Officers publish; they do not acknowledge (that is for the members).
    const current = (await rulesOf(t.users.leader)).current?.version ?? 0;
    expect((await as(t.users.leader, "POST", `${url}/${current}/ack`)).statusCode).toBe(403);
    expect((await as(t.users.leader, "POST", url, { text: "   " })).statusCode).toBe(400);
    // A group with no rules yet.
    expect(await rulesOf(t.users.leader2, g(1))).toEqual({
      current: null,
      acknowledgedVersion: null,
      acknowledgements: null,
      history: [],
    });
  });
});

describe("polls", () => {
  it("single choice: a second ballot replaces the first; officers see who chose what, members only the counts", async () => {
    const poll = await newPoll(t.users.leader);
    expect(poll).toMatchObject({ status: "open", multiple: false, anonymous: false, myVote: null });
    expect(poll.actions).toEqual(["close"]);
    expect(poll.results).toEqual({ total: 0, counts: [0, 0, 0], percent: [0, 0, 0], voters: [] });
    const created = await auditRows(ctx.deps, "poll.created", poll.id);
    expect(created[0]?.data).toMatchObject({ groupId: g(0), anonymous: false });

    // Before voting a member sees no results, so they do not sway the vote.
    const unseen = await pollAs(t.users.member, poll.id);
    expect(unseen).toMatchObject({ results: null, ballots: null, actions: ["vote"] });

    expect((await votes(t.users.member, poll.id, [0, 1])).statusCode).toBe(400);
    const outOfRange = await votes(t.users.member, poll.id, [3]);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.message).toContain("không có trong");

    const first = await votes(t.users.member, poll.id, [0]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<TPollDetail>()).toMatchObject({
      myVote: [0],
      results: { total: 1, counts: [1, 0, 0], percent: [100, 0, 0], voters: null },
    });
    const second = await votes(t.users.member, poll.id, [2]);
    expect(second.json<TPollDetail>().results).toMatchObject({ total: 1, counts: [0, 0, 1] });

    const rows = await ctx.deps.db.select().from(pollVotes).where(eq(pollVotes.pollId, poll.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: t.users.member.id, choices: [2], at: clock.now() });
    const audit = await auditRows(ctx.deps, "poll.voted", poll.id);
    expect(audit.map((a) => a.data)).toEqual([
      { choices: [0], replaced: false },
      { choices: [2], replaced: true },
    ]);

    const officer = await pollAs(t.users.leader, poll.id);
    expect(officer.results?.voters).toEqual([{ name: t.users.member.name, choices: [2] }]);
    expect(officer.ballots).toBe(1);

    const list = await as(t.users.member, "GET", `/api/groups/${g(0)}/polls`);
    expect(list.statusCode).toBe(200);
    const item = list.json<TPollList>().items.find((i) => i.id === poll.id);
    expect(item).toMatchObject({ status: "open", myVote: [2], ballots: 1 });
    // member2 has not voted: no results, no count.
    const list2 = await as(member2, "GET", `/api/groups/${g(0)}/polls?status=open`);
    expect(list2.json<TPollList>().items.find((i) => i.id === poll.id)).toMatchObject({
      myVote: null,
      ballots: null,
    });
  });

  it("multiple choice: each option's share of the ballots", async () => {
    const poll = await newPoll(t.users.chief, {
      question: "Chọn các khung giờ họp tổ phù hợp",
      options: ["Sáng thứ Bảy", "Chiều thứ Bảy", "Tối thứ Bảy", "Sáng Chủ nhật"],
      multiple: true,
    });
    expect((await votes(t.users.member, poll.id, [0, 2])).statusCode).toBe(200);
    expect((await votes(member2, poll.id, [2])).statusCode).toBe(200);
    expect((await votes(member2, poll.id, [2, 2])).statusCode).toBe(400);
    const detail = await pollAs(t.users.groupDeputy, poll.id);
    expect(detail.results).toMatchObject({ total: 2, counts: [1, 0, 2, 0], percent: [50, 0, 100, 0] });
    expect(detail.results?.voters).toEqual([
      { name: member2.name, choices: [2] },
      { name: t.users.member.name, choices: [0, 2] },
    ]);
  });

  it("after the deadline: no more ballots (409), and results open to every member", async () => {
    const poll = await newPoll(t.users.leader, {
      deadline: new Date(clock.now().getTime() + HOUR).toISOString(),
    });
    expect((await votes(t.users.member, poll.id, [1])).statusCode).toBe(200);
    clock.advance(2 * HOUR);
    const late = await votes(t.users.member, poll.id, [0]);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain("đã kết thúc");
    const ended = await pollAs(member2, poll.id);
    expect(ended).toMatchObject({ status: "closed", actions: [], results: { total: 1, counts: [0, 1, 0] } });
    const closed = await as(member2, "GET", `/api/groups/${g(0)}/polls?status=closed`);
    expect(closed.json<TPollList>().items.map((i) => i.id)).toContain(poll.id);
    const open = await as(member2, "GET", `/api/groups/${g(0)}/polls?status=open`);
    expect(open.json<TPollList>().items.map((i) => i.id)).not.toContain(poll.id);
    // A deadline in the past is refused when creating.
    const past = await as(t.users.leader, "POST", `/api/groups/${g(0)}/polls`, {
      ...pollInput(),
      deadline: new Date(clock.now().getTime() - HOUR).toISOString(),
    });
    expect(past.statusCode).toBe(400);
  });

  it("closing early: by its creator or management, once; then no ballots", async () => {
    const poll = await newPoll(t.users.leader);
    expect((await as(t.users.groupDeputy, "POST", `/api/polls/${poll.id}/close`)).statusCode).toBe(403);
    expect((await as(t.users.member, "POST", `/api/polls/${poll.id}/close`)).statusCode).toBe(403);
    expect((await as(t.users.leader2, "POST", `/api/polls/${poll.id}/close`)).statusCode).toBe(403);
    const closed = await as(t.users.chief, "POST", `/api/polls/${poll.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<TPollDetail>()).toMatchObject({
      status: "closed",
      closedAt: clock.now().toISOString(),
    });
    expect((await as(t.users.leader, "POST", `/api/polls/${poll.id}/close`)).statusCode).toBe(409);
    expect((await votes(t.users.member, poll.id, [0])).statusCode).toBe(409);
    expect(await auditRows(ctx.deps, "poll.closed", poll.id)).toHaveLength(1);

    const own = await newPoll(t.users.groupDeputy);
    expect((await as(t.users.groupDeputy, "POST", `/api/polls/${own.id}/close`)).statusCode).toBe(200);
  });

  it("anonymous: no user id in the rows, no voters in any result, no choices in the audit", async () => {
    const poll = await newPoll(t.users.leader, { anonymous: true, options: ["Có", "Không"] });
    expect((await votes(t.users.member, poll.id, [1])).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await votes(member2, poll.id, [0])).statusCode).toBe(200);
    clock.advance(60_000);
    const replaced = await votes(t.users.member, poll.id, [0]);
    expect(replaced.json<TPollDetail>().myVote).toEqual([0]);

    const rows = await ctx.deps.db.select().from(pollVotes).where(eq(pollVotes.pollId, poll.id));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.userId).toBeNull();
      expect(r.voterKey).not.toContain(t.users.member.id);
      expect(r.voterKey).not.toContain(member2.id);
      // The ballot's time is not kept: it would pair the ballot with the audit row's actor.
      expect(r.at.toISOString()).toBe(poll.createdAt);
    }
    expect(rows.map((r) => r.voterKey).sort()).toEqual(
      [
        ctx.deps.box.mac(`poll:${poll.id}`, t.users.member.id),
        ctx.deps.box.mac(`poll:${poll.id}`, member2.id),
      ].sort(),
    );

    for (const who of [t.users.leader, t.users.chief, t.users.groupDeputy, t.users.member]) {
      const detail = await pollAs(who, poll.id);
      expect(detail.results).toEqual({ total: 2, counts: [2, 0], percent: [100, 0], voters: null });
    }
    const audit = await auditRows(ctx.deps, "poll.voted", poll.id);
    expect(audit).toHaveLength(3);
    for (const a of audit) {
      expect(a.data).toEqual({ anonymous: true });
    }
  });

  it("role × tenant: who may create, read and vote", async () => {
    const url = `/api/groups/${g(0)}/polls`;
    expect((await as(t.users.member, "POST", url, pollInput())).statusCode).toBe(403);
    expect((await as(t.users.leader2, "POST", url, pollInput())).statusCode).toBe(403);
    expect((await as(t.users.province, "POST", url, pollInput())).statusCode).toBe(403);
    expect((await as(t.users.leader2, "GET", url)).statusCode).toBe(403);
    const outside = await as(other.users.chief, "POST", url, pollInput());
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe("NOT_FOUND");
    expect((await as(other.users.leader, "GET", url)).statusCode).toBe(404);

    const poll = await newPoll(t.users.groupDeputy);
    expect((await as(t.users.leader2, "GET", `/api/polls/${poll.id}`)).statusCode).toBe(403);
    expect((await as(t.users.province, "GET", `/api/polls/${poll.id}`)).statusCode).toBe(403);
    expect((await as(other.users.chief, "GET", `/api/polls/${poll.id}`)).statusCode).toBe(404);
    expect((await votes(other.users.member, poll.id, [0])).statusCode).toBe(404);
    // Officers gather opinions; they do not vote in them.
    expect((await votes(t.users.leader, poll.id, [0])).statusCode).toBe(403);
    expect((await as(null, "GET", `/api/polls/${poll.id}`)).statusCode).toBe(401);
    expect((await as(t.users.member, "GET", `/api/polls/${ctx.deps.ids.uuid()}`)).statusCode).toBe(404);

    // Hamlet 1's poll is not hamlet 0's member's business.
    const elsewhere = await newPoll(t.users.leader2, {}, g(1));
    expect((await votes(t.users.member, elsewhere.id, [0])).statusCode).toBe(403);

    // Options: 2 to 10, distinct.
    for (const options of [["Một"], Array.from({ length: 11 }, (_, i) => `Phương án ${i}`), ["Có", "có"]]) {
      expect((await as(t.users.leader, "POST", url, pollInput({ options }))).statusCode).toBe(400);
    }
  });
});
