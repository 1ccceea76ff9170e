import assert from "node:assert/strict";
import { SecretRedactor } from "./redact.ts";
import type { ScenarioResult } from "./events.ts";

const MK =
  "6CA384142F0E0AD45CF5AB7E58F8E49CD73A0AED575966276390C80D5559D4DFCB27DEDDDA93C9FBE7486C9DAB018DB1";
const SID = "A8EDFD6D034072F74AA7C59DF9260ED68F3AF12C4C143408E6D7C9C8F6FCCFB0";

function result(over: Partial<ScenarioResult>): ScenarioResult {
  const build = { id: "system", version: "OpenSSL 3.0.19", path: "/usr/bin/openssl" };
  return {
    scenario: "s",
    file: "s.ts",
    claims: [],
    tags: [],
    status: "fail",
    client: build,
    server: build,
    durationMs: 1,
    expectations: [],
    peers: [],
    repro: [],
    notes: [],
    ...over,
  };
}

Deno.test("SecretRedactor.redactResult() replaces a labelled secret everywhere in the run, in either case, with one placeholder", () => {
  const r = new SecretRedactor();
  const first = r.redactResult(result({
    peers: [{
      role: "s_client",
      command: "openssl s_client",
      exitCode: 0,
      stdout: `    Session-ID: ${SID}\n    Session-ID-ctx: 01000000\n    Master-Key: ${MK}\n`,
      stderr: "",
    }],
    message: `master key was ${MK.toLowerCase()}`,
  }));
  assert.match(first.peers[0].stdout, /Session-ID: <secret Session-ID #1>\n/);
  assert.match(first.peers[0].stdout, /Session-ID-ctx: 01000000\n/);
  assert.match(first.peers[0].stdout, /Master-Key: <secret Master-Key #1>\n/);
  assert.equal(first.message, "master key was <secret Master-Key #1>");
  // A later result that only mentions the value (no label) is redacted too.
  const later = r.redactResult(result({ notes: [`id ${SID.toLowerCase()} again`] }));
  assert.deepEqual(later.notes, ["id <secret Session-ID #1> again"]);
  assert.equal(r.secretCount, 2);
});

Deno.test("SecretRedactor.redactText() removes session PEM blocks, private keys and key-log secrets, keeps certificates", () => {
  const r = new SecretRedactor();
  const text = [
    "-----BEGIN SSL SESSION PARAMETERS-----",
    "MIIDKgIBAQICAwQEAhMCBCC9iVE0BkxlMfFGT5jFgA+r",
    "-----END SSL SESSION PARAMETERS-----",
    "-----BEGIN PRIVATE KEY-----",
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg",
    "-----END PRIVATE KEY-----",
    "-----BEGIN CERTIFICATE-----",
    "MIIBszCCAVmgAwIBAgIUQ",
    "-----END CERTIFICATE-----",
    `CLIENT_TRAFFIC_SECRET_0 ${"11".repeat(32)} ${"ab".repeat(32)}`,
  ].join("\n");
  const out = r.redactText(text);
  assert.ok(!out.includes("MIIDKgIBAQICAwQEAhMCBCC9iVE0BkxlMfFGT5jFgA+r"));
  assert.ok(!out.includes("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg"));
  assert.ok(out.includes("MIIBszCCAVmgAwIBAgIUQ"), "a certificate is public");
  assert.ok(!out.includes("ab".repeat(32)));
  assert.ok(out.includes(`CLIENT_TRAFFIC_SECRET_0 ${"11".repeat(32)} <secret key-log secret #1>`));
});

Deno.test("SecretRedactor.redactResult() treats long hex in a check about a master key or session id as a secret", () => {
  const r = new SecretRedactor();
  const out = r.redactResult(result({
    expectations: [{
      claim: "GS-9",
      description: "the session's master key is all zeros",
      passed: false,
      actual: `"${MK.toLowerCase()}"`,
      expected: `"00"`,
    }],
  }));
  assert.equal(out.expectations[0].actual, `"<secret value #1>"`);
  assert.equal(out.expectations[0].expected, `"00"`);
});
