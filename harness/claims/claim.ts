/** One testable sentence of the documents under test, with its stable ID. */
export interface Claim {
  /** Stable ID, e.g. "GS-9" or "TO-3": never reused, never renumbered. */
  id: string;
  /**
   * The document it comes from: a man page by its OpenSSL 3.x name ("SSL_CTX_set_timeout(3)"),
   * or a heading for claims beyond the man pages.
   */
  document: string;
  /** The sentence as the catalogue words it (the spec's wording for the seed claims). */
  text: string;
  /**
   * The page's own sentence, verbatim (OpenSSL 3.0 wording, markup removed), that doc drift
   * looks up in each version's page; `undefined` for claims that come from no man page.
   */
  quote: string | undefined;
  /** The man page to look the quote up in, `undefined` when the claim has none. */
  page: string | undefined;
  /** How it can be observed: CLI, API (with the FFI symbols), DENO (a hint, not a limit). */
  observed: string;
}

/** A claim as the data files write it: `quote` only where `text` paraphrases the page. */
export interface ClaimRecord {
  /** See {@linkcode Claim.id}. */
  id: string;
  /** See {@linkcode Claim.document}. */
  document: string;
  /** See {@linkcode Claim.text}; for new claims it is the page's sentence itself. */
  text: string;
  /** The page's sentence when `text` paraphrases it. @default {text} */
  quote?: string;
  /** See {@linkcode Claim.observed}. */
  observed: string;
}

/** A sentence of a catalogued page that no scenario can observe, and why. */
export interface UntestableSentence {
  /** The man page ("SSL_CTX_set_timeout(3)"). */
  page: string;
  /** The sentence, verbatim (OpenSSL 3.0 wording). */
  quote: string;
  /** Why no scenario can observe it (advice to the caller, undefined behaviour, …). */
  reason: string;
}
