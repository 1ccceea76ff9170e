import type { ClaimRecord, UntestableSentence } from "./claim.ts";
import data from "./session_chapter.json" with { type: "json" };

/** The shape of `session_chapter.json`: per page, its claims and its untestable sentences. */
interface ChapterFile {
  pages: {
    page: string;
    claims: { id: string; quote: string; observed: string }[];
    untestable: { quote: string; reason: string }[];
  }[];
}

const chapter = data as ChapterFile;

/**
 * The session chapter beyond the seed pages (data in `session_chapter.json`): each claim's
 * text is the page's own sentence, so it needs no separate quote.
 */
export const SESSION_CHAPTER_CLAIMS: readonly ClaimRecord[] = chapter.pages.flatMap((p) =>
  p.claims.map((c) => ({ id: c.id, document: p.page, text: c.quote, observed: c.observed }))
);

/** Sentences of the catalogued pages that no scenario can observe, each with the reason. */
export const UNTESTABLE: readonly UntestableSentence[] = chapter.pages.flatMap((p) =>
  p.untestable.map((u) => ({ page: p.page, quote: u.quote, reason: u.reason }))
);
