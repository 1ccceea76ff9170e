import assert from "node:assert/strict";
import { createTestPki } from "../../pki/mod.ts";
import { measureSessionApi } from "./api_measure.ts";
import { FETCHED, liveName } from "../../../testing/impl/boringssl_builds.ts";

for (const family of ["10", "13", "14"]) {
  Deno.test({
    name: liveName("measureSessionApi() sees BoringSSL's TLS 1.3 session API differences", family),
    ignore: !FETCHED.has(family),
    async fn() {
      await using pki = await createTestPki();
      const o = await measureSessionApi(FETCHED.get(family)!, {
        cert: pki.chain,
        key: pki.key,
        caFile: pki.caCert,
      });
      assert.equal(o.tls13Handshake, true);
      // Tickets leave the server only with its first write, and reach only the callback.
      assert.equal(o.tls13CallbacksBeforeServerWrite, 0);
      assert.equal(o.tls13CallbacksAfterServerWrite, 2);
      assert.equal(o.tls13GetSessionChangedByTickets, false);
      // GS-8: SSL_get_session never yields a session that resumes; the callback's does.
      assert.equal(o.tls13ReusedWithGet1Session, 0);
      assert.equal(o.tls13ReusedWithCallbackSession, 1);
      // 10.0.0's SSL_SESSION_is_resumable says 1 for everything, 13/14 tell the truth.
      const resumable = family === "10" ? 1 : 0;
      assert.equal(o.tls13ResumableBeforeTickets, resumable);
      assert.equal(o.tls13GetSessionResumableAfterTickets, resumable);
      assert.equal(o.sessionNewResumable, resumable);
      assert.deepEqual(o.tls13CallbackSessionsResumable, [1, 1]);
      assert.equal(o.sessionNewNonNull, true);
      // TLS 1.2 without tickets and server cache: no session ID, no callback.
      assert.equal(o.tls12Handshake, true);
      assert.equal(o.tls12CacheOffSessionIdLength, 0);
      assert.equal(o.tls12CacheOffCallbacks, 0);
      assert.equal(o.setNumTickets, family !== "10");
    },
  });
}
