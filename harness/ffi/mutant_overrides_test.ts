import assert from "node:assert/strict";
import { MUTANT_OVERRIDES } from "./mutant_overrides.ts";
import type { Libssl } from "./libssl.ts";
import type { MutantScope } from "./driver_hooks.ts";
import type { HandleTable } from "./handle_table.ts";
import { ctrlCall } from "./ctx_ctrl.ts";
import { SSL_CTRL } from "./constants.ts";

/** A libssl that exports only `functions`, each a JS stand-in over one context's cache mode. */
function fakeLib(functions: Record<string, (...args: unknown[]) => number | bigint>): Libssl {
  return {
    version: "fake",
    versionNumber: 0,
    missingSymbols: [],
    paths: { libssl: "fake.so", libcrypto: "fake.so" },
    has: (name) => name in functions,
    fn: ((name: string) => {
      if (!(name in functions)) throw new Error(`fake libssl has no "${name}"`);
      return functions[name];
    }) as Libssl["fn"],
    errors: () => [],
  };
}

const scope = (lib: Libssl): MutantScope => ({
  lib,
  handles: {} as HandleTable,
  sslAt: () => undefined,
  sessionAt: () => null,
});

const ctx = Deno.UnsafePointer.create(1n)!;

Deno.test("MUTANT_OVERRIDES.cache_mode_ignored: acts through SSL_CTX_ctrl (OpenSSL) and through the function (BoringSSL)", () => {
  // OpenSSL spells the command as SSL_CTX_ctrl(ctx, 44, mode, NULL).
  let mode = 2n;
  const openssl = fakeLib({
    SSL_CTX_ctrl: (_c, cmd, larg) => {
      if (cmd === SSL_CTRL.SET_SESS_CACHE_MODE) [mode, larg] = [larg as bigint, mode];
      return cmd === SSL_CTRL.GET_SESS_CACHE_MODE ? mode : larg as bigint;
    },
  });
  const patched = MUTANT_OVERRIDES.cache_mode_ignored(scope(openssl)).symbols!;
  assert.deepEqual(Object.keys(patched), ["SSL_CTX_ctrl"]);
  const ctrl = patched.SSL_CTX_ctrl!;
  assert.equal(ctrl(ctx, SSL_CTRL.SET_SESS_CACHE_MODE, 0n, null), 2n, "answers the current mode");
  assert.equal(mode, 2n, "and sets nothing");

  // BoringSSL has no SSL_CTX_ctrl: the functions do the work, and the mutant replaces them.
  let fnMode = 2;
  const boring = fakeLib({
    SSL_CTX_set_session_cache_mode: (_c, m) => {
      const old = fnMode;
      fnMode = m as number;
      return old;
    },
    SSL_CTX_get_session_cache_mode: () => fnMode,
  });
  const fns = MUTANT_OVERRIDES.cache_mode_ignored(scope(boring)).symbols!;
  assert.deepEqual(Object.keys(fns).sort(), [
    "SSL_CTX_get_session_cache_mode",
    "SSL_CTX_set_session_cache_mode",
  ]);
  const view = { ...boring, fn: ((n: keyof typeof fns) => fns[n] ?? boring.fn(n)) as Libssl["fn"] };
  assert.equal(ctrlCall(view, ctx, SSL_CTRL.SET_SESS_CACHE_MODE, 0), 2);
  assert.equal(Number(fnMode), 2, "the real setter was not called");
  assert.equal(
    ctrlCall(view, ctx, SSL_CTRL.GET_SESS_CACHE_MODE, 0),
    2,
    "the getter is the real one",
  );
  // Without the mutant the same call sets the mode.
  assert.equal(ctrlCall(boring, ctx, SSL_CTRL.SET_SESS_CACHE_MODE, 0), 2);
  assert.equal(Number(fnMode), 0);
});

Deno.test("MUTANT_OVERRIDES.stats_zero: a build with no spelling of the commands gets no patch (the driver then calls the mutant unsupported)", () => {
  assert.deepEqual(MUTANT_OVERRIDES.stats_zero(scope(fakeLib({}))).symbols, {});
});
