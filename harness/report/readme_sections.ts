// Generated sections of a Markdown file: the text between `<!-- generated: NAME -->` and
// `<!-- /generated -->`, which `report readme` rewrites and `--check` compares.

/** The line that opens generated section `name`. */
export function generatedStart(name: string): string {
  return `<!-- generated: ${name} -->`;
}

/** The line that closes a generated section. */
export const GENERATED_END = "<!-- /generated -->";

const START = /^<!-- generated: ([a-z0-9-]+) -->$/;

/** One generated section found in a file: its name and the lines it spans. */
export interface GeneratedSpan {
  /** The section's name (`findings`). */
  name: string;
  /** 0-based index of its start marker line. */
  start: number;
  /** 0-based index of its end marker line. */
  end: number;
  /** The text between the markers, as it is now. */
  body: string;
}

/**
 * Every generated section of a file, in order.
 *
 * @throws {SyntaxError} naming `file` and line for an unclosed section, a stray end marker, a
 * section opened inside another, or one name used twice.
 * @example
 * ```ts
 * import { generatedSpans } from "./readme_sections.ts";
 * const text = "# R\n<!-- generated: findings -->\nold\n<!-- /generated -->\n";
 * console.log(generatedSpans(text, "README.md").map((s) => [s.name, s.body])); // [["findings", "old"]]
 * ```
 */
export function generatedSpans(text: string, file: string): GeneratedSpan[] {
  const lines = text.split("\n");
  const spans: GeneratedSpan[] = [];
  let open: { name: string; start: number } | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const m = START.exec(line);
    if (m) {
      if (open) {
        throw new SyntaxError(
          `${file}:${i + 1}: section "${
            m[1]
          }" opens inside section "${open.name}" (opened at line ${
            open.start + 1
          }): close it first with ${GENERATED_END}`,
        );
      }
      if (spans.some((s) => s.name === m[1])) {
        throw new SyntaxError(`${file}:${i + 1}: generated section "${m[1]}" appears twice`);
      }
      open = { name: m[1], start: i };
    } else if (line === GENERATED_END) {
      if (!open) throw new SyntaxError(`${file}:${i + 1}: ${GENERATED_END} closes no section`);
      spans.push({
        ...open,
        end: i,
        body: lines.slice(open.start + 1, i).join("\n"),
      });
      open = undefined;
    }
  });
  if (open) {
    throw new SyntaxError(
      `${file}:${open.start + 1}: section "${open.name}" is not closed (add ${GENERATED_END})`,
    );
  }
  return spans;
}

/**
 * The body a section gets: its content between blank lines (so Markdown sees the table),
 * fenced off from `deno fmt`, which would re-wrap and re-pad it and make `--check` fail.
 */
function bodyOf(content: string): string {
  return `${FMT_IGNORE_START}\n\n${content.trim()}\n\n${FMT_IGNORE_END}`;
}

const FMT_IGNORE_START = "<!-- deno-fmt-ignore-start -->";
const FMT_IGNORE_END = "<!-- deno-fmt-ignore-end -->";

/** A whole generated section, markers included, as `--write` leaves it in a file. */
export function generatedBlock(name: string, content: string): string {
  return `${generatedStart(name)}\n${bodyOf(content)}\n${GENERATED_END}`;
}

/** What {@linkcode replaceGenerated} did. */
export interface ReplaceOutcome {
  /** The file's new text. */
  text: string;
  /** The sections whose text changed (empty: the file was up to date). */
  changed: string[];
}

/**
 * Rewrite the generated sections of a file with `sections` (name → Markdown), leaving every
 * other line as it was; idempotent (a second call changes nothing).
 *
 * @throws {SyntaxError} naming `file` (and line) for malformed markers (see
 * {@linkcode generatedSpans}), a section the file lacks, or one `sections` does not know.
 * @example
 * ```ts
 * import { replaceGenerated } from "./readme_sections.ts";
 * const text = "# R\n<!-- generated: findings -->\nold\n<!-- /generated -->\n";
 * const out = replaceGenerated(text, { findings: "| a |" }, "README.md");
 * console.log(out.changed, JSON.stringify(out.text));
 * // ["findings"] "# R\n<!-- generated: findings -->\n<!-- deno-fmt-ignore-start -->\n\n| a |\n\n<!-- deno-fmt-ignore-end -->\n<!-- /generated -->\n"
 * ```
 */
export function replaceGenerated(
  text: string,
  sections: Readonly<Record<string, string>>,
  file: string,
): ReplaceOutcome {
  const spans = generatedSpans(text, file);
  for (const s of spans) {
    if (!Object.hasOwn(sections, s.name)) {
      throw new SyntaxError(
        `${file}:${s.start + 1}: unknown generated section "${s.name}" (known: ${
          Object.keys(sections).join(", ")
        })`,
      );
    }
  }
  const missing = Object.keys(sections).filter((n) => !spans.some((s) => s.name === n));
  if (missing.length) {
    throw new SyntaxError(
      `${file}: no generated section ${missing.map((n) => `"${n}"`).join(", ")}: add the lines ${
        generatedStart(missing[0])
      } and ${GENERATED_END} where it goes`,
    );
  }
  const lines = text.split("\n");
  const changed: string[] = [];
  // From the last section back, so the earlier spans' line numbers stay right.
  for (const s of [...spans].reverse()) {
    const body = bodyOf(sections[s.name]);
    if (body !== s.body) changed.unshift(s.name);
    lines.splice(s.start + 1, s.end - s.start - 1, body);
  }
  return { text: lines.join("\n"), changed };
}
