import { type TAnnouncementCategory, ZCreateAnnouncement } from "@binhyen/contracts";
import sharp from "sharp";
import { fixedClock } from "../core/clock";
import type { Deps } from "../deps";
import { uploadAnnouncementFile } from "../modules/announcements/announcement-files.service";
import { createAnnouncement } from "../modules/announcements/announcements.service";
import { acknowledge, markRead } from "../modules/announcements/feed.service";
import { actorForUser } from "../modules/auth/auth.service";
import { createFeed } from "../modules/feeds/feeds.service";

type DemoAnnouncement = {
  daysAgo: number;
  /** Index of the hamlet (its leader writes), or "commune" for the chief to all groups. */
  to: number | "commune";
  category: TAnnouncementCategory;
  title: string;
  body: string;
  pinned?: boolean;
  urgent?: boolean;
  requiresAck?: boolean;
  expiresInDays?: number;
  notice?: { personName?: string; description: string; lastSeen?: string; contact?: string };
  photo?: boolean;
  draft?: boolean;
  /** The demo member read / acknowledged it. */
  read?: boolean;
  ack?: boolean;
  inHours?: number;
};

const DEMO: DemoAnnouncement[] = [
  {
    daysAgo: 40,
    to: "commune",
    category: "LAW_POLICY",
    title: "Luật Căn cước 2023: những điểm bà con cần biết",
    body: "Từ ngày 01/7/2024, thẻ căn cước thay thế thẻ căn cước công dân. Thẻ cũ còn hạn vẫn dùng được.\n- Trẻ em dưới 14 tuổi được cấp thẻ theo nhu cầu\n- Không bắt buộc đổi thẻ còn hạn",
    read: true,
  },
  {
    daysAgo: 30,
    to: 0,
    category: "FIRE_SAFETY",
    title: "Phòng cháy mùa khô: tắt bếp, rút điện trước khi ra khỏi nhà",
    body: "Mùa khô đã đến. Đề nghị các hộ:\n- Tắt bếp, rút phích điện khi ra khỏi nhà\n- Không đốt rác gần nhà, rẫy\n- Trang bị bình chữa cháy\n\nKhi có cháy, gọi ngay **114**.",
    pinned: true,
    read: true,
  },
  {
    daysAgo: 21,
    to: 0,
    category: "CRIME_METHODS",
    title: "Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền",
    body: "Công an **không bao giờ** làm việc qua điện thoại và yêu cầu chuyển tiền. Ai nhận cuộc gọi như vậy hãy tắt máy và báo cho Công an xã.",
    urgent: true,
    requiresAck: true,
    read: true,
    ack: true,
  },
  {
    daysAgo: 18,
    to: "commune",
    category: "TRAFFIC_SAFETY",
    title: "Đã uống rượu bia thì không lái xe",
    body: "Dịp cuối năm, Công an xã tăng cường kiểm tra nồng độ cồn trên tuyến đường liên ấp. Mức phạt xe máy có thể đến 8 triệu đồng và tước bằng lái.",
  },
  {
    daysAgo: 15,
    to: 1,
    category: "GOOD_EXAMPLE",
    title: "Biểu dương anh Lê Văn Tốt nhặt được ví trả lại người mất",
    body: "Ngày 05/11/2026, anh Lê Văn Tốt (Ấp Suối Giai) nhặt được ví có 3.500.000 đồng và giấy tờ, đã giao Công an xã trả lại người mất. Công an xã biểu dương việc làm tốt.",
  },
  {
    daysAgo: 12,
    to: "commune",
    category: "ADMIN_PROCEDURE",
    title: "Hướng dẫn đăng ký thường trú trực tuyến",
    body: "Bà con có thể nộp hồ sơ đăng ký thường trú trên Cổng dịch vụ công quốc gia hoặc ứng dụng VNeID.\n- Tờ khai thay đổi thông tin cư trú\n- Giấy tờ chứng minh chỗ ở hợp pháp\n\nCông an xã hỗ trợ vào giờ hành chính.",
  },
  {
    daysAgo: 10,
    to: 2,
    category: "FOREIGNER_REVIEW",
    title: "Khai báo tạm trú cho người nước ngoài",
    body: "Các hộ, cơ sở lưu trú có người nước ngoài ở qua đêm phải khai báo tạm trú với Công an xã trong 12 giờ (24 giờ ở vùng sâu, vùng xa).",
  },
  {
    daysAgo: 8,
    to: 0,
    category: "SECURITY_SITUATION",
    title: "Tình hình trộm cắp vặt trên địa bàn ấp",
    body: "Tháng qua ấp xảy ra 3 vụ trộm gà, vịt ban đêm. Đề nghị bà con khóa chuồng trại, lắp đèn chiếu sáng và báo ngay khi thấy người lạ.",
    read: true,
  },
  {
    daysAgo: 6,
    to: 0,
    category: "WANTED_PERSON",
    title: "Thông báo truy nã",
    body: "Công an đề nghị ai biết tung tích đối tượng dưới đây báo ngay cho Công an xã. Người báo tin được giữ bí mật.",
    urgent: true,
    requiresAck: true,
    expiresInDays: 60,
    notice: {
      personName: "Trần Văn Truy",
      description: "Nam, khoảng 35 tuổi, cao 1m68, tóc ngắn, có hình xăm ở cánh tay trái.",
      lastSeen: "Chợ Tân Phú, chiều 20/11/2026",
      contact: "Trực ban Công an xã Đồng Tâm",
    },
    photo: true,
  },
  {
    daysAgo: 4,
    to: "commune",
    category: "MISSING_PERSON",
    title: "Tìm người mất tích: cụ bà Nguyễn Thị Lạc",
    body: "Gia đình và Công an xã đề nghị ai biết tung tích cụ bà dưới đây báo ngay cho Công an xã.",
    expiresInDays: 30,
    notice: {
      personName: "Nguyễn Thị Lạc",
      description: "Nữ, 78 tuổi, tóc bạc, mặc áo bà ba màu nâu, trí nhớ kém.",
      lastSeen: "Ấp Tân Phú, sáng 23/11/2026",
      contact: "Trực ban Công an xã Đồng Tâm",
    },
  },
  {
    daysAgo: 2,
    to: "commune",
    category: "DISASTER_EPIDEMIC",
    title: "Cảnh báo mưa lớn, nguy cơ ngập úng",
    body: "Dự báo từ 28/11 đến 30/11 có mưa lớn. Đề nghị bà con:\n- Gia cố nhà cửa\n- Không đi qua ngầm tràn khi nước lớn",
    urgent: true,
    requiresAck: true,
  },
  {
    daysAgo: 1,
    to: 0,
    category: "OTHER_DIRECTIVE",
    title: "Họp dân ấp Tân Phú tối thứ Bảy",
    body: "Mời đại diện các hộ dự họp lúc 19:30 thứ Bảy tại nhà văn hóa ấp, nội dung: an ninh trật tự cuối năm.",
    requiresAck: true,
  },
  {
    daysAgo: 0,
    to: 0,
    category: "FIRE_SAFETY",
    title: "Lịch kiểm tra bình chữa cháy các hộ kinh doanh",
    body: "Công an xã sẽ kiểm tra bình chữa cháy tại các hộ kinh doanh trên trục đường chính.",
    inHours: 48,
  },
  {
    daysAgo: 0,
    to: 1,
    category: "LAW_POLICY",
    title: "Nháp: quy định mới về xử phạt tiếng ồn",
    body: "[đang soạn] Mức phạt gây tiếng ồn sau 22 giờ …",
    draft: true,
  },
];

async function demoPhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400"><rect width="300" height="400" fill="#d9dee5"/><circle cx="150" cy="140" r="70" fill="#7b8794"/><rect x="55" y="230" width="190" height="170" rx="80" fill="#7b8794"/><text x="150" y="385" font-size="22" text-anchor="middle" fill="#333">ẢNH MINH HỌA</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** Announcements in every category through the real services (content check, recipients, audit). */
export async function seedDemoAnnouncements(
  deps: Deps,
  communeId: string,
  hamlets: { groupId: string; leaderUserId: string }[],
  chiefUserId: string,
  memberUserId: string | null,
): Promise<number> {
  const base = deps.clock.now().getTime();
  for (const demo of DEMO) {
    const clock = fixedClock(new Date(base - demo.daysAgo * 86400_000 - 2 * 3600_000));
    const d: Deps = { ...deps, clock };
    const author = await actorForUser(
      d,
      demo.to === "commune" ? chiefUserId : (hamlets[demo.to]?.leaderUserId ?? chiefUserId),
    );
    const photo = demo.photo
      ? await uploadAnnouncementFile(d, author, communeId, {
          fileName: "doi-tuong.jpg",
          bytes: await demoPhoto(),
        })
      : undefined;
    const { announcementId } = await createAnnouncement(
      d,
      author,
      ZCreateAnnouncement.parse({
        audience: demo.to === "commune" ? { communeId } : { groupIds: [hamlets[demo.to]?.groupId] },
        category: demo.category,
        title: demo.title,
        body: demo.body,
        pinned: demo.pinned ?? false,
        urgent: demo.urgent ?? false,
        requiresAck: demo.requiresAck ?? false,
        draft: demo.draft ?? false,
        publishAt: demo.inHours
          ? new Date(clock.now().getTime() + demo.inHours * 3600_000).toISOString()
          : undefined,
        expiresAt: demo.expiresInDays
          ? new Date(clock.now().getTime() + demo.expiresInDays * 86400_000).toISOString()
          : undefined,
        notice: demo.notice ? { ...demo.notice, photoFileId: photo?.id } : undefined,
      }),
    );
    if (memberUserId && (demo.read || demo.ack)) {
      clock.advance(3 * 3600_000);
      const member = await actorForUser(d, memberUserId);
      await markRead(d, member, announcementId);
      if (demo.ack) {
        await acknowledge(d, member, announcementId, "demo");
      }
    }
  }
  // The provincial police site as a relay (switched off: the demo has no internet).
  const chief = await actorForUser(deps, chiefUserId);
  const feed = await createFeed(deps, chief, communeId, {
    url: "https://congan.dongnai.gov.vn/rss",
    title: "Công an tỉnh Đồng Nai",
    category: "SECURITY_SITUATION",
    audience: { communeId },
    autoPublish: false,
  });
  const { updateFeed } = await import("../modules/feeds/feeds.service");
  await updateFeed(deps, chief, feed.id, { enabled: false });
  return DEMO.length;
}
