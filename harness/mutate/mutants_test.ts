import assert from "node:assert/strict";
import { findMutant, MUTANTS } from "./mutants.ts";

Deno.test("MUTANTS names are unique across the CLI and FFI layers", () => {
  // A CLI mutant named like an FFI one was found as the FFI one: its runs were unmutated.
  const seen = new Map<string, string>();
  for (const m of MUTANTS) {
    assert.ok(!seen.has(m.name), `mutant "${m.name}" is both ${seen.get(m.name)} and ${m.layer}`);
    seen.set(m.name, m.layer);
  }
});

Deno.test("every CLI mutant appears in openssl_mutant.sh", async () => {
  const shim = await Deno.readTextFile(new URL("./openssl_mutant.sh", import.meta.url));
  for (const m of MUTANTS.filter((m) => m.layer === "cli")) {
    assert.ok(shim.includes(m.name), `openssl_mutant.sh does not handle "${m.name}"`);
    assert.equal(findMutant(m.name)?.layer, "cli");
  }
});
