import { formatDateTime } from "../../i18n/format";

export interface ThreadMessage {
  key: string;
  /** Who wrote it, as the reader should see it ("Bạn", "Công an xã", an officer's name). */
  author: string;
  side: "reporter" | "officer";
  body: string;
  createdAt: string;
  /** A short marker shown beside the author, e.g. "Ghi chú nội bộ". */
  tag?: string | undefined;
}

/** A conversation, oldest first: the reporter's messages on one side, the police's on the other. */
export function Thread({
  messages,
  ownSide,
  testId,
}: {
  messages: readonly ThreadMessage[];
  /** Whose messages sit on the right: the reader's own side. */
  ownSide: "reporter" | "officer";
  testId: string;
}) {
  return (
    <ol className="thread" data-testid={testId}>
      {messages.map((m) => (
        <li
          key={m.key}
          className={[
            "thread__msg",
            m.side === ownSide ? "thread__msg--own" : "thread__msg--other",
            m.tag ? "thread__msg--tagged" : "",
          ]
            .filter(Boolean)
            .join(" ")}
          data-testid={`${testId}-message`}
          data-side={m.side}
        >
          <p className="thread__meta">
            <span className="thread__author">{m.author}</span>
            {m.tag ? <span className="badge badge--warning">{m.tag}</span> : null}
            <time className="thread__time" dateTime={m.createdAt}>
              {formatDateTime(m.createdAt)}
            </time>
          </p>
          <p className="thread__body prose">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
