import assert from "node:assert/strict";
import { idVersion, parseBuildSpec, specNamesBuild } from "./spec.ts";

Deno.test("parseBuildSpec() splits IMPL:VERSION at the first colon; all and IMPL:all", () => {
  assert.deepEqual(parseBuildSpec("all"), {});
  assert.deepEqual(parseBuildSpec("rustls"), { implementation: "rustls" });
  assert.deepEqual(parseBuildSpec("boringssl:all"), { implementation: "boringssl" });
  assert.deepEqual(parseBuildSpec("openssl:3.5"), { implementation: "openssl", version: "3.5" });
  assert.deepEqual(parseBuildSpec("openssl:/opt/a:b"), {
    implementation: "openssl",
    version: "/opt/a:b",
  });
  for (const bad of ["", ":3.5", "openssl:", "Open SSL", "3.5"]) {
    assert.throws(() => parseBuildSpec(bad), RangeError, bad);
  }
});

Deno.test("idVersion() and specNamesBuild() match at component boundaries", () => {
  assert.equal(idVersion("boringssl-14.0.0"), "14.0.0");
  assert.equal(idVersion("1.1.1w"), "1.1.1w");
  assert.equal(idVersion("system"), undefined);
  const g = { id: "gnutls-3.8.13", family: "3.8" };
  assert.ok(specNamesBuild("3.8", g));
  assert.ok(specNamesBuild("3.8.13", g));
  assert.ok(specNamesBuild("gnutls-3.8.13", g));
  assert.ok(!specNamesBuild("3.8.1", g));
  assert.ok(!specNamesBuild("3", { id: "gnutls-30.1", family: "30.1" }));
  assert.ok(specNamesBuild("1.1.1", { id: "1.1.1w", family: "1.1.1" }));
  assert.ok(specNamesBuild("14", { id: "boringssl-14.0.0", family: "14" }));
});
