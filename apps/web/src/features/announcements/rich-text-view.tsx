import { Fragment, type ReactNode } from "react";
import { type Inline, parseRichText } from "./rich-text";

function renderInline(parts: readonly Inline[]): ReactNode[] {
  return parts.map((part, index) => {
    const key = `${index}-${part.kind}`;
    switch (part.kind) {
      case "strong":
        return <strong key={key}>{part.text}</strong>;
      case "em":
        return <em key={key}>{part.text}</em>;
      case "link":
        return (
          <a key={key} className="link" href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.href}
          </a>
        );
      default:
        return <Fragment key={key}>{part.text}</Fragment>;
    }
  });
}

/** An announcement's body, drawn from the parsed marks (never as HTML). */
export function RichText({ body, testId }: { body: string; testId?: string }) {
  const blocks = parseRichText(body);
  return (
    <div className="rich-text" data-testid={testId}>
      {blocks.map((block, index) =>
        block.kind === "list" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity but their place
          <ul key={index} className="rich-text__list">
            {block.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <li key={i}>{renderInline(item)}</li>
            ))}
          </ul>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <p key={index}>
            {block.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <Fragment key={i}>
                {i > 0 ? <br /> : null}
                {renderInline(line)}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
