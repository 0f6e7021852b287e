import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors";

/** Reads the single file field of a multipart request, or fails with a clear VALIDATION_FAILED. */
export async function readUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError("VALIDATION_FAILED", "Hãy gửi tệp dạng multipart/form-data, trường 'file'.", [
      { path: "file", message: "multipart expected" },
    ]);
  }
  const malformed = () =>
    new AppError("VALIDATION_FAILED", "Không đọc được tệp tải lên. Hãy thử lại.", [
      { path: "file", message: "malformed multipart" },
    ]);
  let file: Awaited<ReturnType<FastifyRequest["file"]>>;
  try {
    file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch {
    throw malformed();
  }
  if (!file) {
    throw new AppError("VALIDATION_FAILED", "Chưa chọn tệp.", [{ path: "file", message: "required" }]);
  }
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code !== "FST_REQ_FILE_TOO_LARGE") {
      // A cut-off or garbled multipart body is the client's shape, never a 500.
      throw malformed();
    }
    bytes = Buffer.alloc(0);
  }
  if (file.file.truncated) {
    throw new AppError("VALIDATION_FAILED", `Tệp lớn hơn ${Math.round(maxBytes / 1024 / 1024)} MB.`, [
      { path: "file", message: "too large" },
    ]);
  }
  return { fileName: file.filename || "upload", bytes };
}
