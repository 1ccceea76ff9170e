import assert from "node:assert/strict";
import { type OpensslBuild, systemBuild } from "../openssl/mod.ts";
import { liveChildCount } from "../process/mod.ts";
import { defineScenario, type Scenario } from "../scenario/mod.ts";
import type { RunEvent, ScenarioResult } from "./events.ts";
import { runScenarios } from "./run_scenarios.ts";

// Three builds that are one binary under three names: the scenarios below start no peer, so
// only the test PKI (made with the first build) runs openssl.
async function threeBuilds(): Promise<OpensslBuild[]> {
  const system = await systemBuild();
  return ["a", "b", "c"].map((id) => ({ ...system, id, path: `${system.path}#${id}` }));
}

/** A scenario that passes (or fails, with `fail`) and counts the pairs it ran on. */
function counted(name: string, ran: string[], options: { sanity?: boolean; fail?: string } = {}) {
  return defineScenario({
    name,
    quote: "q",
    claims: ["SN-5"],
    tags: options.sanity ? ["sanity"] : [],
    run(ctx) {
      const pair = `${ctx.clientBuild.id}>${ctx.serverBuild.id}`;
      ran.push(`${name}:${pair}`);
      ctx.expect.ok("SN-5", "ran", options.fail !== pair, pair);
      return Promise.resolve();
    },
  });
}

async function collect(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const all: RunEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
}

const key = (r: { scenario: string; client: { id: string }; server: { id: string } }) =>
  `${r.scenario}:${r.client.id}>${r.server.id}`;

Deno.test("runScenarios() shard: each task runs and is reported in exactly one shard", async () => {
  const builds = await threeBuilds();
  const ranPerShard: string[][] = [];
  const endedPerShard: ScenarioResult[][] = [];
  for (const index of [1, 2, 3, 4]) {
    const ran: string[] = [];
    const scenarios: Scenario[] = [
      counted("sanity/s", ran, { sanity: true }),
      counted("x/one", ran),
      counted("x/two", ran),
    ];
    const events = await collect(
      runScenarios({ scenarios, builds, pairs: "all", jobs: 2, shard: { index, count: 4 } }),
    );
    const start = events.find((e) => e.type === "run:start")!;
    const end = events.find((e) => e.type === "run:end")!;
    assert.ok(start.type === "run:start" && end.type === "run:end");
    const ended = events.flatMap((e) => e.type === "scenario:end" ? [e.result] : []);
    const started = events.flatMap((e) => e.type === "scenario:start" ? [key(e)] : []);
    // 27 tasks dealt to 4 shards: 7, 7, 7, 6.
    assert.equal(start.total, index === 4 ? 6 : 7, `shard ${index}: total`);
    assert.deepEqual(ended.map(key).sort(), started.sort(), `shard ${index}: start ↔ end`);
    assert.deepEqual(end.results.map(key).sort(), ended.map(key).sort());
    assert.equal(end.counts.pass, ended.length);
    // The sanity check gates every pair, so it runs on all nine in every shard.
    assert.equal(ran.filter((r) => r.startsWith("sanity/s:")).length, 9, `shard ${index}`);
    ranPerShard.push(ran.filter((r) => !r.startsWith("sanity/")));
    endedPerShard.push(ended);
  }
  const reported = endedPerShard.flat().map(key);
  assert.equal(reported.length, 27, "every task reported once over the shards");
  assert.equal(new Set(reported).size, 27);
  const ranOther = ranPerShard.flat();
  assert.equal(ranOther.length, 18, "a task of another shard is not run at all");
  assert.equal(new Set(ranOther).size, 18);
  assert.equal(liveChildCount(), 0);
});

Deno.test("runScenarios() shard: a failed sanity check is reported by every shard, its pair skipped", async () => {
  const builds = await threeBuilds();
  for (const index of [1, 2]) {
    const ran: string[] = [];
    const events = await collect(runScenarios({
      scenarios: [counted("sanity/s", ran, { sanity: true, fail: "b>c" }), counted("x/one", ran)],
      builds,
      pairs: "all",
      shard: { index, count: 2 },
    }));
    const end = events.find((e) => e.type === "run:end")!;
    assert.ok(end.type === "run:end");
    const failedSanity = end.results.filter((r) =>
      r.scenario === "sanity/s" && r.status === "fail"
    );
    assert.deepEqual(failedSanity.map(key), ["sanity/s:b>c"], `shard ${index}`);
    assert.ok(!ran.includes("x/one:b>c"), `shard ${index}: the broken pair ran x/one`);
    const skipped = end.results.filter((r) => r.status === "skip").map(key);
    // x/one on b>c is task 9 + 5 = 14 (from 0) of the stable order: shard 1 of 2 owns it.
    assert.deepEqual(skipped, index === 1 ? ["x/one:b>c"] : [], `shard ${index}`);
  }
});

Deno.test("runScenarios() without a shard reports every task", async () => {
  const builds = await threeBuilds();
  const ran: string[] = [];
  const events = await collect(runScenarios({
    scenarios: [counted("sanity/s", ran, { sanity: true }), counted("x/one", ran)],
    builds,
    pairs: "same",
  }));
  const end = events.find((e) => e.type === "run:end")!;
  assert.ok(end.type === "run:end");
  assert.deepEqual(end.results.map(key), [
    "sanity/s:a>a",
    "sanity/s:b>b",
    "sanity/s:c>c",
    "x/one:a>a",
    "x/one:b>b",
    "x/one:c>c",
  ]);
});

Deno.test("runScenarios() runs each variant as its own task and result, with ctx.variant", async () => {
  const builds = (await threeBuilds()).slice(0, 2);
  const seen: string[] = [];
  const scenario = defineScenario({
    name: "x/variants",
    quote: "q",
    claims: ["SN-5"],
    variants: { tls: ["1.2", "1.3"], end: ["clean", "sigkill"] },
    skipVariant: (v) => v.tls === "1.3" && v.end === "sigkill" ? "not this one" : undefined,
    run(ctx) {
      seen.push(`${ctx.variant.tls}/${ctx.variant.end}:${ctx.clientBuild.id}`);
      // One variant fails, to show that it is one red cell and not the whole scenario.
      ctx.expect.ok("SN-5", "ran", ctx.variant.end !== "sigkill", ctx.variant);
      return Promise.resolve();
    },
  });
  const events = await collect(runScenarios({
    scenarios: [scenario, counted("x/plain", [])],
    builds,
    pairs: "same",
    deviations: [{ scenario: "x/variants", variant: "1.2/sigkill", server: "*", reason: "known" }],
  }));
  const end = events.find((e) => e.type === "run:end")!;
  assert.ok(end.type === "run:end");
  const rows = end.results.map((r) => [r.scenario, r.variant, r.client.id, r.status]);
  assert.deepEqual(rows, [
    ["x/plain", undefined, "a", "pass"],
    ["x/plain", undefined, "b", "pass"],
    ["x/variants", "1.2/clean", "a", "pass"],
    ["x/variants", "1.2/clean", "b", "pass"],
    ["x/variants", "1.2/sigkill", "a", "xfail"],
    ["x/variants", "1.2/sigkill", "b", "xfail"],
    ["x/variants", "1.3/clean", "a", "pass"],
    ["x/variants", "1.3/clean", "b", "pass"],
  ]);
  assert.ok(!("variant" in end.results[0]), "no variant field without variants");
  assert.deepEqual(seen.sort(), [
    "1.2/clean:a",
    "1.2/clean:b",
    "1.2/sigkill:a",
    "1.2/sigkill:b",
    "1.3/clean:a",
    "1.3/clean:b",
  ]);
  const started = events.flatMap((e) =>
    e.type === "scenario:start" && e.scenario === "x/variants" ? [e.variant] : []
  );
  assert.equal(started.length, 6);
  assert.ok(started.every((v) => typeof v === "string"));
});

Deno.test("runScenarios() interrupted before it starts: every one of 40 000 tasks 'not run', at once, no PKI made", async () => {
  // 200 builds, all pairs: the size of `--build all --pairs all` (34 398 tasks), where looking
  // each task up by scanning the results took minutes after SIGTERM.
  const system = await systemBuild();
  const builds = Array.from({ length: 200 }, (_, i) => ({ ...system, id: `b${i}` }));
  const ran: string[] = [];
  const scenario = defineScenario({
    name: "x/cross",
    quote: "q",
    claims: ["SN-5"],
    crossBuild: true,
    run: () => Promise.resolve(void ran.push("ran")),
  });
  const controller = new AbortController();
  controller.abort(new Error("received SIGTERM"));
  const t0 = performance.now();
  const events = await collect(runScenarios({
    scenarios: [scenario],
    builds,
    pairs: "all",
    signal: controller.signal,
  }));
  const ms = performance.now() - t0;
  const end = events.at(-1)!;
  assert.ok(end.type === "run:end");
  assert.equal(end.interrupted, true);
  assert.equal(end.results.length, 40_000);
  assert.ok(end.results.every((r) => r.status === "skip" && /interrupted/.test(r.message!)));
  assert.deepEqual(ran, []);
  assert.equal(liveChildCount(), 0, "no openssl started for the PKI");
  // About 1 s on a loaded 2-core machine; the quadratic lookup this guards against took minutes.
  assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
});

Deno.test("runScenarios() with taskDurations starts the slow tasks first, after the sanity checks", async () => {
  const builds = (await threeBuilds()).slice(0, 1);
  const ran: string[] = [];
  const scenarios = ["sanity/s", "x/a", "x/b", "x/c", "x/d"].map((name) =>
    counted(name, ran, { sanity: name.startsWith("sanity/") })
  );
  await collect(runScenarios({
    scenarios,
    builds,
    jobs: 1,
    // Median 50: x/d is slow; x/c, never measured, counts as 50.
    taskDurations: new Map([
      ["sanity/s", 9000],
      ["x/a", 50],
      ["x/b", 40],
      ["x/d", 1000],
      ["y/1", 50],
      ["y/2", 50],
      ["y/3", 50],
    ]),
  }));
  assert.deepEqual(ran, ["sanity/s:a>a", "x/d:a>a", "x/a:a>a", "x/b:a>a", "x/c:a>a"]);
});
