import assert from "node:assert/strict";
import type { Build } from "./build.ts";
import {
  parseAlternatives,
  parseRequirement,
  sidesOf,
  unmetRequirement,
  unmetRequirements,
} from "./capability.ts";

const build = (over: Partial<Build>): Build => ({
  implementation: "openssl",
  id: "3.5.9",
  version: "OpenSSL 3.5.9",
  family: "3.5",
  source: "fetched",
  capabilities: ["cli-client", "cli-server", "session-file", "api", "tcp-peer"],
  cliDialect: "openssl",
  sessionFileFormat: "openssl-pem",
  ...over,
});

Deno.test("parseRequirement() reads capability, qualifier and place; cli-server is the server's", () => {
  assert.deepEqual(parseRequirement("api"), { text: "api", capability: "api", side: "client" });
  assert.deepEqual(parseRequirement("cli-server:openssl"), {
    text: "cli-server:openssl",
    capability: "cli-server",
    qualifier: "openssl",
    side: "server",
  });
  assert.equal(parseRequirement("cli-client:openssl@server").side, "server");
  assert.equal(parseRequirement("tcp-peer@server").side, "server");
});

Deno.test("parseRequirement() refuses unknown capabilities, stray qualifiers and places", () => {
  assert.throws(() => parseRequirement("ffi"), /Unknown requirement "ffi": expected a capability/);
  assert.throws(() => parseRequirement("api:openssl"), /"api" takes no qualifier/);
  assert.throws(() => parseRequirement("api@peer"), /"@client" or "@server"/);
  assert.throws(() => parseRequirement(""), RangeError);
});

Deno.test("unmetRequirement() names the capability, the build and what it has", () => {
  const gnutls = build({
    implementation: "gnutls",
    id: "gnutls-3.8.9",
    capabilities: ["cli-client", "cli-server"],
    cliDialect: "gnutls",
    sessionFileFormat: undefined,
  });
  assert.equal(unmetRequirement(gnutls, "cli-client"), undefined);
  assert.equal(
    unmetRequirement(gnutls, "cli-client:openssl"),
    'client build "gnutls-3.8.9" (gnutls) has "cli-client" but its cli-client dialect is ' +
      '"gnutls", not "openssl" (needed for "cli-client:openssl")',
  );
  assert.equal(
    unmetRequirement(gnutls, "api"),
    'client build "gnutls-3.8.9" (gnutls) lacks "api" (needed for "api"; it has cli-client, ' +
      "cli-server)",
  );
  assert.match(
    unmetRequirement(build({ capabilities: [] }), "tcp-peer")!,
    /lacks "tcp-peer" \(needed for "tcp-peer"; it has no capability\)/,
  );
  assert.match(
    unmetRequirement(build({ sessionFileFormat: "boringssl-pem" }), "session-file:openssl-pem")!,
    /session-file format is "boringssl-pem", not "openssl-pem"/,
  );
});

Deno.test("unmetRequirements() checks each requirement on its side of the pair", () => {
  const openssl = build({});
  const wolf = build({
    implementation: "wolfssl",
    id: "wolfssl-5.7.2",
    capabilities: ["api", "tcp-peer"],
    cliDialect: undefined,
  });
  const reqs = ["tcp-peer", "api", "cli-server:openssl"];
  assert.equal(unmetRequirements(reqs, wolf, openssl), undefined);
  assert.match(unmetRequirements(reqs, openssl, wolf)!, /^server build "wolfssl-5\.7\.2"/);
  assert.equal(unmetRequirements([], wolf, wolf), undefined);
});

Deno.test("sidesOf() says which builds a scenario involves", () => {
  assert.deepEqual([...sidesOf(["api", "tcp-peer"])], ["client"]);
  assert.deepEqual([...sidesOf(["cli-server:openssl"])], ["server"]);
  assert.deepEqual([...sidesOf(["cli-client", "cli-server"])].sort(), ["client", "server"]);
  assert.equal(sidesOf([]).size, 0);
});

Deno.test("unmetRequirement() says why a capability is absent when the probe found out", () => {
  const b = build({
    implementation: "rustls",
    id: "rustls",
    capabilities: ["tcp-peer"],
    missing: { api: "rustls inside Deno has no C API to drive through FFI" },
  });
  assert.equal(
    unmetRequirement(b, "api"),
    'client build "rustls" (rustls) lacks "api": rustls inside Deno has no C API to drive ' +
      'through FFI (needed for "api"; it has tcp-peer)',
  );
});

Deno.test("a requirement with alternatives is met by any one, and says why none is", () => {
  const wolf = {
    implementation: "wolfssl",
    id: "wolfssl-5.7.2",
    version: "5.7.2",
    family: "5.7",
    source: "fetched" as const,
    capabilities: ["api" as const, "tcp-peer" as const],
  };
  const gnutls = {
    implementation: "gnutls",
    id: "gnutls-3.8.9",
    version: "gnutls-cli 3.8.9",
    family: "3.8",
    source: "fetched" as const,
    capabilities: ["cli-server" as const],
    cliDialect: "gnutls",
  };
  const needs = ["cli-server|tcp-peer@server"];
  assert.equal(unmetRequirements(needs, gnutls, wolf), undefined);
  assert.equal(unmetRequirements(needs, wolf, gnutls), undefined);
  const none = { ...wolf, id: "none", capabilities: [] };
  const why = unmetRequirements(needs, wolf, none) ?? "";
  assert.match(why, /lacks "cli-server".*; and .*lacks "tcp-peer"/);
  assert.deepEqual([...sidesOf(needs)], ["server"]);
  assert.throws(() => parseAlternatives("cli-server|tcp-peer"), /about different builds/);
});
