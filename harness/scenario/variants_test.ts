import assert from "node:assert/strict";
import { defineScenario } from "./scenario.ts";
import {
  allVariants,
  expandVariants,
  narrowVariants,
  NO_VARIANT,
  variantLabel,
  variantProblems,
} from "./variants.ts";

const product = {
  variants: { tls: ["tls1.2", "tls1.3"], resumption: ["ticket", "session-id"] },
  skipVariant: (v: { tls: string; resumption: string }) =>
    v.tls === "tls1.3" && v.resumption === "session-id" ? "no session IDs in TLS 1.3" : undefined,
};

Deno.test("expandVariants() expands the product in key order, first axis slowest", () => {
  const { variants, dropped } = expandVariants({ variants: product.variants });
  assert.deepEqual(variants.map((v) => v.id), [
    "tls1.2/ticket",
    "tls1.2/session-id",
    "tls1.3/ticket",
    "tls1.3/session-id",
  ]);
  assert.deepEqual(variants[1].values, { tls: "tls1.2", resumption: "session-id" });
  assert.deepEqual(dropped, []);
});

Deno.test("expandVariants() drops what skipVariant names, keeping the reason", () => {
  const { variants, dropped } = expandVariants(product);
  assert.deepEqual(variants.map((v) => v.id), [
    "tls1.2/ticket",
    "tls1.2/session-id",
    "tls1.3/ticket",
  ]);
  assert.deepEqual(dropped, [{
    id: "tls1.3/session-id",
    values: { tls: "tls1.3", resumption: "session-id" },
    reason: "no session IDs in TLS 1.3",
  }]);
});

Deno.test("expandVariants() takes an explicit list as given, and none as one variant without id", () => {
  const list = [{ tls: "tls1.2", end: "clean" }, { tls: "tls1.3", end: "sigkill" }];
  assert.deepEqual(expandVariants({ variants: list }).variants.map((v) => v.id), [
    "tls1.2/clean",
    "tls1.3/sigkill",
  ]);
  assert.deepEqual(expandVariants({}).variants, [NO_VARIANT]);
  assert.equal(variantLabel("a/b", NO_VARIANT), "a/b");
  assert.equal(variantLabel("a/b", { id: "tls1.3/clean" }), "a/b[tls1.3/clean]");
});

Deno.test("variantProblems() names what is wrong with a declaration", () => {
  const what = (fields: object) => variantProblems(fields).map((p) => `${p.field}: ${p.what}`);
  assert.deepEqual(what(product), []);
  assert.deepEqual(what({ variants: { tls: [] } }), [
    'variants: axis "tls" must be a non-empty array of strings',
  ]);
  assert.deepEqual(what({ variants: {} }), ["variants: declares no axis"]);
  assert.match(
    what({ variants: { tls: ["a/b"] } })[0],
    /tls\[0\]: a value must be .* \(got "a\/b"\)/,
  );
  assert.match(
    what({ variants: [{ a: "x" }, { b: "y" }] })[0],
    /\[1\] has keys \["b"\], not \["a"\]/,
  );
  assert.deepEqual(what({ variants: [{ a: "x" }, { a: "x" }] }), [
    'variants: names the variant "x" twice',
  ]);
  assert.deepEqual(what({ variants: { a: ["x"] }, skipVariant: () => "always" }), [
    "skipVariant: drops every variant",
  ]);
  assert.match(what({ variants: { a: ["x"] }, skipVariant: () => 3 })[0], /must return a reason/);
  assert.deepEqual(what({ skipVariant: () => undefined }), [
    "skipVariant: is given but no variants are",
  ]);
  assert.deepEqual(what({ variants: "tls" }), [
    "variants: must be { axis: [values…] } or an array of { axis: value } records",
  ]);
});

Deno.test("narrowVariants() keeps the chosen variants with the same ids, dropped ones still dropped", () => {
  const narrowed = narrowVariants(product, (v) => v.id.startsWith("tls1.3/"))!;
  assert.deepEqual(expandVariants(narrowed).variants.map((v) => v.id), ["tls1.3/ticket"]);
  assert.deepEqual(expandVariants(narrowed).dropped.map((v) => v.id), ["tls1.3/session-id"]);
  assert.equal(narrowVariants(product, () => true), product, "all kept: the scenario itself");
  assert.equal(narrowVariants(product, (v) => v.id === "tls1.3/session-id"), undefined);
  const plain: { name: string; variants?: undefined } = { name: "x" };
  assert.equal(narrowVariants(plain, () => true), plain);
  assert.equal(narrowVariants(plain, () => false), undefined);
});

Deno.test("defineScenario() types ctx.variant, skipVariant and mutantsFor from the declaration", () => {
  const s = defineScenario({
    quote: "q",
    claims: ["SS-4"],
    variants: { tls: ["1.2", "1.3"], end: ["clean", "sigkill"] },
    skipVariant: (v) => v.tls === "1.3" && v.end === "sigkill" ? "why" : undefined,
    mutantsFor: (v) => v.end === "clean" ? ["no_tickets"] : [],
    run(ctx) {
      // A compile-time check: the values are the declared literals, not any string.
      const tls: "1.2" | "1.3" = ctx.variant.tls;
      const end: "clean" | "sigkill" = ctx.variant.end;
      ctx.expect.ok("SS-4", "typed", tls.length + end.length > 0, tls);
      return Promise.resolve();
    },
  });
  assert.equal(s.name, "", "no name until the loader gives the default");
  assert.deepEqual(allVariants(s.variants).length, 4);
  assert.deepEqual(s.mutantsFor?.({ tls: "1.2", end: "clean" }), ["no_tickets"]);
});
