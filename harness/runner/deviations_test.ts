import assert from "node:assert/strict";
import {
  DEVIATIONS_FILE,
  findDeviation,
  readDeviations,
  scenarioMatches,
  versionInRange,
} from "./deviations.ts";
import {
  BUILTIN_SCENARIOS_DIR,
  expandVariants,
  findScenarioFiles,
  loadScenarios,
} from "../scenario/mod.ts";

const V111 = "OpenSSL 1.1.1w  11 Sep 2023";
const V30 = "OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)";
const V35 = "OpenSSL 3.5.7 9 Jun 2026";

Deno.test("versionInRange() reads prefixes, comparators and wildcards", () => {
  assert.equal(versionInRange(V111, "1.1.1"), true);
  assert.equal(versionInRange(V30, "1.1.1"), false);
  assert.equal(versionInRange(V30, "3"), true);
  assert.equal(versionInRange(V35, "3.0"), false);
  assert.equal(versionInRange(V35, ">=3.0 <3.6"), true);
  assert.equal(versionInRange(V35, ">=3.6"), false);
  assert.equal(versionInRange(V30, "*"), true);
  assert.equal(versionInRange(V30, undefined), true);
  assert.equal(versionInRange(V30, "3.0.19"), true);
  assert.equal(versionInRange(V30, "3.0.20"), false);
});

Deno.test("findDeviation() matches scenario, client and server ranges", () => {
  const d = [{ scenario: "get_session/*", server: "1.1.1", reason: "r" }];
  const at = (scenario: string, client: string, server: string, variant?: string) => ({
    scenario,
    variant,
    client: { version: client },
    server: { version: server },
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
    client: { version: V30 },
    server: { version: V30 },
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

Deno.test("findDeviation() keys entries by implementation; none named means OpenSSL only", () => {
  const BSSL14 = { implementation: "boringssl", version: "BoringSSL (Android 14.0.0, Debian …)" };
  const BSSL10 = { implementation: "boringssl", version: "BoringSSL (Android 10.0.0, Debian …)" };
  const WOLF57 = { implementation: "wolfssl", version: "5.7.2" };
  const openssl = { version: V30 };
  const at = (scenario: string, client: object, server: object) =>
    ({ scenario, client, server }) as Parameters<typeof findDeviation>[1];
  const plain = [{ scenario: "a", reason: "r" }];
  // A wolfSSL "5.7.2" is no OpenSSL 5.x: an entry without an implementation ignores forks.
  assert.equal(findDeviation(plain, at("a", WOLF57, WOLF57)), undefined);
  assert.ok(findDeviation(plain, at("a", openssl, openssl)));
  const forks = [
    { scenario: "a", implementation: "boringssl", client: ">=13", reason: "r" },
    { scenario: "b", implementation: "wolfssl", serverImplementation: "openssl", reason: "r" },
  ];
  assert.ok(findDeviation(forks, at("a", BSSL14, BSSL14)));
  assert.equal(findDeviation(forks, at("a", BSSL10, BSSL10)), undefined);
  assert.equal(findDeviation(forks, at("a", openssl, openssl)), undefined);
  assert.ok(findDeviation(forks, at("b", WOLF57, openssl)));
  assert.equal(findDeviation(forks, at("b", WOLF57, WOLF57)), undefined);
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
