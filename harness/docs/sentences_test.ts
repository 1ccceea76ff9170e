import assert from "node:assert/strict";
import { findSentence, normalizeSentence, similarity, splitSentences } from "./sentences.ts";

Deno.test("splitSentences() splits at sentence ends but not after e.g. and i.e.", () => {
  assert.deepEqual(
    splitSentences(
      "A session is removed, e.g. if a fatal error occurs. It uses (i.e. copies) it. " +
        "SSL_free() is called. (TLS server only.) Done",
    ),
    [
      "A session is removed, e.g. if a fatal error occurs.",
      "It uses (i.e. copies) it.",
      "SSL_free() is called.",
      "(TLS server only.)",
      "Done",
    ],
  );
});

Deno.test("normalizeSentence() makes Pod::Man's quoting and dashes compare equal", () => {
  assert.equal(
    normalizeSentence("the \u201cexternal session cache\u201d \u2014 x\n  y."),
    normalizeSentence('the "external session cache" - x y'),
  );
});

Deno.test("similarity() is 1 for the same words and low for a different sentence", () => {
  assert.equal(similarity("Returns 1 on success.", "returns 1 on success"), 1);
  const reworded = similarity(
    "SSL_CTX_flush_sessions() will only check sessions stored in the internal cache.",
    "SSL_CTX_flush_sessions_ex() will only check sessions stored in the internal cache.",
  );
  assert.ok(reworded > 0.85 && reworded < 1, String(reworded));
  assert.ok(similarity("The default number of tickets is 2.", "No caching takes place.") < 0.3);
});

Deno.test("findSentence() tells present, changed and absent apart", () => {
  const page = [
    { section: "DESCRIPTION", text: "It sets the timeout for newly created sessions. It is 300." },
    { section: "NOTES", text: "Tickets are single use, mostly." },
  ];
  const present = findSentence("It sets the timeout for newly\n created sessions.", page);
  assert.equal(present.status, "present");
  assert.equal(present.closest?.section, "DESCRIPTION");
  const changed = findSentence("It sets the timeout for new sessions.", page);
  assert.equal(changed.status, "changed");
  assert.equal(changed.closest?.text, "It sets the timeout for newly created sessions.");
  const absent = findSentence("The default number of tickets is 2.", page);
  assert.equal(absent.status, "absent");
  assert.ok(absent.score < 0.6);
});
