import type { ClaimRecord } from "./claim.ts";

/**
 * The seed claims: the three pages the project started from, worded as the spec
 * (`../shared/spec/CLAIMS.md`) words them, each with the page's own sentence it stands for
 * (`quote`, OpenSSL 3.0 wording) so that drift between versions can be looked up.
 */
export const SEED_CLAIMS: readonly ClaimRecord[] = [
  {
    id: "GS-1",
    document: "SSL_get_session(3)",
    text: "SSL_get_session() returns a pointer to the SSL_SESSION actually used in ssl.",
    quote: "SSL_get_session() returns a pointer to the SSL_SESSION actually used in ssl.",
    observed: "API; CLI (SSL-Session block)",
  },
  {
    id: "GS-2",
    document: "SSL_get_session(3)",
    text: "SSL_get0_session() is the same as SSL_get_session().",
    quote: "SSL_get0_session() is the same as SSL_get_session().",
    observed: "API (same pointer)",
  },
  {
    id: "GS-3",
    document: "SSL_get_session(3)",
    text: "SSL_get1_session() is the same, but the reference count is incremented by one.",
    quote:
      "SSL_get1_session() is the same as SSL_get_session(), but the reference count of the SSL_SESSION is incremented by one.",
    observed: "API (ex_data free callback shows when a session is really freed)",
  },
  {
    id: "GS-4",
    document: "SSL_get_session(3)",
    text:
      "The session pointer from get/get0 is only valid while the connection is in use; after SSL_free/SSL_clear the session may be freed.",
    quote:
      "As the reference counter is not incremented, the pointer is only valid while the connection is in use.",
    observed: "API",
  },
  {
    id: "GS-5",
    document: "SSL_get_session(3)",
    text:
      "If the data is to be kept, SSL_get1_session() keeps the session in memory until SSL_SESSION_free() is called once.",
    quote:
      "If the data is to be kept, SSL_get1_session() will increment the reference count, so that the session will not be implicitly removed by other operations but stays in memory.",
    observed: "API",
  },
  {
    id: "GS-6",
    document: "SSL_get_session(3)",
    text:
      "Up to TLSv1.2 the session contains all information to re-establish the connection without a full handshake.",
    quote:
      "The ssl session contains all information required to re-establish the connection without a full handshake for SSL versions up to and including TLSv1.2.",
    observed: 'CLI (`-sess_out` then `-sess_in` \\u2192 "Reused"), API',
  },
  {
    id: "GS-7",
    document: "SSL_get_session(3)",
    text:
      "In TLSv1.3 the session is established after the main handshake; the server sends it when it chooses, or never.",
    quote:
      "The server will send the session information to the client at a time of its choosing, which may be some while after the initial connection is established (or never).",
    observed: "CLI (`-num_tickets 0` → no session file), API",
  },
  {
    id: "GS-8",
    document: "SSL_get_session(3)",
    text:
      "In TLSv1.3, before the session is established, the functions still return an SSL_SESSION, but it cannot be used for resumption (SSL_SESSION_is_resumable).",
    quote:
      "Calling these functions on the client side in TLSv1.3 before the session has been established will still return an SSL_SESSION object but that object cannot be used for resuming the session.",
    observed: "API (resumable = 0 before the ticket, 1 after); CLI",
  },
  {
    id: "GS-9",
    document: "SSL_get_session(3)",
    text:
      "With several tickets on one connection, the client side returns the last session received.",
    quote:
      "In that case, on the client side, the above functions will only return information on the last session that was received.",
    observed: "CLI (`-sess_out` holds the last ticket), API",
  },
  {
    id: "GS-10",
    document: "SSL_get_session(3)",
    text:
      "On the server side: the last session sent, or the current connection's session if no ticket was sent.",
    quote:
      "On the server side they will only return information on the last session that was sent, or if no session tickets were sent then the session for the current connection.",
    observed: "CLI (`s_server -www` page), API",
  },
  {
    id: "GS-11",
    document: "SSL_get_session(3)",
    text:
      "The new-session callback is invoked only when a session is actually established, once per session the server sends.",
    quote:
      "The new session callback is only invoked when a session is actually established, so this avoids the problem described above where an application obtains an SSL_SESSION object that cannot be used for resumption in TLSv1.3.",
    observed: "API (callback count = tickets), CLI",
  },
  {
    id: "GS-12",
    document: "SSL_get_session(3)",
    text:
      "A session is removed from the cache and marked non-resumable if the connection is not shut down cleanly (fatal error, or SSL_free without SSL_shutdown).",
    quote:
      "A session will be automatically removed from the session cache and marked as non-resumable if the connection is not closed down cleanly, e.g. if a fatal error occurs on the connection or SSL_shutdown(3) is not called prior to SSL_free(3).",
    observed: "CLI (kill the client, then try to resume), API",
  },
  {
    id: "GS-13",
    document: "SSL_get_session(3)",
    text: "In TLSv1.3 each SSL_SESSION should be used for resumption only once.",
    quote:
      "In TLSv1.3 it is recommended that each SSL_SESSION object is only used for resumption once.",
    observed: "CLI (second use of a ticket against stateful and stateless servers)",
  },
  {
    id: "GS-14",
    document: "SSL_get_session(3)",
    text: "A session can be removed at any time on timeout during SSL_CTX_flush_sessions().",
    quote:
      "Even if the session is valid, it can be removed at any time due to timeout during SSL_CTX_flush_sessions(3).",
    observed: "API",
  },
  {
    id: "GS-15",
    document: "SSL_get_session(3)",
    text: "One SSL_SESSION must only be used with one SSL_CTX (session id context).",
    quote:
      "One SSL_SESSION object, regardless of its reference count, must therefore only be used with one SSL_CTX object (and the SSL objects created from this SSL_CTX object).",
    observed: "CLI (`-context` mismatch), API",
  },
  {
    id: "GS-16",
    document: "SSL_get_session(3)",
    text: "NULL is returned when there is no session available in ssl (e.g. before any handshake).",
    quote: "There is no session available in ssl.",
    observed: "API (fresh SSL → NULL); CLI (failed handshake → no session file)",
  },
  {
    id: "SN-1",
    document: "SSL_SESSION_new(3)",
    text:
      "SSL_SESSION_new() creates a new SSL_SESSION and returns a pointer to it (NULL on error).",
    quote: "SSL_SESSION_new() creates a new SSL_SESSION structure and returns a pointer to it.",
    observed: "API",
  },
  {
    id: "SN-2",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION_dup() copies the contents of src and returns a new pointer (since 1.1.1).",
    quote: "SSL_SESSION_dup() creates a new SSL_SESSION structure that is a copy of src.",
    observed: "API (i2d bytes equal, pointer differs)",
  },
  {
    id: "SN-3",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION_up_ref() increments the reference count; returns 1 on success.",
    quote:
      "SSL_SESSION_up_ref() increments the reference count on the given SSL_SESSION structure.",
    observed: "API",
  },
  {
    id: "SN-4",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION_free() decrements the count and frees at 0; free(NULL) does nothing.",
    quote:
      "SSL_SESSION_free() decrements the reference count of session and removes the SSL_SESSION structure pointed to by session and frees up the allocated memory, if the reference count has reached 0.",
    observed: "API (ex_data free callback)",
  },
  {
    id: "SN-5",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION objects are allocated when a handshake completes successfully.",
    quote:
      "SSL_SESSION objects are allocated, when a TLS/SSL handshake operation is successfully completed.",
    observed: "API, CLI",
  },
  {
    id: "SS-1",
    document: "SSL_set_session(3)",
    text:
      "SSL_set_session() sets the session to be used when the connection is established (useful for clients only).",
    quote:
      "SSL_set_session() sets session to be used when the TLS/SSL connection is to be established.",
    observed: "CLI (`-sess_in`), API",
  },
  {
    id: "SS-2",
    document: "SSL_set_session(3)",
    text: "When set, the session's reference count is incremented by 1.",
    quote: "When the session is set, the reference count of session is incremented by 1.",
    observed: "API",
  },
  {
    id: "SS-3",
    document: "SSL_set_session(3)",
    text: "If the session is not reused, the count is decremented again during SSL_connect().",
    quote:
      "If the session is not reused, the reference count is decremented again during SSL_connect().",
    observed: "API",
  },
  {
    id: "SS-4",
    document: "SSL_set_session(3)",
    text: "Whether the session was reused can be queried with SSL_session_reused().",
    quote: "Whether the session was reused can be queried with the SSL_session_reused(3) call.",
    observed: 'CLI ("Reused," vs "New,"), API',
  },
  {
    id: "SS-5",
    document: "SSL_set_session(3)",
    text: "A session already set is released (SSL_SESSION_free) when another is set.",
    quote:
      "If there is already a session set inside ssl (because it was set with SSL_set_session() before or because the same ssl was already used for a connection), SSL_SESSION_free() will be called for that session.",
    observed: "API",
  },
  {
    id: "SS-6",
    document: "SSL_set_session(3)",
    text: "Returns 1 on success, 0 on failure.",
    quote: "The operation failed; check the error stack to find out the reason.",
    observed: "API",
  },
  {
    id: "DT-1",
    document: "Beyond the man pages: interop with Deno TLS (rustls)",
    text:
      "A Deno TLS server's TLS 1.3 tickets can be resumed by `openssl s_client` of every supported version.",
    observed: "DENO + CLI",
  },
  {
    id: "DT-2",
    document: "Beyond the man pages: interop with Deno TLS (rustls)",
    text:
      "A Deno TLS server's tickets are single-use (stateful), or the harness records that they are not.",
    observed: "DENO + CLI",
  },
  {
    id: "DT-3",
    document: "Beyond the man pages: interop with Deno TLS (rustls)",
    text:
      "A Deno TLS client against `openssl s_server`: whether it ever resumes across connections (recorded fact).",
    observed: "DENO + CLI",
  },
  {
    id: "IX-1",
    document: "Beyond the man pages: interop across implementations",
    text:
      "A session the server of any implementation issues (a TLS 1.3 ticket, a TLS 1.2 ticket) is resumed by the client of every implementation on its next connection.",
    observed: "CLI (s_client -sess_out/-sess_in, bssl client -test-resumption, gnutls-cli " +
      "--resume) or TCP-PEER (FFI driver connect_tcp + SSL_set_session; Deno TLS client)",
  },
  {
    id: "IX-2",
    document: "Beyond the man pages: interop across implementations",
    text:
      "A client's session file holds the last ticket the server sent, and another connection resumes from it.",
    observed: "CLI (session-file capability; s_server -msg NewSessionTicket bytes)",
  },
  {
    id: "IX-3",
    document: "Beyond the man pages: interop across implementations",
    text:
      "A TLS 1.3 ticket offered twice: whether the server accepts the second use (recorded fact per server).",
    observed: "CLI or TCP-PEER (s_client, bssl client -session-in, FFI SSL_set_session)",
  },
  {
    id: "IX-4",
    document: "Beyond the man pages: interop across implementations",
    text: "A TLS 1.2 session ID the server cached is resumed by the other implementation's client.",
    observed: "CLI or TCP-PEER (FFI driver)",
  },
  {
    id: "IX-5",
    document: "Beyond the man pages: interop across implementations",
    text:
      "A client implementation resumes across connections only when handed the earlier session (a fresh connection is new).",
    observed: "CLI or TCP-PEER (FFI driver with no client-side store)",
  },
];
