import assert from "node:assert/strict";
import { defineScenario, expandVariants, type Scenario } from "../scenario/mod.ts";
import { selectScenarios } from "./select.ts";

const scenario = (name: string, extra: Partial<Scenario> = {}): Scenario => ({
  ...defineScenario({ name, quote: "q", claims: ["GS-9"], run: async () => {} }),
  ...extra,
});

const labels = (scenarios: Scenario[]) =>
  scenarios.flatMap((s) =>
    expandVariants(s).variants.map((v) => v.id ? `${s.name}[${v.id}]` : s.name)
  );

Deno.test("selectScenarios() --filter matches scenario[variant], narrowing the variants", () => {
  const all = [
    scenario("sanity/handshake", { tags: ["sanity"] }),
    scenario("get_session/x", {
      variants: { tls: ["tls1.2", "tls1.3"], end: ["clean", "sigkill"] },
    }),
    scenario("get_session/plain"),
  ];
  const pick = (...filters: string[]) =>
    labels(selectScenarios(all, { filters, tags: [], claims: [] }));
  assert.deepEqual(pick("x[tls1.2/*]"), [
    "sanity/handshake",
    "get_session/x[tls1.2/clean]",
    "get_session/x[tls1.2/sigkill]",
  ]);
  assert.deepEqual(pick("sigkill"), [
    "sanity/handshake",
    "get_session/x[tls1.2/sigkill]",
    "get_session/x[tls1.3/sigkill]",
  ]);
  assert.deepEqual(pick("get_session/").length, 6, "a name filter keeps every variant");
  assert.deepEqual(pick("x[tls1.4"), ["sanity/handshake"]);
});
