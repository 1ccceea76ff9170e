/**
 * A reader for the man(7) roff that Pod::Man writes (every OpenSSL man page), into plain text.
 * It knows the requests and escapes those pages use and drops the rest: it is not troff, only
 * enough of it to read the words as `man` would show them, without `man`.
 *
 * @module
 */

/** One block of a page: a heading, a filled paragraph, an item label or verbatim lines. */
export interface RoffBlock {
  /** What the block is. */
  kind: "heading" | "subheading" | "paragraph" | "item" | "verbatim";
  /** The text: one line for everything but `verbatim`, which keeps its lines. */
  text: string;
  /** True for a paragraph that belongs to the item before it (indented under its label). */
  inItem?: boolean;
}

/** A page read from roff. */
export interface RoffPage {
  /** The `.TH` title ("SSL_CTX_SET_TIMEOUT"), or "" when there is none. */
  title: string;
  /** The `.TH` section ("3SSL"). */
  section: string;
  /** The version field of `.TH` ("3.0.20"), when given. */
  version?: string;
  /** The page's blocks in order. */
  blocks: RoffBlock[];
  /** The target of a `.so` request, when the page is only a link to another page. */
  so?: string;
}

/** Special characters (`\(xx`, `\[xx]`) as plain text. */
const CHARS: Record<string, string> = {
  aq: "'",
  dq: '"',
  lq: '"',
  rq: '"',
  oq: "'",
  cq: "'",
  em: "--",
  en: "-",
  hy: "-",
  mi: "-",
  bu: "*",
  co: "(C)",
  rg: "(R)",
  tm: "(TM)",
  ga: "`",
  ti: "~",
  ha: "^",
  rs: "\\",
  bv: "|",
  ba: "|",
  sl: "/",
  pl: "+",
  eq: "=",
  lt: "<",
  gt: ">",
  "<=": "<=",
  ">=": ">=",
  "->": "->",
  "<-": "<-",
  "*W": "",
};

/** Predefined strings (`\*(xx`): Pod::Man's nroff definitions, quotes kept as plain quotes. */
const STRINGS: Record<string, string> = {
  Aq: "'",
  "C`": '"',
  "C'": '"',
  'L"': '"',
  'R"': '"',
  "--": "--",
  PI: "pi",
  Tm: "(TM)",
};

/**
 * Replace the escapes of one line of text with plain characters: font changes, size changes and
 * zero-width marks vanish, special characters become ASCII, `\e` is a backslash.
 *
 * @example
 * ```ts
 * import { unescapeRoff } from "./roff.ts";
 * console.log(unescapeRoff("\\&\\fBSSL_free()\\fR\\|(3) \\- frees")); // SSL_free()(3) - frees
 * ```
 */
export function unescapeRoff(line: string): string {
  let out = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = line[++i];
    if (n === undefined) break; // a trailing backslash continues the line: nothing to add
    switch (n) {
      case "&":
      case "|":
      case "^":
      case ",":
      case "/":
      case "c":
      case ")":
      case "%":
        break;
      case "e":
      case "\\":
        out += "\\";
        break;
      case "-":
        out += "-";
        break;
      case " ":
      case "~":
      case "0":
        out += " ";
        break;
      case "t":
        out += "\t";
        break;
      case ".":
        out += ".";
        break;
      case "'":
        out += "'";
        break;
      case "`":
        out += "`";
        break;
      case '"':
        return out; // a comment to the end of the line
      case "f":
      case "F": {
        const [, next] = argument(line, i + 1);
        i = next - 1;
        break;
      }
      case "s": {
        // \s-1, \s+2, \s0, \s(12, \s[12]
        let j = i + 1;
        if (line[j] === "+" || line[j] === "-") j++;
        if (line[j] === "(") j += 3;
        else if (line[j] === "[") j = line.indexOf("]", j) + 1 || line.length;
        else while (j < line.length && /\d/.test(line[j]) && j < i + 3) j++;
        i = j - 1;
        break;
      }
      case "(": {
        out += CHARS[line.slice(i + 1, i + 3)] ?? "";
        i += 2;
        break;
      }
      case "[": {
        const end = line.indexOf("]", i);
        const name = end < 0 ? "" : line.slice(i + 1, end);
        out += CHARS[name] ??
          (/^u[0-9A-F]{4,}$/.test(name) ? String.fromCodePoint(parseInt(name.slice(1), 16)) : "");
        i = end < 0 ? line.length : end;
        break;
      }
      case "*": {
        const [name, next] = argument(line, i + 1);
        out += STRINGS[name] ?? "";
        i = next - 1;
        break;
      }
      case "n":
      case "k":
      case "g": {
        const [, next] = argument(line, i + 1);
        i = next - 1;
        break;
      }
      case "h":
      case "v":
      case "w":
      case "o":
      case "l":
      case "L":
      case "x":
      case "X":
      case "N":
      case "D":
      case "b":
      case "Z":
      case "H":
      case "S":
      case "R":
      case "A": {
        // \h'…' and friends take a quoted argument; \w'…' has a width, not text.
        const q = line[i + 1];
        const end = q ? line.indexOf(q, i + 2) : -1;
        i = end < 0 ? line.length : end;
        break;
      }
      case "z":
        break; // zero-width: the next character still prints
      case "u":
      case "d":
      case "{":
      case "}":
      case "p":
      case "r":
        break;
      default:
        out += n;
    }
  }
  return out;
}

/** A one-character, `(xx` or `[name]` escape argument starting at `i`: [name, index after]. */
function argument(line: string, i: number): [string, number] {
  if (line[i] === "(") return [line.slice(i + 1, i + 3), i + 3];
  if (line[i] === "[") {
    const end = line.indexOf("]", i);
    return end < 0 ? [line.slice(i + 1), line.length] : [line.slice(i + 1, end), end + 1];
  }
  return [line[i] ?? "", i + 1];
}

/** Split a request's arguments: words, or double-quoted strings (`""` inside is a quote). */
function requestArgs(rest: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (rest[i] === " " || rest[i] === "\t") i++;
    if (i >= rest.length) break;
    if (rest[i] === '"') {
      let s = "";
      i++;
      while (i < rest.length) {
        if (rest[i] === '"' && rest[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (rest[i] === '"') {
          i++;
          break;
        } else s += rest[i++];
      }
      args.push(s);
    } else {
      let s = "";
      while (i < rest.length && rest[i] !== " " && rest[i] !== "\t") s += rest[i++];
      args.push(s);
    }
  }
  return args;
}

/** Requests that only change layout or define things: nothing to read in them. */
const IGNORED = new Set([
  "IX",
  "ft",
  "ne",
  "nh",
  "hy",
  "ad",
  "na",
  "ds",
  "nr",
  "rr",
  "tr",
  "in",
  "ti",
  "ll",
  "ta",
  "rm",
  "ns",
  "rs",
  "so_",
  "RS",
  "RE",
  "UC",
  "PD",
  "cs",
  "ss",
  "fam",
  "lf",
  "mso",
  "pc",
  "tm",
  "ev",
  "am",
  "ig_",
  "ec",
  "eo",
  "fc",
  "lg",
  "bd",
  "ul",
  "cu",
  "vs",
  "ls",
  "ps",
  "po",
  "pl",
  "bp",
  "pn",
  "nx",
  "ch",
  "wh",
  "it",
  "ce",
]);

/**
 * Read a man(7) page written in roff into blocks. Macro definitions (`.de` … `..`), conditionals
 * (`.if`/`.ie`/`.el`, with their `\{ … \}` bodies) and layout requests are skipped; `.SH`/`.SS`
 * are headings, `.PP`/`.Sp`/`.br` end a paragraph, `.IP` starts an item, `.Vb`/`.Ve` and
 * `.nf`/`.fi` keep lines as they are; text lines of a paragraph are joined with a space.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and line when a `.de` or `\{` block is never closed.
 * @example
 * ```ts
 * import { parseRoff } from "./roff.ts";
 * const page = parseRoff('.TH X 3SSL "2026" "3.0.20"\n.SH NAME\n\\fBX\\fR \\- does things\n');
 * console.log(page.blocks); // [{kind:"heading",text:"NAME"},{kind:"paragraph",text:"X - does things"}]
 * ```
 */
export function parseRoff(source: string, file = "<roff>"): RoffPage {
  const lines = source.split("\n");
  const page: RoffPage = { title: "", section: "", blocks: [] };
  let para: string[] = [];
  let verbatim: string[] | undefined;
  let inItem = false;
  const flush = () => {
    const text = para.join(" ").replace(/[ \t]+/g, " ").trim();
    if (text) page.blocks.push({ kind: "paragraph", text, ...(inItem ? { inItem } : {}) });
    para = [];
  };
  const flushVerbatim = () => {
    if (verbatim && verbatim.some((l) => l.trim())) {
      while (verbatim.length && !verbatim[verbatim.length - 1].trim()) verbatim.pop();
      page.blocks.push({ kind: "verbatim", text: verbatim.join("\n") });
    }
    verbatim = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/\r$/, "");
    // A trailing backslash joins the next line (outside comments).
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && !/^[.']\s*\\"/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/\r$/, "");
    }
    if (line.startsWith(".") || line.startsWith("'")) {
      const m = /^[.']\s*(\S*)\s*(.*)$/.exec(line)!;
      const req = m[1];
      const rest = m[2];
      if (req.startsWith('\\"') || req === "") continue; // comment or empty request
      if (req === "de" || req === "de1" || req === "am" || req === "ig") {
        const end = req === "ig" && rest.trim() ? `.${rest.trim()}` : "..";
        const start = i;
        while (++i < lines.length && lines[i].trim() !== end);
        if (i >= lines.length) {
          throw new SyntaxError(`${file}:${start + 1}: ".${req}" is never closed by "${end}"`);
        }
        continue;
      }
      if (req === "if" || req === "ie" || req === "el" || req.startsWith("if") || req === "while") {
        // Conditionals only choose layout in these pages: skip them, and their block.
        if (/\\\{/.test(line)) i = skipBlock(lines, i, file);
        continue;
      }
      if (req === "TH") {
        const a = requestArgs(rest);
        page.title = a[0] ?? "";
        page.section = a[1] ?? "";
        if (a[3]) page.version = a[3];
        continue;
      }
      if (req === "so") {
        page.so = rest.trim();
        continue;
      }
      if (req === "SH" || req === "SS") {
        flush();
        flushVerbatim();
        let text = unescapeRoff(rest.trim().replace(/^"(.*)"$/, "$1")).trim();
        if (!text && i + 1 < lines.length) text = unescapeRoff(lines[++i]).trim();
        page.blocks.push({ kind: req === "SH" ? "heading" : "subheading", text });
        inItem = false;
        continue;
      }
      if (["PP", "LP", "P", "Sp", "sp", "br", "HP"].includes(req)) {
        flush();
        // .Sp/.sp/.br keep the indentation of an item; .PP and friends end it.
        if (!["Sp", "sp", "br"].includes(req)) inItem = false;
        if (verbatim) verbatim.push("");
        continue;
      }
      if (req === "IP" || req === "TP" || req === "Ip") {
        flush();
        flushVerbatim();
        inItem = true;
        if (req === "TP") {
          // The label is the next text line.
          const label = i + 1 < lines.length ? unescapeRoff(lines[++i]).trim() : "";
          if (label) page.blocks.push({ kind: "item", text: label });
        } else {
          const label = unescapeRoff(requestArgs(rest)[0] ?? "").trim();
          if (label) page.blocks.push({ kind: "item", text: label });
        }
        continue;
      }
      if (req === "Vb" || req === "nf" || req === "EX") {
        flush();
        verbatim ??= [];
        continue;
      }
      if (req === "Ve" || req === "fi" || req === "EE") {
        flushVerbatim();
        continue;
      }
      if (/^(B|I|R|SM|SB|CW)$/.test(req)) {
        pushText(requestArgs(rest).join(" "));
        continue;
      }
      if (/^(BR|RB|IR|RI|BI|IB)$/.test(req)) {
        pushText(requestArgs(rest).join(""));
        continue;
      }
      if (IGNORED.has(req) || req.length <= 3) continue; // unknown requests print nothing
      continue;
    }
    pushText(line);
  }
  flush();
  flushVerbatim();
  return page;

  function pushText(raw: string) {
    const text = unescapeRoff(raw);
    if (verbatim) verbatim.push(text.replace(/\s+$/, ""));
    else if (text.trim()) para.push(text.trim());
  }
}

/** Skip a `\{ … \}` block that opens on line `i`; returns the index of its last line. */
function skipBlock(lines: string[], i: number, file: string): number {
  let depth = 0;
  const start = i;
  for (; i < lines.length; i++) {
    depth += (lines[i].match(/\\\{/g) ?? []).length;
    depth -= (lines[i].match(/\\\}/g) ?? []).length;
    if (depth <= 0) return i;
  }
  throw new SyntaxError(`${file}:${start + 1}: a "\\{" block is never closed by "\\}"`);
}

/** Options for {@linkcode formatPage}. */
export interface FormatOptions {
  /** Line width for filled text. @default {78} */
  width?: number;
}

/**
 * A page as plain text the way `man` lays it out: headings at the margin, text indented by
 * seven columns and filled to the width, item labels on their own line, verbatim lines kept.
 * Blocks are separated by blank lines, so {@linkcode textBlocks} can read the text back.
 *
 * @example
 * ```ts
 * import { formatPage, parseRoff } from "./roff.ts";
 * console.log(formatPage(parseRoff(".SH NAME\nX \\- does things\n")));
 * ```
 */
export function formatPage(page: RoffPage, options: FormatOptions = {}): string {
  const width = options.width ?? 78;
  const out: string[] = [];
  for (const b of page.blocks) {
    if (b.kind === "heading") out.push(b.text);
    else if (b.kind === "subheading") out.push(`   ${b.text}`);
    else if (b.kind === "item") out.push(`       ${b.text}`);
    else if (b.kind === "verbatim") {
      out.push(b.text.split("\n").map((l) => (l.trim() ? `       ${l}` : "")).join("\n"));
    } else {
      out.push(fill(b.text, width, b.inItem ? 11 : 7));
    }
  }
  return out.join("\n\n") + "\n";
}

function fill(text: string, width: number, indent: number): string {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && pad.length + line.length + 1 + word.length > width) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines.join("\n");
}
