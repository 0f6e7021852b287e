import { ANNOUNCEMENT_TEMPLATES, type TContentFinding } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import { searchKey } from "../../core/text";
import {
  type ContentCheckInput,
  checkAnnouncementContent,
  findSecrecyMarkings,
  type ProtectedPerson,
} from "./content-check";

const check = (text: string, extra: Partial<ContentCheckInput> = {}): TContentFinding[] =>
  checkAnnouncementContent({
    fields: [{ field: "body", text }],
    protectedPeople: [],
    allowedPhones: [],
    ...extra,
  });

const rules = (findings: TContentFinding[]) => findings.map((f) => f.rule);

describe("PHONE_NUMBER", () => {
  it.each([
    ["Gọi 0912345678 để được hỗ trợ", "0912345678"],
    ["Anh Tư: 0912 345 678", "0912 345 678"],
    ["Zalo 0912.345.678 (anh Tư)", "0912.345.678"],
    ["SĐT:0912-345-678", "0912-345-678"],
    ["ĐT 091 234 5678", "091 234 5678"],
    ["ĐT (091) 234-5678", "(091) 234-5678"],
    ["ĐT 0912 34 56 78", "0912 34 56 78"],
    ["ĐT 09.12.34.56.78", "09.12.34.56.78"],
    ["Liên hệ +84 912 345 678", "+84 912 345 678"],
    ["Liên hệ +84912345678", "+84912345678"],
    ["Liên hệ 84912345678", "84912345678"],
    ["Liên hệ (+84) 912 345 678", "(+84) 912 345 678"],
    ["Liên hệ 0084 912 345 678", "0084 912 345 678"],
    ["số cũ 01699 333 999", "01699 333 999"],
    ["số cũ 0169.9333.999", "0169.9333.999"],
    ["Điện thoại bàn 0251 3822 123", "0251 3822 123"],
    ["Điện thoại bàn 02513822123", "02513822123"],
    ["Điện thoại bàn (0251) 3822.123", "(0251) 3822.123"],
    ["Văn phòng 028 3822 1234", "028 3822 1234"],
    ["Văn phòng 024 3825 1234", "024 3825 1234"],
    ["nhắn 0 9 1 2 3 4 5 6 7 8 nhé", "0 9 1 2 3 4 5 6 7 8"],
    ["nhắn 0-9-1-2-3-4-5-6-7-8 nhé", "0-9-1-2-3-4-5-6-7-8"],
    ["nhắn 0912\u200b345\u200b678 nhé", "0912\u200b345\u200b678"],
    ["nhắn ０９１２３４５６７８ nhé", "0912345678"],
    ["Số mới 0987654321.", "0987654321"],
    ["Gọi 0912345678 đồng chí Tư", "0912345678"],
  ])("%s", (text, excerpt) => {
    const findings = check(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "PHONE_NUMBER", field: "body", excerpt });
    expect(findings[0]?.message).toMatch(
      /^Nội dung có số điện thoại \(0\d{3}…\)\. Không đăng số điện thoại cá nhân/,
    );
  });

  it("works on NFD text", () => {
    const findings = check("Liên hệ anh Tư ở ấp Đồng Tâm: 0912 345 678".normalize("NFD"));
    expect(rules(findings)).toEqual(["PHONE_NUMBER"]);
    expect(findings[0]?.excerpt).toBe("0912 345 678");
  });

  it("finds two numbers written next to each other", () => {
    const findings = check("Liên hệ 0912 345 678 - 0251 3822 123");
    expect(findings.map((f) => f.excerpt)).toEqual(["0912 345 678", "0251 3822 123"]);
  });

  it("finds a number after a time or a date", () => {
    expect(check("Lúc 08.30 0912345678").map((f) => f.excerpt)).toEqual(["0912345678"]);
    expect(check("Ngày 12.11.2026 0912345678").map((f) => f.excerpt)).toEqual(["0912345678"]);
  });

  it("reports one number once per field, in whatever format it was repeated", () => {
    const findings = checkAnnouncementContent({
      fields: [
        { field: "title", text: "Gọi 0912345678" },
        { field: "body", text: "Gọi 0912345678 hoặc 0912.345.678 hoặc +84 912 345 678" },
      ],
      protectedPeople: [],
      allowedPhones: [],
    });
    expect(findings.map((f) => [f.field, f.rule])).toEqual([
      ["title", "PHONE_NUMBER"],
      ["body", "PHONE_NUMBER"],
    ]);
  });

  it("allows the commune police's own published numbers, in any format", () => {
    const allowedPhones = ["0251 3822 123", "+84 987 000 113"];
    expect(check("Trực ban: (0251) 3822.123 hoặc 0987000113", { allowedPhones })).toEqual([]);
    expect(check("Trực ban 02513822123, anh Tư 0912345678", { allowedPhones }).map((f) => f.excerpt)).toEqual(
      ["0912345678"],
    );
  });

  it.each([
    "Khi có cháy, gọi 114; cấp cứu 115; báo công an 113; cứu nạn 112; trẻ em 111.",
    "Ngày 12/11/2026 họp tại nhà văn hoá.",
    "Từ ngày 05.01.2026 đến ngày 09.01.2026 lúc 08.30",
    "Từ 12-11-2026 đến 20-11-2026",
    "Mức phạt từ 500.000 đồng đến 1.500.000 đồng.",
    "Tổng kinh phí 15.000.000.000 đồng, trong đó 84.900.000.000 đồng ngân sách.",
    "Giá 84900000 đồng",
    "Năm 2025 và năm 2026, 1.200 hộ, tổ 12 ấp 3.",
    "Giờ làm việc 7:30 - 11:30 và 13:30 - 17:00, tối 20h30.",
    "Tổng đài 1900 1234 và 1800 599 920 miễn phí.",
    "Mã số thuế 0312345678.",
    "Quyết định số 05/QĐ-UBND ngày 29/9/2025.",
    "912345678",
    "0123 456 789",
    "Số tài khoản 19033456789012",
    "Điểm 0,5; 1,25; 2.5",
  ])("no phone in %j", (text) => {
    expect(check(text)).toEqual([]);
  });
});

describe("CITIZEN_ID", () => {
  it.each([
    ["Anh A, CCCD 079123456789", "079******789"],
    ["số 079 123 456 789 của anh A", "079******789"],
    ["079.123.456.789", "079******789"],
    ["079-123-456-789", "079******789"],
    ["0791 2345 6789", "079******789"],
    ["0 7 9 1 2 3 4 5 6 7 8 9", "079******789"],
    ["CCCD: 001099012345", "001******345"],
    ["Căn cước công dân số 123456789012", "123******012"],
    ["Số định danh cá nhân: 096 200 012 345", "096******345"],
    ["Số CMND 271 234 567", "271***567"],
    ["CMT: 271234567", "271***567"],
    ["chứng minh nhân dân số 271234567", "271***567"],
    ["chung minh nhan dan so 271.234.567", "271***567"],
    ["CMND/CCCD: 079123456789", "079******789"],
  ])("%s", (text, excerpt) => {
    const findings = check(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "CITIZEN_ID", field: "body", excerpt });
    expect(findings[0]?.message).toContain("dữ liệu cá nhân được pháp luật bảo vệ");
  });

  it("names the document in the message", () => {
    expect(check("CMND 271234567")[0]?.message).toMatch(/^Nội dung có số chứng minh nhân dân/);
    expect(check("CCCD 079123456789")[0]?.message).toMatch(/^Nội dung có số căn cước công dân/);
  });

  it("finds an ID and a phone written together", () => {
    expect(rules(check("CCCD 079123456789 - 0912345678"))).toEqual(["CITIZEN_ID", "PHONE_NUMBER"]);
  });

  it("works on NFD text", () => {
    expect(rules(check("Số căn cước của ông: 079 123 456 789".normalize("NFD")))).toEqual(["CITIZEN_ID"]);
  });

  it.each([
    "Mã hồ sơ 271234567",
    "Mã 123456789012",
    "Mã 979123456789",
    "Thu 123.456.789.012 đồng",
    "Kinh phí 100.000.000.000 đồng",
    "Số tài khoản 0791234567890123",
    "Tổng 234 567 891 hộ",
  ])("no ID in %j", (text) => {
    expect(check(text).filter((f) => f.rule === "CITIZEN_ID")).toEqual([]);
  });
});

describe("REPORT_PERSON", () => {
  const informant: ProtectedPerson = { name: "Nguyễn Văn An", phone: "0987654321" };
  const suspect: ProtectedPerson = { name: "Trần Thị Bích Hằng", phone: "+84 912 000 111" };
  const protectedPeople: ProtectedPerson[] = [informant, suspect, { name: "Hùng" }, { name: "  " }, {}];
  const checkP = (text: string) => check(text, { protectedPeople });

  it.each([
    ["Ông Nguyễn Văn An, ấp 3", "N** V** A**"],
    ["ÔNG NGUYỄN VĂN AN", "N** V** A**"],
    ["ong nguyen van an o ap 3", "n** v** a**"],
    ["ông Nguyen  Van\nAn ở ấp 3", "N** V** A**"],
    ["ông Nguyễn Văn An.".normalize("NFD"), "N** V** A**"],
    ["ông Nguyễn\u200bVăn\u200bAn", "N** V** A**"],
    ["bà Trần Thị Bích Hằng", "T** T** B** H**"],
    ["accent-insensitive: Nguyễn Văn Ân", "N** V** Â**"],
    ["ba tran thi bich hang", "t** t** b** h**"],
    ["Gọi 0987 654 321", "09******21"],
    ["Gọi +84 987 654 321", "09******21"],
    ["Gọi 84987654321", "09******21"],
    ["Gọi 0987.654.321", "09******21"],
    ["Gọi 0912000111", "09******11"],
  ])("%s", (text, excerpt) => {
    const findings = checkP(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "REPORT_PERSON", field: "body", excerpt });
  });

  it("never reveals the name or the phone, nor whether the person is an informant or a suspect", () => {
    const text =
      "Ông Nguyễn Văn An (0987 654 321) và bà TRAN THI BICH HANG, số +84 912 000 111, đã liên hệ Công an xã.";
    const findings = checkP(text);
    expect(rules(findings)).toEqual(["REPORT_PERSON", "REPORT_PERSON", "REPORT_PERSON", "REPORT_PERSON"]);
    const json = JSON.stringify(findings);
    expect(searchKey(json)).not.toContain("nguyen van an");
    expect(searchKey(json)).not.toContain("tran thi bich hang");
    expect(json.replace(/\D/g, "")).not.toContain("987654321");
    expect(json.replace(/\D/g, "")).not.toContain("912000111");
    // One message for everyone, naming no role.
    expect(new Set(findings.map((f) => f.message)).size).toBe(1);
    expect(findings[0]?.message).toMatch(/^Thông báo nhắc đến một người có liên quan đến tin báo đang xử lý/);
    expect(findings[0]?.message).not.toMatch(/báo tin|tố giác|nghi phạm|đối tượng|bị can/i);
  });

  it("reports a protected phone as REPORT_PERSON only, never also as a plain phone with the digits", () => {
    expect(rules(checkP("Liên hệ 0987654321"))).toEqual(["REPORT_PERSON"]);
  });

  it.each([
    "Ông Nguyễn Văn Anh ở ấp 3",
    "Anh Văn An ở ấp 3",
    "Nguyễn Văn Ba và Trần Văn An",
    "Anh Hùng tổ 5 đã nhặt được ví",
    "Trần Thị Bích",
    "Gọi 0987654322",
  ])("no protected person in %j", (text) => {
    expect(checkP(text).filter((f) => f.rule === "REPORT_PERSON")).toEqual([]);
  });

  it("finds two protected names that overlap in the text", () => {
    const findings = check("Ông Lê Văn Tám Hai", {
      protectedPeople: [{ name: "Lê Văn Tám" }, { name: "Văn Tám Hai" }],
    });
    expect(findings.map((f) => f.excerpt)).toEqual(["L** V** T**", "V** T** H**"]);
  });

  it("checks a long post against hundreds of protected people quickly", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      name: `Nguyễn Văn Người${i}`,
      phone: `09${10000000 + i}`,
    }));
    const body = `${"Đề nghị bà con cảnh giác, gọi 114 khi có cháy. ".repeat(200)}Nguyễn Văn Người77`;
    const started = performance.now();
    const findings = check(body, { protectedPeople: many });
    expect(findings.map((f) => f.rule)).toEqual(["REPORT_PERSON"]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("lets the published duty number through even if it was also recorded on a report", () => {
    const findings = check("Trực ban 0987654321", { protectedPeople, allowedPhones: ["0987654321"] });
    expect(findings).toEqual([]);
  });
});

describe("SECRECY_MARKING", () => {
  it.each([
    ["TUYỆT MẬT", "TUYỆT MẬT"],
    ["Tuyệt mật", "Tuyệt mật"],
    ["Tài liệu tuyệt mật về kế hoạch", "tuyệt mật"],
    ["TỐI MẬT\nKế hoạch tuần tra", "TỐI MẬT"],
    ["Tối Mật", "Tối Mật"],
    ["TỐI\nMẬT", "TỐI MẬT"],
    ["TUYET MAT", "TUYET MAT"],
    ["KE HOACH - TOI MAT", "TOI MAT"],
    ["MẬT\nKế hoạch truy bắt", "MẬT"],
    ["Độ mật: MẬT", "MẬT"],
    ["Kế hoạch MẬT số 12", "MẬT"],
    ["[MẬT]", "MẬT"],
    ["Mật\nKế hoạch", "Mật"],
    ["- MAT -\nKe hoach", "MAT"],
    ["LƯU HÀNH NỘI BỘ", "LƯU HÀNH NỘI BỘ"],
    ["Tài liệu lưu hành nội bộ", "lưu hành nội bộ"],
    ["LUU HANH NOI BO", "LUU HANH NOI BO"],
    ["XEM XONG TRẢ LẠI", "XEM XONG TRẢ LẠI"],
    ["XEM XONG TRA LAI", "XEM XONG TRA LAI"],
    ["ＴＵＹＥＴ ＭＡＴ", "TUYET MAT"],
  ])("%s", (text, excerpt) => {
    const findings = check(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "SECRECY_MARKING", field: "body", excerpt });
    expect(findings[0]?.message).toContain("29/2018/QH14");
    expect(findings[0]?.message).toContain("không phải kênh");
  });

  it("works on NFD text", () => {
    expect(rules(check("TUYỆT MẬT\nKế hoạch".normalize("NFD")))).toEqual(["SECRECY_MARKING"]);
    expect(rules(check("Kế hoạch MẬT".normalize("NFD")))).toEqual(["SECRECY_MARKING"]);
  });

  it("explains restricted stamps differently from state-secret grades", () => {
    expect(check("LƯU HÀNH NỘI BỘ")[0]?.message).toContain("hạn chế phạm vi phát hành");
    expect(check("TỐI MẬT")[0]?.message).toContain("dấu độ mật");
  });

  it("lists each marking once", () => {
    expect(check("TUYỆT MẬT\n...\nTuyệt mật\nTUYET MAT").map((f) => f.excerpt)).toEqual(["TUYỆT MẬT"]);
  });

  it.each([
    "Người báo tin được giữ bí mật.",
    "giữ bí mật cho người báo tin",
    "Thông tin người cung cấp được giữ tuyệt mật.",
    "Không cung cấp mật khẩu, mã OTP cho người lạ.",
    "KHÔNG CUNG CẤP MẬT KHẨU, MÃ OTP",
    "GIỮ BÍ MẬT THÔNG TIN NGƯỜI BÁO TIN",
    "BẢO MẬT TÀI KHOẢN NGÂN HÀNG",
    "MẬT ĐỘ GIAO THÔNG TĂNG",
    "Mật ong rừng, mật độ dân cư, thân mật, bí mật",
    "Buổi tối mật độ xe rất đông",
    "mat khau, Mat, matkhau, Material, AUTOMAT",
    "tuyet mat",
    "Bà con xem xong trả lại phiếu cho tổ trưởng.",
    "Xem xong trả lại cho Công an xã",
  ])("no marking in %j", (text) => {
    expect(check(text)).toEqual([]);
  });

  it("findSecrecyMarkings names the field it was given", () => {
    expect(findSecrecyMarkings("file:Kế hoạch MẬT.pdf", "Kế hoạch MẬT.pdf")).toEqual([
      expect.objectContaining({ rule: "SECRECY_MARKING", field: "file:Kế hoạch MẬT.pdf", excerpt: "MẬT" }),
    ]);
    expect(findSecrecyMarkings("file:x", "Kế hoạch phòng cháy")).toEqual([]);
  });
});

describe("realistic announcements", () => {
  it.each(Object.entries(ANNOUNCEMENT_TEMPLATES))("the %s template passes clean", (_, t) => {
    expect(
      checkAnnouncementContent({
        fields: [
          { field: "title", text: t.title },
          { field: "body", text: t.body },
        ],
        protectedPeople: [{ name: "Nguyễn Văn An", phone: "0987654321" }],
        allowedPhones: [],
      }),
    ).toEqual([]);
  });

  it.each([
    [
      "fire safety",
      "Phòng cháy, chữa cháy mùa khô 2026\n\nVào lúc 20:30 ngày 12/11/2026, tại tổ 5 ấp 3 xảy ra vụ cháy nhà, " +
        "thiệt hại khoảng 500.000 đồng tài sản. Đề nghị các hộ gia đình:\n- Tắt thiết bị điện khi ra khỏi nhà\n" +
        "- Trang bị bình chữa cháy (giá khoảng 350.000 đồng/bình)\n\nKhi có cháy, gọi **114**. Cấp cứu gọi 115.",
    ],
    [
      "administrative procedure",
      "Công an xã Đồng Tâm thông báo: từ ngày 05/01/2026 đến ngày 09/01/2026, tiếp nhận hồ sơ cấp thẻ căn cước " +
        "từ 7h30 đến 17h00 tại trụ sở. Lệ phí 50.000 đồng/thẻ. Trực ban: 0251 3822 123.",
    ],
    [
      "fraud warning",
      "CẢNH BÁO LỪA ĐẢO QUA ĐIỆN THOẠI\nĐối tượng giả danh Công an gọi điện yêu cầu chuyển 15.000.000 đồng. " +
        "KHÔNG CUNG CẤP MẬT KHẨU, MÃ OTP. Người báo tin được giữ bí mật. Mọi thắc mắc gọi 113.",
    ],
  ])("%s passes clean", (_, body) => {
    expect(
      checkAnnouncementContent({
        fields: [{ field: "body", text: body }],
        protectedPeople: [{ name: "Nguyễn Văn An", phone: "0987654321" }, { name: "Lê Thị Hoa" }],
        allowedPhones: ["02513822123"],
      }),
    ).toEqual([]);
  });

  it("a leaked draft trips every rule, each naming its field", () => {
    const findings = checkAnnouncementContent({
      fields: [
        { field: "title", text: "TỐI MẬT - Kế hoạch" },
        {
          field: "body",
          text: "Ông Lê Văn Tám (CCCD 079 123 456 789) gọi 0912 345 678 báo về ông le van tam.",
        },
        { field: "notice.description", text: "Liên hệ 0912345678" },
      ],
      protectedPeople: [{ name: "Lê Văn Tám" }],
      allowedPhones: [],
    });
    expect(findings.map((f) => [f.field, f.rule])).toEqual([
      ["title", "SECRECY_MARKING"],
      ["body", "REPORT_PERSON"],
      ["body", "CITIZEN_ID"],
      ["body", "PHONE_NUMBER"],
      ["notice.description", "PHONE_NUMBER"],
    ]);
    expect(searchKey(JSON.stringify(findings))).not.toContain("le van tam");
  });
});
