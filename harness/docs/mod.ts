/**
 * OpenSSL's man pages as plain text, and doc drift: a reader for the roff Pod::Man writes (no
 * `man` needed), the pages of one version kept as text in its build's cache folder and looked
 * up by name (links followed), sentence search with a similarity for reworded sentences, and
 * the claim × version table built from them.
 *
 * @example
 * ```ts
 * import { CLAIMS } from "../claims/mod.ts";
 * import { claimDrift, openDocs } from "./mod.ts";
 * const docs = await openDocs("/root/.cache/tls-session-harness/builds/3.5/docs");
 * const drift = await claimDrift(CLAIMS, docs ? [{ id: "3.5.9", docs }] : []);
 * console.log(drift.get("FL-1")?.get("3.5.9")); // changed: SSL_CTX_flush_sessions_ex() …
 * ```
 *
 * @module
 */
export {
  type FormatOptions,
  formatPage,
  parseRoff,
  type RoffBlock,
  type RoffPage,
  unescapeRoff,
} from "./roff.ts";
export {
  type FindOptions,
  findSentence,
  normalizeSentence,
  type Sentence,
  type SentenceMatch,
  similarity,
  splitSentences,
} from "./sentences.ts";
export {
  type DocsSource,
  type ManPages,
  type ManPageSet,
  openDocs,
  pageName,
  pageParagraphs,
  readManDir,
  renderPage,
  writeDocs,
} from "./man_pages.ts";
export {
  claimDrift,
  type ClaimResult,
  type DocBehaviourMismatch,
  docBehaviourMismatches,
  type DocsBuild,
  docsField,
  type DocStatus,
  type DriftCell,
  type DriftTable,
} from "./drift.ts";
export { type ClaimDocsJson, driftJson, formatDriftTable } from "./drift_report.ts";
