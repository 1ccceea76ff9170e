// Markdown building blocks shared by the Markdown report and the README's generated tables.

/** Escape text for a Markdown table cell (pipes and line breaks would end the cell). */
export function mdCell(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\r?\n/g, " ");
}

/** A code span that survives backticks inside the text. */
export function mdCode(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function mdBlock(text: string, lang = ""): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text.trimEnd()}\n${fence}`;
}

/**
 * A GFM table: a header row, the alignment row (`"---"`, `":-:"`, …) and the rows, cells
 * already escaped.
 *
 * @example
 * ```ts
 * import { mdTable } from "./markdown_text.ts";
 * console.log(mdTable(["a", "b"], ["---", "---"], [["1", "2"]]));
 * // | a | b |
 * // |---|---|
 * // | 1 | 2 |
 * ```
 */
export function mdTable(head: string[], align: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
