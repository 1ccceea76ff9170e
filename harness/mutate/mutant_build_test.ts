import assert from "node:assert/strict";
import type { Build } from "../impl/mod.ts";
import { opensslBuild } from "../openssl/mod.ts";
import { findMutant } from "./mutants.ts";
import { mutantBuild, mutantUnsupported } from "./mutant_build.ts";

const boringssl: Build = {
  implementation: "boringssl",
  id: "boringssl-14.0.0",
  version: "BoringSSL 14.0.0",
  family: "14",
  versionNumber: "14.0.0",
  source: "fetched",
  capabilities: ["cli-client", "cli-server", "api", "tcp-peer"],
  ffi: {
    libssl: "/x/libssl.so.0",
    libcrypto: "/x/libcrypto.so.0",
    launch: { command: "/x/ld.so", args: ["--library-path", "/x"], env: { A: "1" } },
  },
};
const gnutls: Build = {
  ...boringssl,
  implementation: "gnutls",
  id: "gnutls-3.8.9",
  ffi: undefined,
};
gnutls.capabilities = ["cli-client", "cli-server"];
const openssl = opensslBuild({
  id: "3.5.9",
  version: "OpenSSL 3.5.9 1 Jan 2026",
  path: "/o/bin/openssl",
  source: "fetched",
  launch: { command: "/o/bin/openssl", args: [], env: {} },
  libssl: "/o/lib/libssl.so.3",
  libcrypto: "/o/lib/libcrypto.so.3",
});

Deno.test("mutantUnsupported() refuses a CLI mutant on a non-OpenSSL build and an FFI one without a driver, by name", () => {
  const cli = findMutant("no_tickets")!;
  const ffi = findMutant("get1_without_ref")!;
  assert.equal(mutantUnsupported(openssl, cli), undefined);
  assert.equal(mutantUnsupported(openssl, ffi), undefined);
  assert.equal(mutantUnsupported(boringssl, ffi), undefined);
  assert.equal(
    mutantUnsupported(boringssl, cli),
    `Mutant "no_tickets" wraps OpenSSL's openssl command (harness/mutate/openssl_mutant.sh), ` +
      `which build "boringssl-14.0.0" (boringssl) does not run: CLI mutants exist for OpenSSL builds only`,
  );
  assert.match(
    mutantUnsupported(gnutls, ffi)!,
    /^Mutant "get1_without_ref" patches the FFI driver's libssl, and build "gnutls-3.8.9" \(gnutls\) has no FFI driver/,
  );
  assert.throws(() => mutantBuild(boringssl, cli), RangeError);
});

Deno.test("mutantBuild() names the FFI mutant in the launch the driver really uses (a fork's ffi.launch)", () => {
  const m = mutantBuild(boringssl, findMutant("session_free_noop")!);
  assert.equal(m.id, "boringssl-14.0.0+session_free_noop");
  assert.deepEqual(m.ffi?.launch, {
    command: "/x/ld.so",
    args: ["--library-path", "/x"],
    env: { A: "1", TLS_HARNESS_FFI_MUTANT: "session_free_noop" },
  });
  // Deviations match the mutant as the build it came from.
  assert.equal(m.versionNumber, "14.0.0");
  const o = mutantBuild(openssl, findMutant("session_free_noop")!);
  assert.equal(o.ffiLaunch?.env.TLS_HARNESS_FFI_MUTANT, "session_free_noop");
  const c = mutantBuild(openssl, findMutant("no_tickets")!);
  assert.deepEqual(c.launch.args.slice(1, 4), ["no_tickets", "--", "/o/bin/openssl"]);
});
