import type { TCaseEvent, TCreateReportRequest } from "@binhyen/contracts";
import { fixedClock } from "../core/clock";
import type { Deps } from "../deps";
import { actorForUser as actorOf } from "../modules/auth/auth.service";
import { transitionCase } from "../modules/reports/case.service";
import { officerMessage, reporterMessage, submitReport } from "../modules/reports/reports.service";

type DemoReport = {
  daysAgo: number;
  hamlet: number;
  report: Omit<TCreateReportRequest, "communeId" | "hamletId">;
  question?: string;
  answer?: string;
  events: TCaseEvent[];
  by: "leader" | "chief";
};

const now = () => new Date().toISOString();

/** Reports of the demo commune, in every state of the workflow (DESIGN §5). Fictional people. */
const REPORTS: DemoReport[] = [
  {
    daysAgo: 0,
    hamlet: 0,
    by: "leader",
    events: [],
    report: {
      category: "CRIME",
      description: "Tối qua có hai thanh niên lạ đi xe máy không biển số, dòm ngó các nhà trong hẻm 3.",
      location: "Hẻm 3, gần nhà văn hóa ấp",
      anonymous: true,
    },
    question: "Anh/chị có nhớ màu xe hoặc đặc điểm người điều khiển không?",
  },
  {
    daysAgo: 1,
    hamlet: 0,
    by: "leader",
    events: [{ type: "ACKNOWLEDGE" }],
    report: {
      category: "SOCIAL_EVIL",
      description: "Nhóm người tụ tập đánh bài ăn tiền ở quán nước cuối ấp vào tối thứ Bảy.",
      anonymous: false,
      reporter: { name: "Trần Văn Tố", phone: "0912 555 101" },
    },
  },
  {
    daysAgo: 3,
    hamlet: 1,
    by: "leader",
    events: [{ type: "ACKNOWLEDGE" }, { type: "START_VERIFICATION" }],
    report: {
      category: "LAW_VIOLATION",
      description: "Xe ben chở đất chạy tốc độ cao qua đường liên ấp giờ học sinh tan trường.",
      anonymous: true,
    },
    question: "Xe thường chạy vào khung giờ nào?",
    answer: "Khoảng 16 giờ 30 đến 17 giờ các ngày trong tuần.",
  },
  {
    daysAgo: 6,
    hamlet: 0,
    by: "chief",
    events: [
      { type: "ACKNOWLEDGE" },
      { type: "START_VERIFICATION" },
      { type: "FORWARD", agency: "Cơ quan Cảnh sát điều tra Công an tỉnh Đồng Nai" },
    ],
    report: {
      category: "CRIME",
      description: "Nghi có người mua bán ma túy tại dãy trọ gần chợ, nhiều người lạ ra vào ban đêm.",
      anonymous: false,
      reporter: { name: "Lê Thị Báo", phone: "0987 555 202" },
    },
  },
  {
    daysAgo: 10,
    hamlet: 2,
    by: "leader",
    events: [
      { type: "ACKNOWLEDGE" },
      { type: "START_VERIFICATION" },
      { type: "HANDLE_IN_COMMUNE", investigatorUserId: "DEPUTY" },
    ],
    report: {
      category: "RESIDENT_DISPUTE",
      description: "Hai hộ tranh chấp lối đi chung, đã xảy ra xô xát.",
      anonymous: false,
      reporter: { name: "Phạm Văn Hòa", phone: "0903 555 303" },
    },
  },
  {
    daysAgo: 12,
    hamlet: 3,
    by: "leader",
    events: [
      { type: "ACKNOWLEDGE" },
      { type: "START_VERIFICATION" },
      {
        type: "MARK_NOT_POLICE_MATTER",
        reason: "Việc cấp nước sinh hoạt thuộc Ủy ban nhân dân xã; đã hướng dẫn người dân liên hệ.",
      },
    ],
    report: { category: "OTHER", description: "Nước sinh hoạt mất liên tục 3 ngày nay.", anonymous: true },
  },
  {
    daysAgo: 20,
    hamlet: 1,
    by: "leader",
    events: [
      { type: "ACKNOWLEDGE" },
      { type: "START_VERIFICATION" },
      {
        type: "SUSPEND",
        ground: "EXPERT_OR_VALUATION_OR_LEGAL_ASSISTANCE_PENDING",
        note: "Chờ kết quả định giá tài sản.",
      },
    ],
    report: {
      category: "CRIME",
      description: "Mất trộm 2 con bò trong chuồng ban đêm.",
      anonymous: false,
      reporter: { name: "Võ Văn Chăn", phone: "0934 555 404" },
    },
  },
  {
    daysAgo: 30,
    hamlet: 4,
    by: "leader",
    events: [
      { type: "ACKNOWLEDGE" },
      { type: "START_VERIFICATION" },
      { type: "HANDLE_IN_COMMUNE", investigatorUserId: "DEPUTY" },
      {
        type: "RECORD_OUTCOME",
        outcome: {
          code: "XU_PHAT_HANH_CHINH",
          valuable: true,
          summary: "Lập biên bản, xử phạt hành chính chủ cơ sở karaoke gây ồn sau 22 giờ.",
        },
      },
    ],
    report: {
      category: "LAW_VIOLATION",
      description: "Karaoke hát rất to quá 23 giờ đêm nhiều ngày liền.",
      anonymous: true,
    },
  },
  {
    daysAgo: 45,
    hamlet: 0,
    by: "leader",
    events: [
      { type: "ACKNOWLEDGE" },
      { type: "START_VERIFICATION" },
      { type: "HANDLE_IN_COMMUNE", investigatorUserId: "DEPUTY" },
      {
        type: "RECORD_OUTCOME",
        outcome: {
          code: "NGAN_CHAN_LUA_DAO",
          valuable: true,
          summary: "Ngăn chặn kịp thời vụ giả danh công an gọi điện yêu cầu chuyển tiền.",
        },
      },
      {
        type: "CLOSE",
        reporterNotified: { at: now(), channel: "phone" },
        publicResult: "Công an xã đã xác minh và ngăn chặn kịp thời. Cảm ơn bác đã báo tin.",
      },
    ],
    report: {
      category: "CRIME",
      description: "Có người gọi điện xưng là công an, yêu cầu mẹ tôi chuyển tiền để 'xác minh tài khoản'.",
      anonymous: false,
      reporter: { name: "Nguyễn Thị Cảnh", phone: "0977 555 505" },
    },
  },
  {
    daysAgo: 2,
    hamlet: 0,
    by: "leader",
    events: [{ type: "MERGE_INTO", targetCaseId: "FIRST" }],
    report: {
      category: "CRIME",
      description: "Thấy hai người lạ đi xe không biển số dòm ngó nhà dân ở hẻm 3.",
      anonymous: true,
    },
  },
  {
    daysAgo: 4,
    hamlet: 0,
    by: "chief",
    events: [{ type: "ACKNOWLEDGE" }],
    report: {
      category: "POLICE_CONDUCT",
      description: "Khi làm thủ tục cư trú, cán bộ trả lời cộc lốc, bắt chờ lâu.",
      anonymous: true,
    },
  },
];

/** Seeds the demo reports through the real services (sealed identities, receipts, audit rows). */
export async function seedDemoReports(
  deps: Deps,
  communeId: string,
  hamlets: { hamletId: string; leaderUserId: string }[],
  chiefUserId: string,
  deputyUserId: string,
): Promise<number> {
  const base = deps.clock.now().getTime();
  const ids: string[] = [];
  for (const demo of REPORTS) {
    const clock = fixedClock(new Date(base - demo.daysAgo * 86400_000 - 3 * 3600_000));
    const d: Deps = { ...deps, clock };
    const hamlet = hamlets[demo.hamlet] ?? hamlets[0];
    const { receiptCode, reportId: id } = await submitReport(d, {
      ...demo.report,
      communeId,
      hamletId: hamlet?.hamletId,
    });
    const chief = await actorOf(d, chiefUserId);
    ids.push(id);
    const officer = demo.by === "chief" ? chief : await actorOf(d, hamlet?.leaderUserId ?? chiefUserId);
    if (demo.question) {
      clock.advance(3600_000);
      await officerMessage(d, officer, id, demo.question, false, "demo");
    }
    if (demo.answer) {
      clock.advance(3600_000);
      await reporterMessage(d, receiptCode, demo.answer);
    }
    for (const event of demo.events) {
      clock.advance(5 * 3600_000);
      const e =
        event.type === "HANDLE_IN_COMMUNE"
          ? { ...event, investigatorUserId: deputyUserId }
          : event.type === "MERGE_INTO"
            ? { ...event, targetCaseId: ids[0] ?? "" }
            : event;
      await transitionCase(d, officer, id, e, "demo");
    }
  }
  return REPORTS.length;
}
