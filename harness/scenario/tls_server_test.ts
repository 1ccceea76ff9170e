import assert from "node:assert/strict";
import { chooseTlsServer, type TlsServerKind, type TlsServerOptions } from "./tls_server.ts";
import { UnsupportedError } from "./unsupported_error.ts";
import { ScenarioContext } from "./context.ts";
import type { Build } from "../impl/mod.ts";

const build = (over: Partial<Build>): Build => ({
  implementation: "openssl",
  id: "3.5.9",
  version: "OpenSSL 3.5.9",
  family: "3.5",
  source: "fetched",
  capabilities: ["cli-client", "cli-server", "session-file", "api", "tcp-peer"],
  cliDialect: "openssl",
  ...over,
});

// The builds as the registry lists them (capabilities and dialects), one per kind of server.
const OPENSSL = build({});
const BSSL_14 = build({
  implementation: "boringssl",
  id: "boringssl-14.0.0",
  cliDialect: "bssl",
});
const BSSL_10 = build({
  implementation: "boringssl",
  id: "boringssl-10.0.0",
  capabilities: ["api", "tcp-peer"],
  cliDialect: undefined,
});
const GNUTLS = build({
  implementation: "gnutls",
  id: "gnutls-3.8.9",
  capabilities: ["cli-client", "cli-server"],
  cliDialect: "gnutls",
});
const WOLFSSL = build({
  implementation: "wolfssl",
  id: "wolfssl-5.7.2",
  capabilities: ["api", "tcp-peer"],
  cliDialect: undefined,
});
const RUSTLS = build({
  implementation: "rustls",
  id: "rustls",
  capabilities: ["tcp-peer"],
  cliDialect: undefined,
});

const CASES: [Build, TlsServerOptions, TlsServerKind | RegExp][] = [
  [OPENSSL, { tls: "1.3" }, "s_server"],
  [OPENSSL, { tls: "1.2", tickets: false, cache: false, numTickets: 0 }, "s_server"],
  [BSSL_14, { tls: "1.3" }, "bssl server"],
  // bssl server has no ticket or cache flags: the same library through the FFI driver serves.
  [BSSL_14, { tls: "1.2", tickets: false }, "ffi"],
  [BSSL_14, { tls: "1.2", cache: false }, "ffi"],
  [BSSL_14, { tls: "1.3", numTickets: 1 }, "ffi"],
  [BSSL_10, { tls: "1.3" }, "ffi"],
  [WOLFSSL, { tls: "1.2", tickets: false }, "ffi"],
  [GNUTLS, { tls: "1.2", tickets: false, cache: false }, "gnutls-serv"],
  [GNUTLS, { tls: "1.3", numTickets: 1 }, /gnutls-serv cannot honour numTickets: 1/],
  [RUSTLS, { tls: "1.3" }, "deno"],
  [RUSTLS, { tls: "1.2", cache: false }, /"rustls".*deno cannot honour cache: false/],
  [RUSTLS, { tls: "1.2", tickets: false }, /deno cannot honour tickets: false/],
  [
    build({ implementation: "gnutls", id: "g", capabilities: ["cli-client"] }),
    { tls: "1.3" },
    /no CLI server of a known dialect, and not both "api" and "tcp-peer" \(it has cli-client\)/,
  ],
];

for (const [b, options, want] of CASES) {
  Deno.test(
    `chooseTlsServer() on ${b.id} with ${JSON.stringify(options)}: ${
      want instanceof RegExp ? "unsupported" : want
    }`,
    () => {
      if (want instanceof RegExp) {
        assert.throws(() => chooseTlsServer(b, options), (e: unknown) => {
          assert.ok(e instanceof UnsupportedError, String(e));
          assert.match(e.message, want);
          assert.match(e.message, new RegExp(`server build "${b.id}"`));
          return true;
        });
      } else {
        assert.equal(chooseTlsServer(b, options), want);
      }
    },
  );
}

Deno.test("ScenarioContext.tlsServer() checks its options before choosing or starting anything", async () => {
  await using ctx = new ScenarioContext({
    scenario: { name: "t/options", claims: ["IX-1"], tags: [], file: "" },
    client: OPENSSL,
    server: RUSTLS,
    dir: "/nonexistent",
    pki: { caCert: "/x/ca.pem", cert: "/x/leaf.pem", key: "/x/leaf.key", chain: "/x/chain.pem" },
    signal: new AbortController().signal,
    stepTimeoutMs: 1000,
  });
  const bad = <T>(o: unknown) => o as T;
  await assert.rejects(
    () => ctx.tlsServer(bad({ tls: "1.3", numTicket: 1 })),
    /ctx\.tlsServer\(\): unknown option "numTicket" \(did you mean "numTickets"\?\)/,
  );
  await assert.rejects(() => ctx.tlsServer(bad({ tickets: false })), /option "tls" is required/);
  await assert.rejects(
    () => ctx.tlsServer({ tls: "1.2", cache: false }),
    (e: unknown) =>
      e instanceof UnsupportedError && /deno cannot honour cache: false/.test(e.message),
  );
});
