/**
 * Sentences of a man page's text and how close two of them are: what doc drift compares.
 *
 * @module
 */

/** One sentence of a page, with the section it stands in. */
export interface Sentence {
  /** The section heading ("DESCRIPTION", "NOTES", "RETURN VALUES"…). */
  section: string;
  /** The sentence as the page's text has it (whitespace collapsed). */
  text: string;
}

/**
 * The form two sentences are compared in: typographic quotes and dashes made plain, the
 * quotation marks that differ between Pod::Man versions (`C<>` is `"x"` in some, `x` in others)
 * dropped, whitespace collapsed, a final period dropped.
 *
 * @example
 * ```ts
 * import { normalizeSentence } from "./sentences.ts";
 * console.log(normalizeSentence('It is  "external"\n cache.')); // It is external cache
 * ```
 */
export function normalizeSentence(text: string): string {
  return text.normalize("NFKC")
    .replace(/[\u2018\u2019\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e"`]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .replace(/\s*([.;:,])$/, "")
    .trim();
}

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|cf|vs|approx|no)\.$/i;

/**
 * Split a paragraph into sentences: at `.`, `!` or `?` followed by white space and a capital
 * letter, a digit, an opening parenthesis or quote, but not after "e.g." and "i.e.".
 *
 * @example
 * ```ts
 * import { splitSentences } from "./sentences.ts";
 * console.log(splitSentences("It works, e.g. here. Returns 1 on success."));
 * // ["It works, e.g. here.", "Returns 1 on success."]
 * ```
 */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, " ").trim();
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]+[)"']*(?=\s+["'(A-Z0-9\\])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate)) continue;
    out.push(candidate.trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * Words of a sentence for similarity: lower case, punctuation dropped, function names kept
 * whole.
 */
function words(text: string): string[] {
  return normalizeSentence(text).toLowerCase().split(/[^a-z0-9_*<>=]+/).filter(Boolean);
}

/**
 * How alike two sentences are, from 0 to 1: twice the longest common subsequence of their words
 * over the total number of words (word order counts, so a reworded sentence scores high and a
 * different sentence about the same function scores low).
 *
 * @example
 * ```ts
 * import { similarity } from "./sentences.ts";
 * console.log(similarity("The default is 2.", "The default number is 2.")); // 0.888…
 * ```
 */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      row[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    }
    prev = row;
  }
  return (2 * prev[y.length]) / (x.length + y.length);
}

/** Where a quoted sentence stands in a page, or the closest thing to it. */
export interface SentenceMatch {
  /**
   * `present`: the page holds the sentence (normalised); `changed`: a sentence at least
   * {@linkcode FindOptions.threshold} alike; `absent`: nothing that close.
   */
  status: "present" | "changed" | "absent";
  /** The page's sentence that matched, or the closest one (for `absent`: what the page says). */
  closest?: Sentence;
  /** Its similarity to the quote (1 for present). */
  score: number;
}

/** Options for {@linkcode findSentence}. */
export interface FindOptions {
  /** The similarity from which a sentence counts as the quote reworded. @default {0.6} */
  threshold?: number;
}

/**
 * Look a quoted sentence up among a page's sentences. The quote is present when its normalised
 * text is a run of the page's normalised text within one paragraph (so a quote that Pod::Man
 * split differently, or that spans two of our sentences, is still found).
 *
 * @param paragraphs The page's paragraphs, each with its section (see `pageParagraphs`).
 * @example
 * ```ts
 * import { findSentence } from "./sentences.ts";
 * const m = findSentence("The default number of tickets is 2.", [
 *   { section: "DESCRIPTION", text: "The default number of tickets is 3. Next." },
 * ]);
 * console.log(m.status, m.closest?.text); // changed The default number of tickets is 3.
 * ```
 */
export function findSentence(
  quote: string,
  paragraphs: readonly Sentence[],
  options: FindOptions = {},
): SentenceMatch {
  const threshold = options.threshold ?? 0.6;
  const q = normalizeSentence(quote);
  let best: SentenceMatch = { status: "absent", score: 0 };
  for (const p of paragraphs) {
    if (q && normalizeSentence(p.text).includes(q)) {
      const hit = splitSentences(p.text).find((s) => normalizeSentence(s).includes(q)) ?? p.text;
      return { status: "present", closest: { section: p.section, text: hit }, score: 1 };
    }
    for (const s of splitSentences(p.text)) {
      const score = similarity(quote, s);
      if (score > best.score) {
        best = { status: "absent", closest: { section: p.section, text: s }, score };
      }
    }
  }
  if (best.score >= threshold) best.status = "changed";
  return best;
}
