/**
 * Runnable TLS peers that are not OpenSSL: a Deno TLS server and a Deno TLS client driver, both
 * on Deno's rustls (`Deno.listenTls` / `Deno.connectTls`). Each file is also a CLI; see
 * servers/README.md for the line protocol and the facts measured with them.
 *
 * @example
 * ```ts
 * import { runDenoTlsClient, startDenoTlsServer } from "./mod.ts";
 * import { createTestPki } from "../harness/pki/mod.ts";
 * await using pki = await createTestPki();
 * await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key });
 * const results = await runDenoTlsClient({
 *   port: server.port,
 *   ca: pki.caCert,
 *   request: "INFO\nQUIT\n",
 * });
 * console.log(results[0].response);
 * ```
 * @module
 */
export * from "./deno_tls_server.ts";
export * from "./deno_tls_client.ts";
