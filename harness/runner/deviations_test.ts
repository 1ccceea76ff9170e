import assert from "node:assert/strict";
import {
  buildInRange,
  type DeviationBuild,
  DEVIATIONS_FILE,
  findDeviation,
  readDeviations,
  scenarioMatches,
} from "./deviations.ts";
import {
  BUILTIN_SCENARIOS_DIR,
  expandVariants,
  findScenarioFiles,
  loadScenarios,
} from "../scenario/mod.ts";

const V111 = { implementation: "openssl", id: "1.1.1w", family: "1.1.1" };
// The system build's id carries no version: its versionNumber does.
const V30 = { implementation: "openssl", id: "system", family: "3.0", versionNumber: "3.0.19" };
const V35 = { id: "3.5.7", family: "3.5" }; // a build of a report that names no implementation
const BSSL14 = { implementation: "boringssl", id: "boringssl-14.0.0", family: "14" };
const BSSL10 = { implementation: "boringssl", id: "boringssl-10.0.0", family: "10" };
const WOLF57 = { implementation: "wolfssl", id: "wolfssl-5.7.2", family: "5.7" };

Deno.test("buildInRange(): a bare range is OpenSSL's; prefixes, comparators and wildcards", () => {
  assert.equal(buildInRange(V111, "1.1.1"), true);
  assert.equal(buildInRange(V30, "1.1.1"), false);
  assert.equal(buildInRange(V30, "3"), true);
  assert.equal(buildInRange(V35, "3.0"), false);
  assert.equal(buildInRange(V35, ">=3.0 <3.6"), true);
  assert.equal(buildInRange(V35, ">=3.6"), false);
  assert.equal(buildInRange(V30, "*"), true);
  assert.equal(buildInRange(V30, undefined), true);
  assert.equal(buildInRange(V30, "3.0.19"), true);
  assert.equal(buildInRange(V30, "3.0.20"), false);
  // Old entries keep meaning OpenSSL: "*" and "3" do not cover the forks.
  assert.equal(buildInRange(BSSL14, "*"), false);
  assert.equal(buildInRange(BSSL14, undefined), false);
  assert.equal(buildInRange(WOLF57, "5"), false);
});

Deno.test("buildInRange() reads IMPL:RANGE, IMPL alone and *:*", () => {
  assert.equal(buildInRange(BSSL14, "boringssl:>=13"), true);
  assert.equal(buildInRange(BSSL10, "boringssl:>=13"), false);
  assert.equal(buildInRange(BSSL10, "boringssl"), true);
  assert.equal(buildInRange(WOLF57, "wolfssl:5.7"), true);
  assert.equal(buildInRange(WOLF57, "wolfssl:5.5"), false);
  assert.equal(buildInRange(WOLF57, "boringssl:*"), false);
  assert.equal(buildInRange(V30, "openssl:>=3.0 <3.5"), true);
  for (const b of [V30, BSSL14, WOLF57]) assert.equal(buildInRange(b, "*:*"), true);
  assert.equal(buildInRange(WOLF57, "*:5.7"), true);
});

Deno.test("findDeviation() matches scenario, client and server ranges", () => {
  const d = [{ scenario: "get_session/*", server: "1.1.1", reason: "r" }];
  const at = (
    scenario: string,
    client: DeviationBuild,
    server: DeviationBuild,
    variant?: string,
  ) => ({
    scenario,
    variant,
    client,
    server,
  });
  assert.ok(findDeviation(d, at("get_session/x", V30, V111)));
  assert.equal(findDeviation(d, at("get_session/x", V111, V30)), undefined);
  assert.equal(findDeviation(d, at("set_session/x", V30, V111)), undefined);
  // No "variant" in the entry: it covers every variant.
  assert.ok(findDeviation(d, at("get_session/x", V30, V111, "tls1.3/sigkill")));
});

Deno.test("findDeviation() matches a variant pattern against the whole variant id", () => {
  const d = [{ scenario: "get_session/x", variant: "tls1.2/*", reason: "r" }];
  const at = (variant?: string) => ({
    scenario: "get_session/x",
    variant,
    client: V30,
    server: V30,
  });
  assert.ok(findDeviation(d, at("tls1.2/sigkill")));
  assert.equal(findDeviation(d, at("tls1.3/sigkill")), undefined);
  assert.equal(findDeviation(d, at("x/tls1.2/sigkill")), undefined, "a whole-id match");
  assert.equal(findDeviation(d, at()), undefined, "a result without variant");
});

Deno.test("readDeviations() rejects an empty variant pattern", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(
      path,
      JSON.stringify({ deviations: [{ scenario: "a", reason: "b", variant: "" }] }),
    );
    await assert.rejects(readDeviations(path), /deviations\[0\]: field "variant"/);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("readDeviations() names the file and entry of a bad field", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(path, JSON.stringify({ deviations: [{ scenario: "a", reason: "" }] }));
    await assert.rejects(readDeviations(path), (e: Error) => {
      assert.ok(e instanceof SyntaxError);
      assert.match(e.message, /deviations\[0\]: field "reason"/);
      return true;
    });
    await Deno.writeTextFile(
      path,
      JSON.stringify({ deviations: [{ scenario: "a", reason: "b", server: "x.y" }] }),
    );
    await assert.rejects(readDeviations(path), /cannot read version range "x.y"/);
    await Deno.writeTextFile(path, "{");
    await assert.rejects(readDeviations(path), /not valid JSON/);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("expected_deviations.json names only scenarios that exist, with evidence", async () => {
  const deviations = await readDeviations(DEVIATIONS_FILE);
  const { scenarios } = await loadScenarios(await findScenarioFiles(BUILTIN_SCENARIOS_DIR));
  for (const d of deviations) {
    const matching = scenarios.filter((s) => scenarioMatches(d.scenario, s.name));
    assert.ok(matching.length > 0, `no scenario matches deviation ${d.scenario}`);
    if (d.variant !== undefined) {
      assert.ok(
        matching.some((s) =>
          expandVariants(s).variants.some((v) => scenarioMatches(d.variant!, v.id))
        ),
        `no variant of ${d.scenario} matches deviation variant ${d.variant}`,
      );
    }
    assert.ok(d.evidence && d.evidence.length > 20, `deviation ${d.scenario} has no evidence`);
  }
});

Deno.test("findDeviation(): an absent side covers the other side's implementation; neither: OpenSSL", () => {
  const at = (client: DeviationBuild, server: DeviationBuild) => ({
    scenario: "s",
    client,
    server,
  });
  const fork = [{ scenario: "s", client: "boringssl:>=13", reason: "r" }];
  assert.ok(findDeviation(fork, at(BSSL14, BSSL14)));
  assert.equal(findDeviation(fork, at(BSSL14, V30)), undefined);
  assert.equal(findDeviation(fork, at(BSSL10, BSSL10)), undefined);
  const old = [{ scenario: "s", reason: "every build (written for OpenSSL)" }];
  assert.ok(findDeviation(old, at(V30, V111)));
  assert.equal(findDeviation(old, at(WOLF57, WOLF57)), undefined);
});

Deno.test("findDeviation() prefers the entry whose message the failure contains", () => {
  const d = [
    { scenario: "interop/x", client: "*:*", server: "rustls", reason: "a", message: "second use" },
    {
      scenario: "interop/x",
      client: "wolfssl:5.7",
      server: "rustls",
      reason: "b",
      message: "first use",
    },
  ];
  const target = {
    scenario: "interop/x",
    client: WOLF57,
    server: { implementation: "rustls", id: "rustls" },
  };
  assert.equal(
    findDeviation(d, { ...target, message: "Expectation failed: the first use …" }),
    d[1],
  );
  assert.equal(
    findDeviation(d, { ...target, message: "Expectation failed: the second use …" }),
    d[0],
  );
  // No entry names the failure, or the result passed: the first covering entry, as before.
  assert.equal(findDeviation(d, { ...target, message: "something else" }), d[0]);
  assert.equal(findDeviation(d, target), d[0]);
});
