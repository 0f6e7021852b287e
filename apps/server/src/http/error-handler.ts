import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError } from "../core/errors";

type Detail = { path: string; message: string };

function body(code: string, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, requestId, ...(details === undefined ? {} : { details }) } };
}

/** One error handler: AppError by its table, validation with the offending paths, nothing internal leaks. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) {
        void reply.headers(err.headers);
      }
      return reply.status(err.status).send(body(err.code, err.message, req.id, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details: Detail[] = err.validation.map((v) => ({
        path: `${err.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      }));
      const first = details[0];
      return reply
        .status(400)
        .send(
          body(
            "VALIDATION_FAILED",
            first ? `Dữ liệu không hợp lệ: ${first.path} — ${first.message}` : "Dữ liệu không hợp lệ.",
            req.id,
            details,
          ),
        );
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.message, url: req.routeOptions.url }, "response did not match its schema");
      return reply.status(500).send(body("INTERNAL", "Đã có lỗi xảy ra. Vui lòng thử lại.", req.id));
    }
    const status = (err as FastifyError).statusCode;
    if (status === 429) {
      return reply
        .status(429)
        .send(body("RATE_LIMITED", "Bạn thao tác quá nhiều lần. Vui lòng thử lại sau.", req.id));
    }
    if (status === 413) {
      return reply
        .status(413)
        .send(
          body("VALIDATION_FAILED", "Dữ liệu gửi lên quá lớn.", req.id, [
            { path: "body", message: "too large" },
          ]),
        );
    }
    if (typeof status === "number" && status >= 400 && status < 500) {
      // Malformed JSON, wrong content type, bad multipart: the shape of the request, never a 500.
      return reply
        .status(status === 404 ? 404 : 400)
        .send(
          body(status === 404 ? "NOT_FOUND" : "VALIDATION_FAILED", "Yêu cầu không hợp lệ.", req.id, [
            { path: "body", message: (err as FastifyError).code ?? "invalid" },
          ]),
        );
    }
    req.log.error({ err }, "unhandled error");
    return reply.status(500).send(body("INTERNAL", "Đã có lỗi xảy ra. Vui lòng thử lại.", req.id));
  });
}
