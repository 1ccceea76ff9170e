import assert from "node:assert/strict";
import type { Libssl } from "./libssl.ts";
import { patchLibssl } from "./libssl_patch.ts";

/** A stand-in for an opened libssl: `fn` answers a marker per name, `has` says yes to two. */
function fakeLibssl(): Libssl {
  return {
    version: "Fake 1.0",
    versionNumber: 1,
    missingSymbols: ["SSL_get0_session"],
    paths: { libssl: "/fake/libssl.so", libcrypto: "/fake/libcrypto.so" },
    has: (name) => name === "SSL_SESSION_up_ref" || name === "SSL_SESSION_free",
    fn: ((name: string) => () => `real ${name}`) as unknown as Libssl["fn"],
    errors: () => ["error:fake"],
  };
}

Deno.test("patchLibssl() replaces exactly the patched functions", () => {
  const lib = fakeLibssl();
  const patched = patchLibssl(lib, { SSL_SESSION_up_ref: () => 1 });
  assert.equal(patched.fn("SSL_SESSION_up_ref")(null), 1);
  assert.equal(patched.fn("SSL_SESSION_free")(null) as unknown, "real SSL_SESSION_free");
  assert.deepEqual(
    [patched.has("SSL_SESSION_up_ref"), patched.has("SSL_get0_session")],
    [true, false],
  );
  assert.deepEqual(
    [patched.version, patched.missingSymbols, patched.errors()],
    ["Fake 1.0", ["SSL_get0_session"], ["error:fake"]],
  );
});

Deno.test("patchLibssl() without patches is the library itself", () => {
  const lib = fakeLibssl();
  assert.equal(patchLibssl(lib), lib);
  assert.equal(patchLibssl(lib, {}), lib);
});
