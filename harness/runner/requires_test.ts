// The runner and capabilities: tasks over builds of any implementation, `requires` deciding
// which pairs run, `unsupported` before a task starts and from the context, probe failures as
// errors, deviations keyed by implementation.
import assert from "node:assert/strict";
import type { Build } from "../impl/mod.ts";
import { systemBuild } from "../openssl/mod.ts";
import { FfiError } from "../ffi/mod.ts";
import { defineScenario } from "../scenario/mod.ts";
import type { RunEvent, ScenarioResult } from "./events.ts";
import { runScenarios } from "./run_scenarios.ts";

const fork = (over: Partial<Build>): Build => ({
  implementation: "wolfssl",
  id: "wolfssl-9.9.9",
  version: "9.9.9",
  family: "9.9",
  source: "fetched",
  path: "/nowhere/wolfssl-9.9.9",
  capabilities: ["tcp-peer"],
  ...over,
});

async function results(
  options: Parameters<typeof runScenarios>[0],
): Promise<{ results: ScenarioResult[]; end: Extract<RunEvent, { type: "run:end" }> }> {
  let end: Extract<RunEvent, { type: "run:end" }> | undefined;
  for await (const e of runScenarios(options)) if (e.type === "run:end") end = e;
  return { results: end!.results, end: end! };
}

const passing = (name: string, requires: string[], ran: string[]) =>
  defineScenario({
    name,
    quote: "q",
    claims: ["SN-5"],
    requires,
    run(ctx) {
      ran.push(`${name}:${ctx.clientBuild.id}>${ctx.serverBuild.id}`);
      ctx.expect.ok("SN-5", "ran", true);
      return Promise.resolve();
    },
  });

Deno.test("requires: one-sided scenarios run once per build, unsupported names capability and build", async () => {
  const system = await systemBuild();
  const wolf = fork({});
  const ran: string[] = [];
  const { results: rs, end } = await results({
    scenarios: [
      passing("x/client_only", ["tcp-peer"], ran),
      passing("x/needs_api", ["api"], ran),
      passing("x/both", ["cli-client:openssl", "cli-server:openssl"], ran),
    ],
    builds: [system, wolf],
    pairs: "all",
    jobs: 2,
  });
  const status = (s: string, c: string, v: string) =>
    rs.find((r) => r.scenario === s && r.client.id === c && r.server.id === v)?.status;
  // One-sided: each build against itself only.
  assert.equal(rs.filter((r) => r.scenario === "x/client_only").length, 2);
  assert.equal(status("x/client_only", "wolfssl-9.9.9", "wolfssl-9.9.9"), "pass");
  assert.equal(status("x/needs_api", "system", "system"), "pass");
  const noApi = rs.find((r) => r.scenario === "x/needs_api" && r.client.id === "wolfssl-9.9.9")!;
  assert.equal(noApi.status, "unsupported");
  assert.equal(
    noApi.message,
    'Unsupported: client build "wolfssl-9.9.9" (wolfssl) lacks "api" (needed for "api"; it has ' +
      "tcp-peer)",
  );
  // Both sides: every pair; only the OpenSSL × OpenSSL one runs.
  assert.equal(rs.filter((r) => r.scenario === "x/both").length, 4);
  assert.equal(status("x/both", "system", "system"), "pass");
  assert.equal(status("x/both", "system", "wolfssl-9.9.9"), "unsupported");
  assert.match(
    rs.find((r) =>
      r.scenario === "x/both" && r.server.id === "wolfssl-9.9.9" &&
      r.client.id === "system"
    )!.message!,
    /server build "wolfssl-9\.9\.9" \(wolfssl\) lacks "cli-server"/,
  );
  assert.ok(!ran.some((r) => r.includes("x/needs_api:wolfssl")), "an unsupported task never runs");
  assert.equal(end.counts.unsupported, 4);
  assert.equal(end.counts.fail + end.counts.error, 0);
  // Results say which implementation each build is.
  assert.equal(rs.find((r) => r.client.id === "wolfssl-9.9.9")!.client.implementation, "wolfssl");
  assert.equal(rs.find((r) => r.client.id === "system")!.client.implementation, "openssl");
});

Deno.test("a build whose probe failed is an error on every task, once clearly; the rest runs", async () => {
  const system = await systemBuild();
  const broken = fork({
    capabilities: [],
    probeError: 'probing build "wolfssl-9.9.9" (wolfssl) failed: libwolfssl.so.99: cannot open',
  });
  const ran: string[] = [];
  const { results: rs } = await results({
    scenarios: [passing("x/needs_api", ["api"], ran)],
    builds: [system, broken],
    jobs: 1,
  });
  assert.deepEqual(rs.map((r) => [r.client.id, r.status]), [
    ["system", "pass"],
    ["wolfssl-9.9.9", "error"],
  ]);
  assert.equal(
    rs[1].message,
    'Build "wolfssl-9.9.9" cannot run: probing build "wolfssl-9.9.9" (wolfssl) failed: ' +
      "libwolfssl.so.99: cannot open",
  );
});

Deno.test("the context refuses an OpenSSL peer of another implementation: unsupported, not run", async () => {
  const system = await systemBuild();
  // Declares nothing it needs (requires: []), then asks for an s_server.
  const scenario = defineScenario({
    name: "x/undeclared",
    quote: "q",
    claims: ["SN-5"],
    requires: [],
    async run(ctx) {
      await ctx.sServer({});
      ctx.expect.ok("SN-5", "ran", true);
    },
  });
  const rustls = fork({ implementation: "rustls", id: "rustls", version: "Deno", family: "2.9" });
  const { results: rs } = await results({ scenarios: [scenario], builds: [system, rustls] });
  assert.deepEqual(rs.map((r) => [r.client.id, r.status]), [
    ["rustls", "unsupported"],
    ["system", "pass"],
  ]);
  assert.match(rs[0].message!, /^Unsupported: server build "rustls" \(rustls\) lacks "cli-server"/);
});

Deno.test("deviations keyed by implementation: boringssl:>=13 covers a fork, not OpenSSL", async () => {
  const system = await systemBuild();
  const bssl = fork({
    implementation: "boringssl",
    id: "boringssl-14.0.0",
    family: "14",
    capabilities: ["tcp-peer"],
  });
  const failing = defineScenario({
    name: "x/departs",
    quote: "q",
    claims: ["SN-5"],
    requires: ["tcp-peer"],
    run(ctx) {
      ctx.expect.ok("SN-5", "holds", false, ctx.clientBuild.id);
      return Promise.resolve();
    },
  });
  const { results: rs } = await results({
    scenarios: [failing],
    builds: [system, bssl],
    deviations: [{ scenario: "x/departs", client: "boringssl:>=13", reason: "forked" }],
  });
  assert.deepEqual(rs.map((r) => [r.client.id, r.status]), [
    ["boringssl-14.0.0", "xfail"],
    ["system", "fail"], // the entry is BoringSSL's: OpenSSL's failure stays a failure
  ]);
});

Deno.test("another implementation whose CLI speaks OpenSSL's flags runs the CLI scenarios with its tool", async () => {
  const system = await systemBuild();
  // Stands for LibreSSL's openssl: a build of another implementation, the openssl dialect.
  const libre = fork({
    implementation: "libressl",
    id: "libressl-9.9.9",
    capabilities: ["cli-client", "cli-server"],
    cliDialect: "openssl",
    cli: { openssl: system.launch },
  });
  const scenario = defineScenario({
    name: "x/handshake",
    quote: "q",
    claims: ["SN-5"],
    requires: ["cli-client:openssl", "cli-server:openssl"],
    async run(ctx) {
      const server = await ctx.sServer({ tls: "1.3" });
      const client = await ctx.sClient(server, {});
      ctx.expect.ok("SN-5", "a handshake", client.handshake !== undefined);
    },
  });
  const { results: rs } = await results({ scenarios: [scenario], builds: [libre] });
  assert.deepEqual(rs.map((r) => [r.client.implementation, r.status]), [["libressl", "pass"]]);
});

Deno.test("an FFI op a build cannot do (FfiError kind unsupported) makes the result unsupported", async () => {
  const system = await systemBuild();
  const scenario = defineScenario({
    name: "x/missing_symbol",
    quote: "q",
    claims: ["SN-5"],
    requires: [],
    run() {
      throw new FfiError('FFI op "session_dup" is unsupported on build "x": Symbol missing', {
        kind: "unsupported",
        op: "session_dup",
        unsupported: "SSL_SESSION_dup",
      });
    },
  });
  const { results: rs } = await results({ scenarios: [scenario], builds: [system] });
  assert.equal(rs[0].status, "unsupported");
  assert.match(rs[0].message!, /^Unsupported: FFI op "session_dup" is unsupported on build "x"/);
});

Deno.test("a task decided by capabilities is unsupported as it is: no deviation applies, none goes stale", async () => {
  const wolf = fork({});
  const ran: string[] = [];
  const deviation = { scenario: "x/*", client: "wolfssl:*", server: "wolfssl:*", reason: "r" };
  const { results: rs, end } = await results({
    scenarios: [passing("x/needs_api", ["api"], ran)],
    builds: [wolf],
    deviations: [deviation],
  });
  assert.deepEqual(ran, [], "an unsupported task does not run");
  assert.equal(rs.length, 1);
  assert.equal(rs[0].status, "unsupported");
  assert.equal(rs[0].deviation, undefined);
  assert.match(rs[0].message ?? "", /^Unsupported: client build "wolfssl-9\.9\.9"/);
  assert.deepEqual(end.staleDeviations, []);
});
