/**
 * The Đồng Tâm demo commune (DESIGN §5). Hamlet names and sizes are demo configuration, not facts
 * about the real commune (domain-vn req. 35: the real list comes from the commune's records).
 */
export const DEMO_PASSWORD = "binhyen-demo";

export const DEMO_PROVINCE = { name: "Đồng Nai", code: "75", validFrom: "2025-07-01" };

export const DEMO_COMMUNE = {
  name: "Đồng Tâm",
  kind: "XA" as const,
  validFrom: "2025-07-01",
  formerUnits: [
    { name: "xã Đồng Tâm", code: "25369", district: "huyện Đồng Phú, tỉnh Bình Phước" },
    { name: "xã Tân Phước", district: "huyện Đồng Phú, tỉnh Bình Phước" },
  ],
};

/** households = registered households; coverage = share of them with a consenting member. */
export const DEMO_HAMLETS = [
  { name: "Ấp Tân Phú", households: 262, coverage: 0.92 },
  { name: "Ấp Đồng Tiến", households: 238, coverage: 0.78 },
  { name: "Ấp Thắng Lợi", households: 221, coverage: 0.64 },
  { name: "Ấp Tân Hòa", households: 214, coverage: 0.51 },
  { name: "Ấp Cây Điệp", households: 233, coverage: 0.43 },
  { name: "Ấp Bàu Ké", households: 196, coverage: 0.3 },
  { name: "Ấp Suối Giai", households: 187, coverage: 0.86 },
];

/** A smaller neighbouring commune, so the province sees more than one and tenancy can be shown. */
export const DEMO_OTHER_COMMUNE = {
  name: "Tân Lợi",
  hamlets: [
    { name: "Ấp Tân Hưng", households: 120, coverage: 0.7 },
    { name: "Ấp Tân Lập", households: 95, coverage: 0.55 },
  ],
  chief: { name: "Mai Xuân Trường", phone: "0909100001" },
  leader: { name: "Lâm Thị Ngọc", phone: "0909100011" },
};

export const DEMO_ACCOUNTS = {
  province: { phone: "0900000009", name: "Hoàng Văn Sơn" },
  chief: { phone: "0900000001", name: "Lê Minh Tuấn" },
  deputy: { phone: "0900000002", name: "Trần Quốc Bảo" },
  /** Leaders by hamlet index; the first leads the first and the last hamlet (one person, several groups). */
  leaders: [
    { phone: "0900000011", name: "Phạm Văn Đức", hamlets: [0, 6] },
    { phone: "0900000012", name: "Võ Thị Hạnh", hamlets: [1] },
    { phone: "0900000013", name: "Nguyễn Thanh Phong", hamlets: [2] },
    { phone: "0900000014", name: "Đặng Hoàng Long", hamlets: [3] },
    { phone: "0900000015", name: "Bùi Thị Thu Trang", hamlets: [4] },
    { phone: "0900000016", name: "Huỳnh Tấn Lực", hamlets: [5] },
  ],
  groupDeputy: { phone: "0900000021", name: "Nguyễn Thị Lan", title: "PARTY_SECRETARY" as const },
  member: { phone: "0900000031", name: "Đỗ Văn Nam" },
};

export const FAMILY_NAMES = [
  ["Nguyễn", 30],
  ["Trần", 11],
  ["Lê", 9],
  ["Phạm", 7],
  ["Huỳnh", 5],
  ["Hoàng", 3],
  ["Phan", 4],
  ["Vũ", 2],
  ["Võ", 4],
  ["Đặng", 3],
  ["Bùi", 3],
  ["Đỗ", 3],
  ["Hồ", 2],
  ["Ngô", 2],
  ["Dương", 2],
  ["Lý", 1],
  ["Điểu", 2],
  ["Thị", 0],
  ["Lâm", 1],
  ["Châu", 1],
  ["Mai", 1],
  ["Đinh", 1],
  ["Trương", 2],
  ["Tô", 1],
] as const;
export const MALE_MIDDLE = [
  "Văn",
  "Văn",
  "Văn",
  "Hữu",
  "Minh",
  "Quốc",
  "Đức",
  "Thanh",
  "Công",
  "Ngọc",
  "Tấn",
  "Hoàng",
  "Xuân",
];
export const FEMALE_MIDDLE = [
  "Thị",
  "Thị",
  "Thị",
  "Thị Thu",
  "Ngọc",
  "Thanh",
  "Kim",
  "Thị Mỹ",
  "Hồng",
  "Bích",
];
export const MALE_GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đạt",
  "Hải",
  "Hiếu",
  "Hòa",
  "Hùng",
  "Huy",
  "Khang",
  "Khánh",
  "Lâm",
  "Lộc",
  "Long",
  "Minh",
  "Nam",
  "Nghĩa",
  "Phát",
  "Phúc",
  "Quang",
  "Sang",
  "Sơn",
  "Tài",
  "Tâm",
  "Thắng",
  "Thành",
  "Thịnh",
  "Tiến",
  "Toàn",
  "Trí",
  "Trung",
  "Tú",
  "Tuấn",
  "Việt",
  "Vinh",
  "Vũ",
];
export const FEMALE_GIVEN = [
  "An",
  "Anh",
  "Ánh",
  "Châu",
  "Diễm",
  "Dung",
  "Duyên",
  "Giang",
  "Hà",
  "Hạnh",
  "Hằng",
  "Hiền",
  "Hoa",
  "Hoà",
  "Hương",
  "Lan",
  "Liên",
  "Linh",
  "Loan",
  "Mai",
  "My",
  "Nga",
  "Ngân",
  "Ngọc",
  "Nhung",
  "Oanh",
  "Phượng",
  "Quyên",
  "Thảo",
  "Thu",
  "Thúy",
  "Trang",
  "Trinh",
  "Tuyết",
  "Uyên",
  "Vân",
  "Xuân",
  "Yến",
];
export const STREETS = [
  "đường ĐT741",
  "đường Đồng Tâm – Tân Phước",
  "đường liên ấp",
  "hẻm 3",
  "đường số 5",
  "đường vào suối",
];

/** Group rules (quy chế) of the demo groups, after the plan's II.5.2. */
export const DEMO_RULES = [
  "1. Nhóm dùng để Công an xã thông tin đến các hộ gia đình và tiếp nhận ý kiến của Nhân dân về an ninh, trật tự.",
  "2. Mỗi hộ gia đình cử ít nhất 01 người đại diện tham gia nhóm; dùng tên thật.",
  "3. Không đăng tin thất thiệt, nội dung trái pháp luật, quảng cáo, lừa đảo; không đăng thông tin thuộc bí mật Nhà nước.",
  "4. Thông tin tố giác, tin báo về tội phạm: KHÔNG đăng trong nhóm — nhắn riêng hoặc gọi cho Trưởng nhóm (Cảnh sát khu vực). Người báo tin được giữ bí mật.",
  "5. Chỉ Trưởng nhóm và Phó nhóm được đổi tên, ảnh đại diện, ảnh bìa và thông tin của nhóm.",
  "6. Thành viên vi phạm quy chế sẽ bị nhắc nhở, tạm khóa đăng bài hoặc mời ra khỏi nhóm.",
].join("\n");
