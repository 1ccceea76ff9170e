/**
 * The claims catalogue: every testable sentence of the session chapter of OpenSSL's man pages,
 * each with a stable ID, its page, the page's own words and how it can be observed; plus the
 * sentences no scenario can observe, with the reason. The data lives in `seed_claims.ts` and
 * `session_chapter.ts`; this module only gathers it.
 *
 * @example
 * ```ts
 * import { CLAIMS, findClaim } from "./mod.ts";
 * console.log(CLAIMS.length, findClaim("GS-9")?.quote);
 * ```
 *
 * @module
 */
export type { Claim, ClaimRecord, UntestableSentence } from "./claim.ts";
export { claimPages, CLAIMS, findClaim, UNTESTABLE_SENTENCES } from "./catalogue.ts";
export { claimQuotes } from "./claim_quotes.ts";
