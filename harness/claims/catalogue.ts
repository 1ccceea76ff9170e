import type { Claim, ClaimRecord, UntestableSentence } from "./claim.ts";
import { SEED_CLAIMS } from "./seed_claims.ts";
import { SESSION_CHAPTER_CLAIMS, UNTESTABLE } from "./session_chapter.ts";

/** A man page reference as the catalogue writes it: "SSL_CTX_set_timeout(3)". */
const MAN_PAGE = /^[A-Za-z0-9_]+\(3\)$/;

function toClaim(r: ClaimRecord): Claim {
  const page = MAN_PAGE.test(r.document) ? r.document : undefined;
  return {
    id: r.id,
    document: r.document,
    text: r.text,
    quote: page ? r.quote ?? r.text : undefined,
    page,
    observed: r.observed,
  };
}

/**
 * The claims catalogue: the seed claims (checked against `../shared/spec/CLAIMS.md` by a test
 * whenever that file is present), then the rest of the session chapter, in page order.
 *
 * @example
 * ```ts
 * import { CLAIMS } from "./catalogue.ts";
 * console.log(CLAIMS.length, new Set(CLAIMS.map((c) => c.page)).size);
 * ```
 */
export const CLAIMS: readonly Claim[] = [...SEED_CLAIMS, ...SESSION_CHAPTER_CLAIMS].map(toClaim);

/** The sentences of the catalogued pages no scenario can observe, with the reason. */
export const UNTESTABLE_SENTENCES: readonly UntestableSentence[] = UNTESTABLE;

const byId = new Map(CLAIMS.map((c) => [c.id, c]));

/**
 * The claim with this ID, or undefined.
 *
 * @example
 * ```ts
 * import { findClaim } from "./catalogue.ts";
 * console.log(findClaim("TO-9")?.page); // SSL_CTX_set_timeout(3)
 * ```
 */
export function findClaim(id: string): Claim | undefined {
  return byId.get(id);
}

/**
 * The man pages the catalogue quotes, in catalogue order, each with its number of claims.
 *
 * @example
 * ```ts
 * import { claimPages } from "./catalogue.ts";
 * for (const [page, n] of claimPages()) console.log(page, n);
 * ```
 */
export function claimPages(): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of CLAIMS) if (c.page) out.set(c.page, (out.get(c.page) ?? 0) + 1);
  return out;
}
