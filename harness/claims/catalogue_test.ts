import assert from "node:assert/strict";
import { claimPages, CLAIMS, findClaim, UNTESTABLE_SENTENCES } from "./mod.ts";
import { splitSentences } from "../docs/mod.ts";

const REQUIRED_PAGES = [
  "SSL_SESSION_is_resumable(3)",
  "SSL_CTX_sess_set_new_cb(3)",
  "SSL_CTX_set_session_cache_mode(3)",
  "SSL_CTX_flush_sessions(3)",
  "SSL_CTX_set_timeout(3)",
  "SSL_SESSION_get_time(3)",
  "SSL_CTX_set_num_tickets(3)",
  "SSL_CTX_set_session_id_context(3)",
  "SSL_CTX_add_session(3)",
  "d2i_SSL_SESSION(3)",
  "SSL_SESSION_get_protocol_version(3)",
  "SSL_SESSION_get0_cipher(3)",
  "SSL_SESSION_get0_peer(3)",
  "SSL_SESSION_get_master_key(3)",
  "SSL_SESSION_get0_hostname(3)",
  "SSL_SESSION_set1_id(3)",
  "SSL_SESSION_get0_ticket(3)",
  "SSL_CTX_sess_number(3)",
];

Deno.test("CLAIMS holds at least 70 claims from at least 18 pages, every required page among them", () => {
  assert.ok(CLAIMS.length >= 70, String(CLAIMS.length));
  const pages = claimPages();
  assert.ok(pages.size >= 18, String(pages.size));
  for (const p of REQUIRED_PAGES) assert.ok(pages.has(p), p);
});

Deno.test("CLAIMS IDs are unique, stable in form and found by findClaim()", () => {
  const ids = CLAIMS.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of CLAIMS) {
    assert.match(c.id, /^[A-Z]{2}-\d+$/);
    assert.equal(findClaim(c.id), c);
    assert.ok(c.observed.trim(), `${c.id} says how it is observed`);
  }
});

Deno.test("every claim from a man page quotes one sentence of it", () => {
  for (const c of CLAIMS) {
    if (!c.page) {
      assert.equal(c.quote, undefined, c.id);
      continue;
    }
    assert.ok(c.quote, c.id);
    assert.equal(splitSentences(c.quote).length, 1, `${c.id} quotes one sentence: ${c.quote}`);
    // New claims are the page's words themselves; only the seed claims paraphrase.
    if (!/^(GS|SN|SS)-/.test(c.id)) assert.equal(c.text, c.quote, c.id);
  }
});

Deno.test("UNTESTABLE_SENTENCES come from catalogued pages and each has a reason", () => {
  const pages = claimPages();
  const quotes = new Set(CLAIMS.map((c) => c.quote));
  for (const u of UNTESTABLE_SENTENCES) {
    assert.ok(pages.has(u.page), u.page);
    assert.ok(u.reason.trim().length > 10, u.quote);
    assert.ok(
      !quotes.has(u.quote) || u.page !== CLAIMS.find((c) => c.quote === u.quote)?.page,
      u.quote,
    );
  }
});

Deno.test("the seed claims match ../shared/spec/CLAIMS.md when it is there", async (t) => {
  // Beside the main checkout (/work/main → /work/shared) or a worktree (/work/wt/x → /work/shared).
  let text: string | undefined;
  for (const rel of ["../../../shared/spec/CLAIMS.md", "../../../../shared/spec/CLAIMS.md"]) {
    try {
      text = await Deno.readTextFile(new URL(rel, import.meta.url));
      break;
    } catch { /* not here */ }
  }
  if (text === undefined) {
    await t.step({ name: "spec not present: nothing to compare", ignore: true, fn: () => {} });
    return;
  }
  const rows = [...text.matchAll(/^\| ([A-Z]{2}-\d+) \| (.*?) \| .* \|$/gm)];
  assert.ok(rows.length > 0);
  for (const [, id, claim] of rows) assert.equal(findClaim(id)?.text, claim, id);
  // The spec's claims come first, in its order; the rest of the chapter follows.
  assert.deepEqual(CLAIMS.slice(0, rows.length).map((c) => c.id), rows.map((r) => r[1]));
});
