import type { TErrorCode } from "@binhyen/contracts";

export const HTTP_STATUS: Record<TErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TOTP_REQUIRED: 401,
  VALIDATION_FAILED: 400,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  CONTENT_BLOCKED: 422,
  RATE_LIMITED: 429,
  PROOF_OF_WORK_REQUIRED: 428,
  CHANNEL_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Default Vietnamese messages; callers may pass a more precise one. */
const DEFAULT_MESSAGE: Record<TErrorCode, string> = {
  NOT_FOUND: "Không tìm thấy.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
  UNAUTHENTICATED: "Bạn cần đăng nhập.",
  TOTP_REQUIRED: "Nhập mã xác thực 6 số từ ứng dụng xác thực.",
  VALIDATION_FAILED: "Dữ liệu không hợp lệ.",
  CONFLICT: "Dữ liệu bị trùng hoặc đã thay đổi.",
  INVALID_TRANSITION: "Không thể chuyển sang trạng thái này.",
  CONTENT_BLOCKED: "Nội dung bị chặn theo quy định.",
  RATE_LIMITED: "Bạn thao tác quá nhiều lần. Vui lòng thử lại sau.",
  PROOF_OF_WORK_REQUIRED:
    "Hệ thống đang nhận nhiều tin báo: máy của bạn cần xác minh chống gửi tự động vài giây rồi gửi lại.",
  CHANNEL_UNAVAILABLE: "Kênh gửi tạm thời không dùng được.",
  INTERNAL: "Đã có lỗi xảy ra. Vui lòng thử lại.",
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: TErrorCode,
    message?: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.status = HTTP_STATUS[code];
  }
}

export const notFound = (message?: string) => new AppError("NOT_FOUND", message);
export const forbidden = (message?: string) => new AppError("FORBIDDEN", message);
export const conflict = (message?: string, details?: unknown) => new AppError("CONFLICT", message, details);
export const validation = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path}: ${message}`, [{ path, message }]);
