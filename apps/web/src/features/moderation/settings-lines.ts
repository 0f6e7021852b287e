/** One entry a line, trimmed, empty lines and repeats dropped. */
export function linesOf(text: string): string[] {
  return [...new Set(text.split("\n").map((line) => line.trim()))].filter(Boolean);
}
