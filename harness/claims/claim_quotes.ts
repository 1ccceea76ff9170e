/**
 * A scenario's `quote` taken from the claims catalogue, so that a sentence is written once (in
 * `session_chapter.json`) even when a scenario verifies several claims of one page.
 *
 * @example
 * ```ts
 * import { claimQuotes } from "./claim_quotes.ts";
 * console.log(claimQuotes("PV-1", "PV-3"));
 * ```
 * @module
 */

import { findClaim } from "./catalogue.ts";

/**
 * The quoted sentences of `ids`, in that order, joined by a space.
 *
 * @throws {RangeError} naming the ID when the catalogue has no such claim.
 * @example
 * ```ts
 * import { claimQuotes } from "./claim_quotes.ts";
 * console.log(claimQuotes("TO-9")); // "All currently supported protocols have the same …"
 * ```
 */
export function claimQuotes(...ids: string[]): string {
  return ids.map((id) => {
    const claim = findClaim(id);
    if (!claim) throw new RangeError(`Claim "${id}" is not in the claims catalogue`);
    return claim.quote;
  }).join(" ");
}
