import assert from "node:assert/strict";
import { LIBCRYPTO_SYMBOLS, LIBSSL_SYMBOLS } from "../../ffi/symbols.ts";
import { boringsslSymbols } from "./symbols.ts";

const DRIVER = [...Object.keys(LIBSSL_SYMBOLS), ...Object.keys(LIBCRYPTO_SYMBOLS)];

Deno.test("boringsslSymbols() answers for every symbol the driver binds", () => {
  for (const family of ["10", "13", "14"] as const) {
    const map = boringsslSymbols(family);
    const unanswered = DRIVER.filter((s) => !(s in map));
    assert.deepEqual(unanswered, [], `${family}: add an entry (or null) for these`);
  }
});

Deno.test("boringsslSymbols() explains every signature or name that differs", () => {
  for (const family of ["10", "13", "14"] as const) {
    for (const [openssl, e] of Object.entries(boringsslSymbols(family))) {
      if (!e) continue;
      if (e.parameters || e.result || e.name !== openssl) {
        assert.ok(e.note, `${family}: ${openssl} → ${e.name} differs without a note`);
      }
    }
  }
});

Deno.test("boringsslSymbols() maps the known differences", () => {
  const m14 = boringsslSymbols("14");
  assert.deepEqual(m14.SSL_SESSION_new?.parameters, ["pointer"]);
  assert.equal(m14.SSL_CTX_ctrl, null);
  assert.equal(m14.SSL_SESSION_dup, null);
  assert.equal(m14.CRYPTO_get_ex_new_index?.name, "SSL_SESSION_get_ex_new_index");
  assert.deepEqual(m14.SSL_CTX_set_session_id_context?.parameters, ["pointer", "buffer", "usize"]);
  assert.equal(m14.SSL_CTX_sess_number?.result, "usize");
  assert.equal(m14.SSL_CTX_set_num_tickets?.name, "SSL_CTX_set_num_tickets");
  assert.equal(boringsslSymbols("10").SSL_CTX_set_num_tickets, null);
  assert.match(boringsslSymbols("10").SSL_SESSION_is_resumable!.note!, /returns 1 for every/);
});
