import assert from "node:assert/strict";
import { serverGrid } from "./_server_grid.ts";
import type { InteropReport } from "./_interop_table.ts";

function result(
  scenario: string,
  variant: string | undefined,
  client: string,
  server: [string, string],
  status: string,
  extra: { notes?: string[]; message?: string } = {},
): InteropReport["results"][number] {
  return {
    scenario,
    variant,
    status,
    client: { id: client, version: client },
    server: { id: server[1], version: server[1], implementation: server[0] },
    notes: extra.notes ?? [],
    ...(extra.message ? { message: extra.message } : {}),
  } as InteropReport["results"][number];
}

const IX1 = "interop/cli_client_resumes_openssl_session";
const IX4 = "interop/cli_client_resumes_openssl_session_id";
const WOLF: [string, string] = ["wolfssl", "wolfssl-5.7.2"];
const DENO: [string, string] = ["rustls", "rustls"];

Deno.test("serverGrid() has a row per server build, the peer that served and each client's verdict", () => {
  const peer = { notes: ['measured server="ffi"'] };
  const md = serverGrid({
    results: [
      result(IX1, "1.3", "system", WOLF, "pass", peer),
      result(IX1, "1.3", "boringssl-14.0.0", WOLF, "xfail", peer),
      result(IX1, "1.2", "system", WOLF, "pass", peer),
      result(IX4, undefined, "system", WOLF, "fail", peer),
      // A client without a CLI says nothing of the server: left out.
      result(IX1, "1.3", "wolfssl-5.7.2", WOLF, "unsupported", {
        message: 'Unsupported: client build "wolfssl-5.7.2" (wolfssl) lacks "cli-client"',
      }),
      result(IX1, "1.2", "system", DENO, "unsupported", {
        message: 'Unsupported: server build "rustls" (rustls) has no TLS server for these ' +
          "options: deno cannot honour cache: false (Deno.listenTls has no session-cache option)",
      }),
      result("interop/deno_server_tickets_resume", undefined, "system", WOLF, "fail"),
    ],
  });
  const rows = md.split("\n");
  assert.equal(rows.length, 4, md);
  assert.equal(
    rows[2],
    "| rustls rustls | - | unsupported | unsupported (cache: false) | unsupported |",
  );
  assert.equal(
    rows[3],
    "| wolfssl wolfssl-5.7.2 | ffi | pass ×1; xfail: boringssl-14.0.0 | pass ×1 | fail: system |",
  );
});
