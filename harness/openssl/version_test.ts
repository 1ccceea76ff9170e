import assert from "node:assert/strict";
import { opensslVersionId, versionTriple } from "./version.ts";

Deno.test("opensslVersionId() reads the version of every build's version line", () => {
  assert.equal(opensslVersionId("OpenSSL 1.1.1w  11 Sep 2023"), "1.1.1w");
  assert.equal(
    opensslVersionId("OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)"),
    "3.0.19",
  );
  assert.equal(opensslVersionId("rustls 0.23"), undefined);
});

Deno.test("versionTriple() gives [major, minor, patch], or zeros for no OpenSSL version", () => {
  assert.deepEqual(versionTriple("OpenSSL 1.1.1w  11 Sep 2023"), [1, 1, 1]);
  assert.deepEqual(versionTriple("OpenSSL 4.0.3 1 Jan 2027"), [4, 0, 3]);
  assert.deepEqual(versionTriple("garbage"), [0, 0, 0]);
});
