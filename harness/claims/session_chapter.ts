import type { ClaimRecord, UntestableSentence } from "./claim.ts";

type Row = readonly [id: string, quote: string, observed: string];

/** The rows of one page as records: each quote is the claim's text (the page's own words). */
function page(document: string, rows: readonly Row[]): ClaimRecord[] {
  return rows.map(([id, text, observed]) => ({ id, document, text, observed }));
}

/**
 * The session chapter beyond the seed pages: every testable sentence of each page, quoted
 * verbatim from OpenSSL 3.0's man page (markup removed). "observed" names the CLI evidence or
 * the libssl symbols an FFI scenario calls.
 */
export const SESSION_CHAPTER_CLAIMS: readonly ClaimRecord[] = [
  ...page("SSL_SESSION_is_resumable(3)", [
    [
      "IR-1",
      "SSL_SESSION_is_resumable() determines whether an SSL_SESSION object can be used to resume a session or not.",
      "API (SSL_get1_session + SSL_SESSION_is_resumable before and after the TLS 1.3 ticket)",
    ],
    [
      "IR-2",
      "Returns 1 if it can or 0 if not.",
      "API (SSL_SESSION_is_resumable on SSL_SESSION_new() → 0, on a ticket's session → 1)",
    ],
    [
      "IR-3",
      "Note that attempting to resume with a non-resumable session will result in a full handshake.",
      "API (SSL_set_session with a non-resumable session, then SSL_session_reused = 0); CLI (`-sess_in` of a file saved before the ticket → New)",
    ],
    [
      "IR-4",
      "SSL_SESSION_is_resumable() returns 1 if the session is resumable or 0 otherwise.",
      "API (SSL_SESSION_is_resumable after SSL_CTX_remove_session → 0)",
    ],
  ]),
  ...page("SSL_CTX_sess_set_new_cb(3)", [
    [
      "NC-1",
      "SSL_CTX_sess_set_new_cb() sets the callback function that is called whenever a new session was negotiated.",
      "API (Deno.UnsafeCallback counting calls; SSL_CTX_sess_set_new_cb)",
    ],
    [
      "NC-2",
      "SSL_CTX_sess_set_remove_cb() sets the callback function that is called whenever a session is removed by the SSL engine.",
      "API (SSL_CTX_sess_set_remove_cb + SSL_CTX_remove_session)",
    ],
    [
      "NC-3",
      "SSL_CTX_sess_set_get_cb() sets the callback function that is called whenever a TLS client proposed to resume a session but the session could not be found in the internal session cache (see SSL_CTX_set_session_cache_mode(3)).",
      "API (server SSL_CTX_sess_set_get_cb; TLS 1.2 client offers a session the server's cache lacks)",
    ],
    [
      "NC-4",
      "If a callback function has not been set, the NULL pointer is returned.",
      "API (SSL_CTX_sess_get_new_cb/get_remove_cb/get_get_cb on a fresh SSL_CTX → NULL)",
    ],
    [
      "NC-5",
      "SSL_CTX_sess_get_new_cb(), SSL_CTX_sess_get_remove_cb(), and SSL_CTX_sess_get_get_cb() retrieve the function pointers set by the corresponding set callback functions.",
      "API (get returns the pointer of the UnsafeCallback that was set)",
    ],
    [
      "NC-6",
      "The new_session_cb() is called whenever a new session has been negotiated and session caching is enabled (see SSL_CTX_set_session_cache_mode(3)).",
      "API (no call with SSL_SESS_CACHE_OFF on the client; calls with SSL_SESS_CACHE_CLIENT)",
    ],
    [
      "NC-7",
      "Since sessions are reference-counted objects, the reference count on the session is incremented before the callback, on behalf of the application.",
      "API (callback returns 1 and keeps the session; it stays usable after SSL_free/SSL_CTX_free until SSL_SESSION_free: ex_data free callback)",
    ],
    [
      "NC-8",
      "If the callback returns 0, the session will be immediately removed from the internal cache and the reference count released.",
      "API (callback returns 0; the ex_data free callback fires; SSL_CTX_sess_number unchanged on a caching client)",
    ],
    [
      "NC-9",
      'If the callback returns 1, the application retains the reference (for an entry in the application-maintained "external session cache"), and is responsible for calling SSL_SESSION_free() when the session reference is no longer in use.',
      "API (callback returns 1; no free until the test calls SSL_SESSION_free: ex_data free callback)",
    ],
    [
      "NC-10",
      "This means that applications should expect the new_session_cb() function to be invoked during the handshake (for <= TLSv1.2) or after the handshake (for TLSv1.3).",
      "API (memory-BIO handshake: callback count when SSL_do_handshake returns 1, and after the first SSL_read)",
    ],
    [
      "NC-11",
      "In these case the new_session_cb() function will be invoked multiple times.",
      "API (callback count = SSL_CTX_set_num_tickets on the server); CLI (`s_client -sess_out` with `-num_tickets 3`: 3 ticket blocks)",
    ],
    [
      "NC-12",
      "The remove_session_cb() is called whenever the SSL engine removes a session from the internal cache.",
      "API (SSL_CTX_sess_set_remove_cb; SSL_CTX_remove_session, SSL_CTX_flush_sessions)",
    ],
    [
      "NC-13",
      "This can happen when the session is removed because it is expired or when a connection was not shutdown cleanly.",
      "API (remove callback after SSL_SESSION_set_timeout(1)+flush, and after SSL_free without SSL_shutdown)",
    ],
    [
      "NC-14",
      "It also happens for all sessions in the internal session cache when SSL_CTX_free(3) is called.",
      "API (remove callback count = SSL_CTX_sess_number before SSL_CTX_free)",
    ],
    [
      "NC-15",
      "The get_session_cb() is only called on SSL/TLS servers, and is given the session id proposed by the client.",
      "API (server get callback receives the id bytes SSL_SESSION_get_id shows on the client; never called on the client)",
    ],
    [
      "NC-16",
      "The get_session_cb() is always called, even when session caching was disabled.",
      "API (server SSL_SESS_CACHE_OFF + get callback; TLS 1.2 resumption attempt)",
    ],
    [
      "NC-17",
      "By setting the parameter copy to 1, the callback can require the SSL engine to increment the reference count of the SSL_SESSION object; setting copy to 0 causes the reference count to remain unchanged.",
      "API (get callback writes *copy; ex_data free callback timing)",
    ],
    [
      "NC-18",
      "If the get_session_cb() does not write to copy, the reference count is incremented and the session must be explicitly freed with SSL_SESSION_free(3).",
      "API (get callback leaves *copy; the session outlives the connection until SSL_SESSION_free)",
    ],
  ]),
  ...page("SSL_CTX_set_session_cache_mode(3)", [
    [
      "CM-1",
      "SSL_CTX_get_session_cache_mode() returns the currently used cache mode.",
      "API (SSL_CTX_ctrl(SSL_CTRL_GET_SESS_CACHE_MODE = 45): the macro is a ctrl)",
    ],
    [
      "CM-2",
      "The sessions can be held in memory for each ctx, if more than one SSL_CTX object is being maintained, the sessions are unique for each SSL_CTX object.",
      "API (two server SSL_CTX: SSL_CTX_sess_number counts only its own; a session of one is not resumed by the other)",
    ],
    [
      "CM-3",
      "The server then either agrees to reuse the session or it starts a full handshake (to create a new session).",
      'CLI (`-sess_in` against a server that lost its cache → "New,"; against the same server → "Reused,")',
    ],
    [
      "CM-4",
      "No session caching for client or server takes place.",
      "CLI (`s_server -no_cache -no_ticket -tls1_2`: resumption → New); API (SSL_SESS_CACHE_OFF: SSL_CTX_sess_number = 0)",
    ],
    [
      "CM-5",
      "Client sessions are added to the session cache.",
      "API (client SSL_SESS_CACHE_CLIENT: SSL_CTX_sess_number = 1 after a handshake)",
    ],
    [
      "CM-6",
      "This option is not activated by default.",
      "API (fresh client SSL_CTX: cache mode lacks SSL_SESS_CACHE_CLIENT; sess_number stays 0)",
    ],
    [
      "CM-7",
      "Server sessions are added to the session cache.",
      "API (server SSL_CTX_sess_number = 1 after a TLS 1.2 handshake); CLI (`s_server -www` page: items in the session cache)",
    ],
    [
      "CM-8",
      "If the session is found, the server will try to reuse the session.",
      'CLI (`-tls1_2 -no_ticket -sess_in` → "Reused,")',
    ],
    [
      "CM-9",
      "Enable both SSL_SESS_CACHE_CLIENT and SSL_SESS_CACHE_SERVER at the same time.",
      "API (mode SSL_SESS_CACHE_BOTH = 3 caches on both sides: sess_number on each SSL_CTX)",
    ],
    [
      "CM-10",
      "Normally the session cache is checked for expired sessions every 255 connections using the SSL_CTX_flush_sessions(3) function.",
      "API (expired sessions in the cache; remove callback fires after the 255th new session, not before)",
    ],
    [
      "CM-11",
      "By setting this flag, session-resume operations in an SSL/TLS server will not automatically look up sessions in the internal cache, even if sessions are automatically stored there.",
      "API (server SSL_SESS_CACHE_NO_INTERNAL_LOOKUP: TLS 1.2 id resumption fails, sess_misses counts it)",
    ],
    [
      "CM-12",
      "As automatic lookup only applies for SSL/TLS servers, the flag has no effect on clients.",
      "API (client with NO_INTERNAL_LOOKUP still resumes with SSL_set_session)",
    ],
    [
      "CM-13",
      "This flag will prevent sessions being stored in the internal cache (though the application can add them manually using SSL_CTX_add_session(3)).",
      "API (server SSL_SESS_CACHE_NO_INTERNAL_STORE: sess_number = 0; after SSL_CTX_add_session = 1)",
    ],
    [
      "CM-14",
      "Updates the timestamp of the session when it is used, increasing the lifespan of the session.",
      "API (SSL_SESS_CACHE_UPDATE_TIME: SSL_SESSION_get_time of the cached session moves on resumption)",
    ],
    [
      "CM-15",
      "The default mode is SSL_SESS_CACHE_SERVER.",
      "API (SSL_CTX_ctrl GET_SESS_CACHE_MODE on a fresh SSL_CTX = 2)",
    ],
    [
      "CM-16",
      "SSL_CTX_set_session_cache_mode() returns the previously set cache mode.",
      "API (SSL_CTX_ctrl(SSL_CTRL_SET_SESS_CACHE_MODE = 44) returns the old mode)",
    ],
    [
      "CM-17",
      "SSL_CTX_get_session_cache_mode() returns the currently set cache mode.",
      "API (get after set returns the value set)",
    ],
  ]),
  ...page("SSL_CTX_flush_sessions(3)", [
    [
      "FL-1",
      "SSL_CTX_flush_sessions() causes a run through the session cache of ctx to remove sessions expired at time tm.",
      "API (SSL_CTX_flush_sessions(ctx, now + 400): SSL_CTX_sess_number drops to 0)",
    ],
    [
      "FL-2",
      "The parameter tm specifies the time which should be used for the expiration test, in most cases the actual time given by time(0) will be used.",
      "API (flush at now keeps the session, flush at now + timeout + 1 removes it)",
    ],
    [
      "FL-3",
      "SSL_CTX_flush_sessions() will only check sessions stored in the internal cache.",
      "API (an expired session held only by the application stays resumable-by-pointer; remove callback not called for it)",
    ],
    [
      "FL-4",
      "When a session is found and removed, the remove_session_cb is however called to synchronize with the external cache (see SSL_CTX_sess_set_get_cb(3)).",
      "API (remove callback count = sessions flushed)",
    ],
    [
      "FL-5",
      "This can either be done automatically whenever 255 new sessions were established (see SSL_CTX_set_session_cache_mode(3)) or manually by calling SSL_CTX_flush_sessions().",
      "API (as CM-10, and with SSL_SESS_CACHE_NO_AUTO_CLEAR no automatic flush)",
    ],
  ]),
  ...page("SSL_CTX_set_timeout(3)", [
    [
      "TO-1",
      "SSL_CTX_set_timeout() sets the timeout for newly created sessions for ctx to t.",
      "API (SSL_CTX_set_timeout then SSL_SESSION_get_timeout of the next session)",
    ],
    [
      "TO-2",
      "SSL_CTX_get_timeout() returns the currently set timeout value for ctx.",
      "API (SSL_CTX_get_timeout)",
    ],
    [
      "TO-3",
      "If the actual time is later than creation time plus timeout, the session is not reused.",
      'API (SSL_SESSION_set_time(now - 1000) then SSL_set_session → reused 0); CLI (`s_server -timeout`-less: a session file edited by the codec to an old time → "New,")',
    ],
    [
      "TO-4",
      "Changes of the timeout value do not affect already established sessions.",
      "API (SSL_CTX_set_timeout after the handshake; SSL_SESSION_get_timeout of the held session unchanged)",
    ],
    [
      "TO-5",
      "Whenever a new session is created, it is assigned a maximum lifetime.",
      "API (SSL_SESSION_get_timeout > 0 on every negotiated session); CLI (session file `Timeout   : 7200 (sec)`)",
    ],
    [
      "TO-6",
      "This lifetime is specified by storing the creation time of the session and the timeout value valid at this time.",
      "CLI (session file: `Start Time` and `Timeout`); API (SSL_SESSION_get_time, SSL_SESSION_get_timeout)",
    ],
    [
      "TO-7",
      "The expiration time of a single session can be modified using the SSL_SESSION_get_time(3) family of functions.",
      "API (SSL_SESSION_set_timeout(1), sleep past it, SSL_set_session → full handshake)",
    ],
    [
      "TO-8",
      "Expired sessions are removed from the internal session cache, whenever SSL_CTX_flush_sessions(3) is called, either directly by the application or automatically (see SSL_CTX_set_session_cache_mode(3))",
      "API (as FL-1)",
    ],
    [
      "TO-9",
      "All currently supported protocols have the same default timeout value of 300 seconds.",
      "API (SSL_CTX_get_timeout of a fresh TLS_method SSL_CTX = 300; SSL_get_default_timeout)",
    ],
    [
      "TO-10",
      "This timeout value is used as the ticket lifetime hint for stateless session tickets.",
      "CLI (`s_client` prints `TLS session ticket lifetime hint: N (seconds)`; s_server's own timeout); API (SSL_SESSION_get_ticket_lifetime_hint = SSL_CTX_set_timeout value)",
    ],
    [
      "TO-11",
      "It is also used as the timeout value within the ticket itself.",
      "API (server SSL_CTX_set_timeout(100): resumption with a session whose ticket is 101 s old fails; set_time on the client side cannot fake it)",
    ],
    [
      "TO-12",
      "For TLSv1.3, RFC8446 limits transmission of this value to 1 week (604800 seconds).",
      "API (server SSL_CTX_set_timeout(10^7): client's SSL_SESSION_get_ticket_lifetime_hint = 604800)",
    ],
    [
      "TO-13",
      "For TLSv1.2, tickets generated during an initial handshake use the value as specified.",
      "CLI (`-tls1_2`: lifetime hint in the transcript = server timeout); API",
    ],
    [
      "TO-14",
      "Tickets generated during a resumed handshake have a value of 0 for the ticket lifetime hint.",
      "API (TLS 1.2 resumed handshake with a renewed ticket: SSL_SESSION_get_ticket_lifetime_hint = 0)",
    ],
    [
      "TO-15",
      "SSL_CTX_set_timeout() returns the previously set timeout value.",
      "API (SSL_CTX_set_timeout(ctx, 10) on a fresh SSL_CTX → 300)",
    ],
    [
      "TO-16",
      "SSL_CTX_get_timeout() returns the currently set timeout value.",
      "API (get after set)",
    ],
  ]),
  ...page("SSL_SESSION_get_time(3)", [
    [
      "ST-1",
      "SSL_SESSION_get_time() returns the time at which the session s was established.",
      "API (SSL_SESSION_get_time within [before, after] the handshake); CLI (session file `Start Time`)",
    ],
    [
      "ST-2",
      "The time is given in seconds since the Epoch and therefore compatible to the time delivered by the time() call.",
      "API (|SSL_SESSION_get_time − Date.now()/1000| < 5)",
    ],
    [
      "ST-3",
      "SSL_SESSION_set_time() replaces the creation time of the session s with the chosen value tm.",
      "API (set_time then get_time; i2d/d2i keeps it)",
    ],
    [
      "ST-4",
      "SSL_SESSION_get_timeout() returns the timeout value set for session s in seconds.",
      "API (SSL_SESSION_get_timeout = SSL_CTX_get_timeout of the creating ctx)",
    ],
    [
      "ST-5",
      "SSL_SESSION_set_timeout() sets the timeout value for session s in seconds to tm.",
      "API (set_timeout then get_timeout)",
    ],
    [
      "ST-6",
      "The SSL_get_time(), SSL_set_time(), SSL_get_timeout(), and SSL_set_timeout() functions are synonyms for the SSL_SESSION_*() counterparts.",
      "API (symbols SSL_get_time… where exported; else macros: record which are exported per version)",
    ],
    [
      "ST-7",
      "Both are set at creation time of the session to the actual time and the default timeout value at creation, respectively, as set by SSL_CTX_set_timeout(3).",
      "API (as ST-1 and ST-4)",
    ],
    [
      "ST-8",
      "Using these functions it is possible to extend or shorten the lifetime of the session.",
      "API (shortened: set_time(now − 400) → not reused; extended: set_timeout(10^6) on an old session → reused)",
    ],
    [
      "ST-9",
      "SSL_SESSION_get_time() and SSL_SESSION_get_timeout() return the currently valid values.",
      "API (get after set)",
    ],
    [
      "ST-10",
      "SSL_SESSION_set_time() and SSL_SESSION_set_timeout() return 1 on success.",
      "API",
    ],
    [
      "ST-11",
      "If any of the function is passed the NULL pointer for the session s, 0 is returned.",
      "API (each of the four with NULL → 0)",
    ],
  ]),
  ...page("SSL_CTX_set_num_tickets(3)", [
    [
      "NT-1",
      "SSL_CTX_set_num_tickets() and SSL_set_num_tickets() can be called for a server application and set the number of TLSv1.3 session tickets that will be sent to the client after a full handshake.",
      "CLI (`s_server -num_tickets N`: N ticket blocks in the s_client transcript); API",
    ],
    [
      "NT-2",
      "The default number of tickets is 2.",
      "CLI (default s_server: 2 tickets); API (SSL_CTX_get_num_tickets on a fresh SSL_CTX)",
    ],
    [
      "NT-3",
      "Following a resumption the number of tickets issued will never be more than 1 regardless of the value set via SSL_set_num_tickets() or SSL_CTX_set_num_tickets().",
      'CLI (`-num_tickets 5`, then `-sess_in`: "Reused," and 1 ticket)',
    ],
    [
      "NT-4",
      "If num_tickets is set to 0 then no tickets will be issued for either a normal connection or a resumption.",
      "CLI (`-num_tickets 0`: no ticket, no session file; resumption of a TLS 1.3 session with 0 → no ticket)",
    ],
    [
      "NT-5",
      "Tickets are also issued on receipt of a post-handshake certificate from the client following a request by the server using SSL_verify_client_post_handshake(3).",
      "API (memory-BIO: SSL_verify_client_post_handshake on the server, client with SSL_set_post_handshake_auth; new-session callback count rises)",
    ],
    [
      "NT-6",
      "The number of tickets issued will normally be the same as was used for the initial handshake.",
      "API (as NT-5: count of the new tickets = num_tickets)",
    ],
    [
      "NT-7",
      "If the initial handshake was a full handshake then SSL_set_num_tickets() can be called again prior to calling SSL_verify_client_post_handshake() to update the number of tickets that will be sent.",
      "API (SSL_set_num_tickets(ssl, 1) before post-handshake auth: 1 new ticket)",
    ],
    [
      "NT-8",
      "New tickets are only allowed to be sent in this manner after the initial handshake has completed, and only for TLS 1.3 connections.",
      "API (SSL_new_session_ticket before the handshake or on TLS 1.2 → 0 or no ticket)",
    ],
    [
      "NT-9",
      "By default, the ticket generation and transmission are delayed until the server is starting a new write operation, so that it is bundled with other application data being written and properly aligned to a record boundary.",
      "API (memory BIO: no bytes in the server's write BIO after SSL_new_session_ticket; bytes after SSL_write)",
    ],
    [
      "NT-10",
      "If the connection was at a record boundary when SSL_new_session_ticket() was called, the ticket can be sent immediately (without waiting for the next application write) by calling SSL_do_handshake().",
      "API (SSL_new_session_ticket + SSL_do_handshake: bytes in the write BIO, client callback fires on SSL_read)",
    ],
    [
      "NT-11",
      "SSL_new_session_ticket() can be called more than once to request additional tickets be sent; all such requests are queued and written together when it is safe to do so and triggered by SSL_write() or SSL_do_handshake().",
      "API (3 × SSL_new_session_ticket, one SSL_write: client callback count +3)",
    ],
    [
      "NT-12",
      "Note that a successful return from SSL_new_session_ticket() indicates only that the request to send a ticket was processed, not that the ticket itself was sent.",
      "API (as NT-9)",
    ],
    [
      "NT-13",
      "To be notified when the ticket itself is sent, a new-session callback can be registered with SSL_CTX_sess_set_new_cb(3) that will be invoked as the ticket or tickets are generated.",
      "API (server-side new-session callback count = tickets sent)",
    ],
    [
      "NT-14",
      "SSL_CTX_get_num_tickets() and SSL_get_num_tickets() return the number of tickets set by a previous call to SSL_CTX_set_num_tickets() or SSL_set_num_tickets(), or 2 if no such call has been made.",
      "API (SSL_CTX_get_num_tickets, SSL_get_num_tickets)",
    ],
    [
      "NT-15",
      "SSL_CTX_set_num_tickets(), SSL_set_num_tickets(), and SSL_new_session_ticket() return 1 on success or 0 on failure.",
      "API",
    ],
    [
      "NT-16",
      "SSL_CTX_get_num_tickets() and SSL_get_num_tickets() return the number of tickets that have been previously set.",
      "API",
    ],
  ]),
  ...page("SSL_CTX_set_session_id_context(3)", [
    [
      "IC-1",
      "SSL_CTX_set_session_id_context() sets the context sid_ctx of length sid_ctx_len within which a session can be reused for the ctx object.",
      'CLI (`s_server -context A`: session file `Session-ID-ctx` = A; same context → "Reused,"); API',
    ],
    [
      "IC-2",
      "SSL_set_session_id_context() sets the context sid_ctx of length sid_ctx_len within which a session can be reused for the ssl object.",
      "API (SSL_set_session_id_context on the server SSL overrides the ctx's)",
    ],
    [
      "IC-3",
      "Therefore, each application must set its own session id context sid_ctx which is used to distinguish the contexts and is stored in exported sessions.",
      "CLI (session file decoded by the codec: sid_ctx field); API (i2d_SSL_SESSION bytes hold it)",
    ],
    [
      "IC-4",
      "The sid_ctx can be any kind of binary data with a given length, it is therefore possible to use e.g. the name of the application and/or the hostname and/or service name ...",
      "API (a context with NUL and 0xff bytes round-trips through SSL_SESSION_get0_id_context)",
    ],
    [
      "IC-5",
      "The session id context becomes part of the session.",
      "API (SSL_SESSION_get0_id_context of the negotiated session = the server's context)",
    ],
    [
      "IC-6",
      "The session id context is set by the SSL/TLS server.",
      "API (client's own SSL_CTX_set_session_id_context does not change the session's context)",
    ],
    [
      "IC-7",
      "The SSL_CTX_set_session_id_context() and SSL_set_session_id_context() functions are therefore only useful on the server side.",
      "API (as IC-6: resumption outcome unchanged by the client's context)",
    ],
    [
      "IC-8",
      "OpenSSL clients will check the session id context returned by the server when reusing a session.",
      "API (client session with a context edited by SSL_SESSION_set1_id_context: outcome recorded)",
    ],
    [
      "IC-9",
      "The maximum length of the sid_ctx is limited to SSL_MAX_SID_CTX_LENGTH.",
      "API (32 bytes → 1, 33 bytes → 0)",
    ],
    [
      "IC-10",
      "If the session id context is not set on an SSL/TLS server and client certificates are used, stored sessions will not be reused but a fatal error will be flagged and the handshake will fail.",
      "API (server SSL_VERIFY_PEER without a context; the client's second handshake with the session fails)",
    ],
    [
      "IC-11",
      "OpenSSL servers will always return the correct session id context, as an OpenSSL server checks the session id context itself before reusing a session as described above.",
      'CLI (session from `s_server -context A` offered to `s_server -context B` → "New,")',
    ],
    [
      "IC-12",
      "The length sid_ctx_len of the session id context sid_ctx exceeded the maximum allowed length of SSL_MAX_SID_CTX_LENGTH.",
      "API (33-byte context → 0)",
    ],
    [
      "IC-13",
      "The error is logged to the error stack.",
      "API (ERR_peek_error ≠ 0 after the 33-byte call)",
    ],
  ]),
  ...page("SSL_CTX_add_session(3)", [
    [
      "AS-1",
      "SSL_CTX_add_session() adds the session c to the context ctx.",
      "API (SSL_CTX_sess_number +1; a server resumes it)",
    ],
    [
      "AS-2",
      "The reference count for session c is incremented by 1.",
      "API (after SSL_SESSION_free by the caller the session is still alive: ex_data free callback)",
    ],
    [
      "AS-3",
      "If a session with the same session id already exists, the old session is removed by calling SSL_SESSION_free(3).",
      "API (two sessions with one id via SSL_SESSION_set1_id; the first's ex_data free callback fires)",
    ],
    [
      "AS-4",
      "SSL_CTX_remove_session() removes the session c from the context ctx and marks it as non-resumable.",
      "API (SSL_CTX_remove_session then SSL_SESSION_is_resumable = 0, sess_number −1)",
    ],
    [
      "AS-5",
      "SSL_SESSION_free(3) is called once for c.",
      "API (reference count drops by one: ex_data free callback timing)",
    ],
    [
      "AS-6",
      "If the same session is stored in a different SSL_SESSION object, The old session is removed and replaced by the new session.",
      "API (as AS-3)",
    ],
    [
      "AS-7",
      "If the session is actually identical (the SSL_SESSION object is identical), SSL_CTX_add_session() is a no-op, and the return value is 0.",
      "API (SSL_CTX_add_session twice with one pointer → 1 then 0)",
    ],
    [
      "AS-8",
      "If a server SSL_CTX is configured with the SSL_SESS_CACHE_NO_INTERNAL_STORE flag then the internal cache will not be populated automatically by new sessions negotiated by the SSL/TLS implementation, even though the internal cache will be searched automatically for session-resume requests (the latter can be suppressed by SSL_SESS_CACHE_NO_INTERNAL_LOOKUP).",
      "API (NO_INTERNAL_STORE: sess_number 0; add_session then TLS 1.2 resumption works)",
    ],
    [
      "AS-9",
      "So the application can use SSL_CTX_add_session() directly to have full control over the sessions that can be resumed if desired.",
      "API (as AS-8)",
    ],
    [
      "AS-10",
      "In case of the add operation, it was tried to add the same (identical) session twice.",
      "API (as AS-7)",
    ],
    [
      "AS-11",
      "In case of the remove operation, the session was not found in the cache.",
      "API (SSL_CTX_remove_session of a session never added → 0)",
    ],
  ]),
  ...page("d2i_SSL_SESSION(3)", [
    [
      "DS-1",
      "These functions decode and encode an SSL_SESSION object.",
      "API (i2d_SSL_SESSION then d2i_SSL_SESSION: same bytes again); CLI (`openssl sess_id -outform DER` = i2d)",
    ],
    [
      "DS-2",
      "One SSL_SESSION object, regardless of its reference count, must therefore only be used with one SSL_CTX object (and the SSL objects created from this SSL_CTX object).",
      "API (as GS-15)",
    ],
    [
      "DS-3",
      "d2i_SSL_SESSION() returns a pointer to the newly allocated SSL_SESSION object.",
      "API (d2i of a session file's DER → non-NULL, resumes)",
    ],
    [
      "DS-4",
      "In case of failure the NULL-pointer is returned and the error message can be retrieved from the error stack.",
      "API (d2i of truncated DER → NULL and ERR_peek_error ≠ 0); CLI (`openssl sess_id` of junk fails)",
    ],
    [
      "DS-5",
      "i2d_SSL_SESSION() returns the size of the ASN1 representation in bytes.",
      "API (i2d with NULL out → n; with a buffer writes n bytes)",
    ],
    [
      "DS-6",
      "When the session is not valid, 0 is returned and no operation is performed.",
      "API (i2d_SSL_SESSION of an SSL_SESSION_new() session: result recorded per version)",
    ],
  ]),
  ...page("SSL_SESSION_get_protocol_version(3)", [
    [
      "PV-1",
      "SSL_SESSION_get_protocol_version() returns the protocol version number used by session s.",
      "API (0x0304 after TLS 1.3, 0x0303 after `-tls1_2`); CLI (session file `Protocol  : TLSv1.3`)",
    ],
    [
      "PV-2",
      "SSL_SESSION_set_protocol_version() sets the protocol version associated with the SSL_SESSION object s to the value version.",
      "API (set then get)",
    ],
    [
      "PV-3",
      "SSL_SESSION_get_protocol_version() returns a number indicating the protocol version used for the session; this number matches the constants e.g. TLS1_VERSION, TLS1_2_VERSION or TLS1_3_VERSION.",
      "API (values 0x0301/0x0303/0x0304)",
    ],
    [
      "PV-4",
      "SSL_SESSION_set_protocol_version() returns 1 on success or 0 on failure.",
      "API",
    ],
  ]),
  ...page("SSL_SESSION_get0_cipher(3)", [
    [
      "CI-1",
      "SSL_SESSION_get0_cipher() retrieves the cipher that was used by the connection when the session was created, or NULL if it cannot be determined.",
      "API (SSL_CIPHER_get_name(SSL_SESSION_get0_cipher) = SSL_get_current_cipher's; NULL for SSL_SESSION_new()); CLI (session file `Cipher    :`)",
    ],
    [
      "CI-2",
      "SSL_SESSION_set_cipher() can be used to set the ciphersuite associated with the SSL_SESSION s to cipher.",
      "API (SSL_SESSION_set_cipher then get0_cipher)",
    ],
    [
      "CI-3",
      "SSL_SESSION_get0_cipher() returns the SSL_CIPHER associated with the SSL_SESSION or NULL if it cannot be determined.",
      "API",
    ],
    [
      "CI-4",
      "SSL_SESSION_set_cipher() returns 1 on success or 0 on failure.",
      "API",
    ],
  ]),
  ...page("SSL_SESSION_get0_peer(3)", [
    [
      "PE-1",
      "SSL_SESSION_get0_peer() returns the peer certificate associated with the session s or NULL if no peer certificate is available.",
      "API (client session: the leaf's subject via X509_get_subject_name; server session without client auth: NULL)",
    ],
    [
      "PE-2",
      "SSL_SESSION_get0_peer() returns a pointer to the peer certificate or NULL if no peer certificate is available.",
      "API",
    ],
  ]),
  ...page("SSL_SESSION_get_master_key(3)", [
    [
      "MK-1",
      "SSL_get_client_random() extracts the random value sent from the client to the server during the initial SSL/TLS handshake.",
      "API (32 bytes, equal on both ends of a memory-BIO handshake)",
    ],
    [
      "MK-2",
      "It returns the total number of bytes that were actually copied.",
      "API (outlen 8 → 8)",
    ],
    [
      "MK-3",
      "If outlen is zero, SSL_get_client_random() copies nothing, and returns the total size of the client_random value.",
      "API (outlen 0 → 32, buffer untouched)",
    ],
    [
      "MK-4",
      "SSL_get_server_random() behaves the same, but extracts the random value sent from the server to the client during the initial SSL/TLS handshake.",
      "API",
    ],
    [
      "MK-5",
      "SSL_SESSION_get_master_key() behaves the same, but extracts the master secret used to guarantee the security of the SSL/TLS session.",
      "API (equal on both ends); CLI (session file `Master-Key:` = the session's key in the -www page)",
    ],
    [
      "MK-6",
      "SSL_SESSION_set1_master_key() sets the master key value associated with the SSL_SESSION sess.",
      "API (set1 then get)",
    ],
    [
      "MK-7",
      "The supplied master key is copied by the function, so the caller is responsible for freeing and cleaning any memory associated with in.",
      "API (overwrite the input buffer after set1: get still returns the old bytes)",
    ],
    [
      "MK-8",
      "In current versions of the TLS protocols, the length of client_random (and also server_random) is always SSL3_RANDOM_SIZE bytes.",
      "API (= 32)",
    ],
    [
      "MK-9",
      "SSL_SESSION_set1_master_key() returns 1 on success or 0 on failure.",
      "API (a key longer than 48 bytes → 0)",
    ],
    [
      "MK-10",
      "For the other functions, if outlen is greater than 0 then these functions return the number of bytes actually copied, which will be less than or equal to outlen.",
      "API",
    ],
    [
      "MK-11",
      "If outlen is 0 then these functions return the maximum number of bytes they would copy -- that is, the length of the underlying field.",
      "API (SSL_SESSION_get_master_key(s, NULL, 0) = 48)",
    ],
  ]),
  ...page("SSL_SESSION_get0_hostname(3)", [
    [
      "HN-1",
      "SSL_SESSION_get0_hostname() retrieves the Server Name Indication (SNI) value that was sent by the client when the session was created if the server acknowledged the client's SNI extension by including an empty SNI extension in response.",
      "API (client `localhost` SNI with a server servername callback that acknowledges); CLI (session file decoded by the codec: hostname field)",
    ],
    [
      "HN-2",
      "Otherwise NULL is returned.",
      "API (no SNI sent → NULL; `s_client -noservername`)",
    ],
    [
      "HN-3",
      "SSL_SESSION_set1_hostname() sets the SNI value for the hostname to a copy of the string provided in hostname.",
      "API (set1 then get0; the input buffer changed afterwards)",
    ],
    [
      "HN-4",
      "SSL_SESSION_get0_alpn_selected() retrieves the selected ALPN protocol for this session and its associated length in bytes.",
      "API (client and server `-alpn h2`); CLI (transcript `ALPN protocol: h2`, session file)",
    ],
    [
      "HN-5",
      "SSL_SESSION_set1_alpn_selected() sets the ALPN protocol for this session to the value in alpn which should be of length len bytes.",
      "API (set1 then get0)",
    ],
    [
      "HN-6",
      "A copy of the input value is made, and the caller retains ownership of the memory pointed to by alpn.",
      "API (overwrite the input after set1)",
    ],
    [
      "HN-7",
      "SSL_SESSION_get0_hostname() returns the SNI string if available, or NULL if not.",
      "API",
    ],
    [
      "HN-8",
      "SSL_SESSION_set1_hostname() returns 1 on success or 0 on error.",
      "API",
    ],
    [
      "HN-9",
      "SSL_SESSION_set1_alpn_selected() returns 1 on success or 0 on error.",
      "API",
    ],
  ]),
  ...page("SSL_SESSION_set1_id(3)", [
    [
      "SI-1",
      "SSL_SESSION_get_id() returns a pointer to the internal session id value for the session s.",
      "API (id bytes = session file `Session-ID:`); CLI (transcript and -www page Session-ID)",
    ],
    [
      "SI-2",
      "The length of the id in bytes is stored in *len.",
      "API (32 for a server-made TLS 1.2 id)",
    ],
    [
      "SI-3",
      "The length may be 0.",
      "API (SSL_SESSION_new() → 0)",
    ],
    [
      "SI-4",
      "SSL_SESSION_set1_id() sets the session ID for the ssl SSL/TLS session to sid of length sid_len.",
      "API (set1 then get)",
    ],
    [
      "SI-5",
      "SSL_SESSION_get_id() returns a pointer to the session id value.",
      "API",
    ],
    [
      "SI-6",
      "SSL_SESSION_set1_id() returns 1 for success and 0 for failure, for example if the supplied session ID length exceeds SSL_MAX_SSL_SESSION_ID_LENGTH.",
      "API (32 bytes → 1, 33 bytes → 0)",
    ],
  ]),
  ...page("SSL_SESSION_get0_ticket(3)", [
    [
      "TK-1",
      "SSL_SESSION_has_ticket() returns 1 if there is a Session Ticket associated with this session, and 0 otherwise.",
      "API (ticket session → 1; `-no_ticket` TLS 1.2 → 0); CLI (session file `TLS session ticket:` block)",
    ],
    [
      "TK-2",
      "SSL_SESSION_get_ticket_lifetime_hint returns the lifetime hint in seconds associated with the session ticket.",
      "CLI (`TLS session ticket lifetime hint: 7200 (seconds)`); API (= server timeout)",
    ],
    [
      "TK-3",
      "SSL_SESSION_get0_ticket obtains a pointer to the ticket associated with a session.",
      "API (ticket bytes = the session file's ticket, decoded by the codec)",
    ],
    [
      "TK-4",
      "The length of the ticket is written to *len.",
      "API",
    ],
    [
      "TK-5",
      "If tick is non NULL then a pointer to the ticket is written to *tick.",
      "API (tick NULL: only len written)",
    ],
    [
      "TK-6",
      "SSL_SESSION_has_ticket() returns 1 if session ticket exists or 0 otherwise.",
      "API",
    ],
    [
      "TK-7",
      "SSL_SESSION_get_ticket_lifetime_hint() returns the number of seconds.",
      "API",
    ],
  ]),
  ...page("SSL_CTX_sess_number(3)", [
    [
      "CS-1",
      "SSL_CTX_sess_number() returns the current number of sessions in the internal session cache.",
      "CLI (`s_server -www` page: `N items in the session cache`); API (SSL_CTX_ctrl SSL_CTRL_SESS_NUMBER = 20)",
    ],
    [
      "CS-2",
      "SSL_CTX_sess_connect() returns the number of started SSL/TLS handshakes in client mode.",
      "API (SSL_CTX_ctrl SSL_CTRL_SESS_CONNECT = 21)",
    ],
    [
      "CS-3",
      "SSL_CTX_sess_connect_good() returns the number of successfully established SSL/TLS sessions in client mode.",
      "API (SSL_CTRL_SESS_CONNECT_GOOD = 22; a handshake that fails on verification is not counted)",
    ],
    [
      "CS-4",
      "SSL_CTX_sess_connect_renegotiate() returns the number of started renegotiations in client mode.",
      "API (SSL_CTRL_SESS_CONNECT_RENEGOTIATE = 23; SSL_renegotiate under TLS 1.2); CLI (`R` command of s_client)",
    ],
    [
      "CS-5",
      "SSL_CTX_sess_accept() returns the number of started SSL/TLS handshakes in server mode.",
      "CLI (-www page: `N server accepts (SSL_accept())`); API (SSL_CTRL_SESS_ACCEPT = 24)",
    ],
    [
      "CS-6",
      "SSL_CTX_sess_accept_good() returns the number of successfully established SSL/TLS sessions in server mode.",
      "CLI (-www page: `N server accepts that finished`); API (SSL_CTRL_SESS_ACCEPT_GOOD = 25)",
    ],
    [
      "CS-7",
      "SSL_CTX_sess_accept_renegotiate() returns the number of started renegotiations in server mode.",
      "CLI (-www page: `N server renegotiates (SSL_accept())`); API (SSL_CTRL_SESS_ACCEPT_RENEGOTIATE = 26)",
    ],
    [
      "CS-8",
      "SSL_CTX_sess_hits() returns the number of successfully reused sessions.",
      "CLI (-www page: `N session cache hits` after a `-sess_in` resumption); API (SSL_CTRL_SESS_HIT = 27)",
    ],
    [
      "CS-9",
      "In client mode a session set with SSL_set_session(3) successfully reused is counted as a hit.",
      "API (client SSL_CTX hits = 1 after a resumed handshake)",
    ],
    [
      "CS-10",
      "In server mode a session successfully retrieved from internal or external cache is counted as a hit.",
      "CLI (-www page hits, TLS 1.2 id resumption and TLS 1.3 ticket resumption); API",
    ],
    [
      "CS-11",
      "SSL_CTX_sess_cb_hits() returns the number of successfully retrieved sessions from the external session cache in server mode.",
      "CLI (-www page: `N callback cache hits`); API (SSL_CTRL_SESS_CB_HIT = 28 with a get callback)",
    ],
    [
      "CS-12",
      "SSL_CTX_sess_misses() returns the number of sessions proposed by clients that were not found in the internal session cache in server mode.",
      "CLI (-www page: `N session cache misses` after offering a session of another server); API (SSL_CTRL_SESS_MISSES = 29)",
    ],
    [
      "CS-13",
      "SSL_CTX_sess_timeouts() returns the number of sessions proposed by clients and either found in the internal or external session cache in server mode, but that were invalid due to timeout.",
      "CLI (-www page: `N session cache timeouts`); API (SSL_CTRL_SESS_TIMEOUTS = 30 after an expired session is offered)",
    ],
    [
      "CS-14",
      "These sessions are not included in the SSL_CTX_sess_hits() count.",
      "API (as CS-13: hits unchanged)",
    ],
    [
      "CS-15",
      "SSL_CTX_sess_cache_full() returns the number of sessions that were removed because the maximum session cache size was exceeded.",
      "CLI (-www page: `N cache full overflows`); API (SSL_CTRL_SESS_CACHE_FULL = 31 with cache size 1)",
    ],
  ]),
  ...page("SSL_CTX_sess_set_cache_size(3)", [
    [
      "CZ-1",
      "SSL_CTX_sess_set_cache_size() sets the size of the internal session cache of context ctx to t.",
      "API (SSL_CTX_ctrl SSL_CTRL_SET_SESS_CACHE_SIZE = 42, then GET = 43)",
    ],
    [
      "CZ-2",
      "SSL_CTX_sess_get_cache_size() returns the currently valid session cache size.",
      "API",
    ],
    [
      "CZ-3",
      "The internal session cache size is SSL_SESSION_CACHE_MAX_SIZE_DEFAULT, currently 1024*20, so that up to 20000 sessions can be held.",
      "API (get on a fresh SSL_CTX = 20480); CLI (-www page: `(20480 max)`… as printed)",
    ],
    [
      "CZ-4",
      "A special case is the size 0, which is used for unlimited size.",
      "API (size 0: adding 300 sessions keeps 300)",
    ],
    [
      "CZ-5",
      "If adding the session makes the cache exceed its size, then unused sessions are dropped from the end of the cache.",
      "API (size 2, three add_session: the first is dropped, cache_full = 1)",
    ],
    [
      "CZ-6",
      "Cache space may also be reclaimed by calling SSL_CTX_flush_sessions(3) to remove expired sessions.",
      "API (as FL-1)",
    ],
    [
      "CZ-7",
      "If the size of the session cache is reduced and more sessions are already in the session cache, old session will be removed at the next time a session shall be added.",
      "API (3 sessions, size 1: number stays 3 until the next add, then 1)",
    ],
    [
      "CZ-8",
      "SSL_CTX_sess_set_cache_size() returns the previously valid size.",
      "API",
    ],
    [
      "CZ-9",
      "SSL_CTX_sess_get_cache_size() returns the currently valid size.",
      "API",
    ],
  ]),
  ...page("SSL_SESSION_get0_id_context(3)", [
    [
      "XC-1",
      "SSL_SESSION_get0_id_context() returns the ID context associated with the SSL/TLS session s.",
      "API (= the server's context; CLI `-context`)",
    ],
    [
      "XC-2",
      "The length of the ID context is written to *len if len is not NULL.",
      "API",
    ],
    [
      "XC-3",
      "SSL_SESSION_set1_id_context() takes a copy of the provided ID context given in sid_ctx and associates it with the session s.",
      "API (set1 then get0; the input changed afterwards)",
    ],
    [
      "XC-4",
      "SSL_SESSION_set1_id_context() returns 1 on success or 0 on error.",
      "API (33 bytes → 0)",
    ],
  ]),
];

type Skip = readonly [quote: string, reason: string];

function skipped(page: string, rows: readonly Skip[]): UntestableSentence[] {
  return rows.map(([quote, reason]) => ({ page, quote, reason }));
}

const ADVICE = "advice to the application: says what it should do, not what the library does";
const OWNERSHIP =
  "an ownership rule: breaking it is undefined behaviour (a double free), not an observable result";
const RATIONALE = "explains the design; states no behaviour of its own";

/** Sentences of the catalogued pages that no scenario can observe, each with the reason. */
export const UNTESTABLE: readonly UntestableSentence[] = [
  ...skipped("SSL_CTX_sess_set_new_cb(3)", [
    [
      "In order to allow external session caching, synchronization with the internal session cache is realized via callback functions.",
      RATIONALE,
    ],
    [
      "Inside these callback functions, session can be saved to disk or put into a database using the d2i_SSL_SESSION(3) interface.",
      "a usage suggestion; the encoding itself is DS-1",
    ],
    [
      "The new_session_cb() is passed the ssl connection and the nascent ssl session sess.",
      "the callback's signature, fixed at compile time",
    ],
    [
      "Note that in TLSv1.3, sessions are established after the main handshake has completed.",
      "restates GS-7 (the same sentence on SSL_get_session(3))",
    ],
    [
      "In TLSv1.3 it is recommended that each SSL_SESSION object is only used for resumption once.",
      "a recommendation; what happens on reuse is GS-13",
    ],
    [
      "One way of enforcing that is for applications to call SSL_CTX_remove_session(3) after a session has been used.",
      ADVICE,
    ],
    [
      "The remove_session_cb() is passed the ctx and the ssl session sess.",
      "the callback's signature",
    ],
    ["It does not provide any feedback.", "the callback returns void: a signature, not behaviour"],
    [
      "SSL_CTX_sess_get_new_cb(), SSL_CTX_sess_get_remove_cb() and SSL_CTX_sess_get_get_cb() return different callback function pointers respectively.",
      "restates NC-5",
    ],
  ]),
  ...skipped("SSL_CTX_set_session_cache_mode(3)", [
    [
      "The OpenSSL library can store/retrieve SSL/TLS sessions for later reuse.",
      "an overview; each mode below is its own claim",
    ],
    [
      "In order to reuse a session, a client must send the session's id to the server.",
      "describes the TLS protocol (and TLS 1.3 sends a PSK identity, not an id), not the library",
    ],
    ["It can only send exactly one id.", "a protocol rule; libssl offers no way to send two"],
    [
      "Since this may lead to a delay which cannot be controlled, the automatic flushing may be disabled and SSL_CTX_flush_sessions(3) can be called explicitly by the application.",
      "rationale for SSL_SESS_CACHE_NO_AUTO_CLEAR; the flag's effect is FL-5",
    ],
    [
      "If external session caching callbacks are in use, this flag guarantees that all lookups are directed to the external cache.",
      "restates CM-11 with NC-3",
    ],
    [
      "The session timeout applies to last use, rather then creation time.",
      "restates CM-14",
    ],
  ]),
  ...skipped("SSL_CTX_flush_sessions(3)", [
    [
      "As sessions will not be reused ones they are expired, they should be removed from the cache to save resources.",
      ADVICE,
    ],
    ["SSL_CTX_flush_sessions() does not return a value.", "the function returns void: a signature"],
  ]),
  ...skipped("SSL_CTX_set_timeout(3)", [
    [
      "The timeout value t must be given in seconds.",
      "a unit the caller must use; the effect of the value is TO-3",
    ],
    [
      "Due to this realization, all sessions behave according to the timeout value valid at the time of the session negotiation.",
      "restates TO-4",
    ],
  ]),
  ...skipped("SSL_CTX_set_num_tickets(3)", [
    ["Set the desired value (which could be 0) in the num_tickets argument.", ADVICE],
    ["Typically these functions should be called before the start of the handshake.", ADVICE],
    [
      "These new tickets will be associated with the updated client identity (i.e. including their certificate and verification status).",
      "needs a client certificate on a post-handshake request, which the FFI driver does not make yet; listed so a later scenario takes it",
    ],
  ]),
  ...skipped("SSL_CTX_set_session_id_context(3)", [
    ["Sessions are generated within a certain context.", RATIONALE],
    [
      "When exporting/importing sessions with i2d_SSL_SESSION/d2i_SSL_SESSION it would be possible, to re-import a session generated from another context (e.g. another application), which might lead to malfunctions.",
      "a hypothetical hazard; the guard against it is IC-11",
    ],
    [
      "If a server returns a different session id context to an OpenSSL client when reusing a session, an error will be flagged and the handshake will fail.",
      "the session id context is never sent on the wire, so no server can return a different one",
    ],
    [
      "The operation succeeded.",
      "the label of return value 1, the same words on many pages; IC-1 and IC-12 observe the values",
    ],
  ]),
  ...skipped("SSL_CTX_add_session(3)", [
    [
      "When adding a new session to the internal session cache, it is examined whether a session with the same session id already exists.",
      "an internal step; its outcome is AS-3",
    ],
    [
      "In this case it is assumed that both sessions are identical.",
      "an assumption, not behaviour",
    ],
    ["The operation failed.", "the label of return value 0; AS-10 and AS-11 say when"],
  ]),
  ...skipped("d2i_SSL_SESSION(3)", [
    ["For encoding details see d2i_X509(3).", "a reference to another page"],
    [
      "SSL_SESSION objects keep internal link information about the session cache list, when being inserted into one SSL_CTX object's session cache.",
      "internal state no API exposes",
    ],
  ]),
  ...skipped("SSL_SESSION_get_protocol_version(3)", [
    ["This value should be a version constant such as TLS1_3_VERSION etc.", ADVICE],
    [
      "For example, this could be used to set up a session based PSK (see SSL_CTX_set_psk_use_session_callback(3)).",
      "a usage example",
    ],
    [
      "Note that the SSL_SESSION_get_protocol_version() function does not perform a null check on the provided session s pointer.",
      "passing NULL is undefined behaviour (a crash at best), not a result to compare",
    ],
  ]),
  ...skipped("SSL_SESSION_get0_cipher(3)", [
    [
      "The value returned is a pointer to an object maintained within s and should not be released.",
      OWNERSHIP,
    ],
  ]),
  ...skipped("SSL_SESSION_get0_peer(3)", [
    [
      "The caller should not free the returned value (unless X509_up_ref(3) has also been called).",
      OWNERSHIP,
    ],
  ]),
  ...skipped("SSL_SESSION_get_master_key(3)", [
    ["This one can be dangerous if misused; see NOTES below.", ADVICE],
    [
      "The master key of length len should be provided at in.",
      "the parameters' meaning; MK-6 observes the effect",
    ],
    [
      "The caller must ensure that the length of the key is suitable for the ciphersuite associated with the SSL_SESSION.",
      ADVICE,
    ],
    ["You probably shouldn't use these functions.", ADVICE],
    [
      "Instead, they return the mostly-random values that were already generated and used in the TLS protocol.",
      "restates MK-1 and MK-4",
    ],
    ["Using them in place of RAND_bytes() would be grossly foolish.", ADVICE],
    [
      'Finally, though the "client_random" and "server_random" values are called "random", many TLS implementations will generate four bytes of those values based on their view of the current time.',
      "about other implementations, and says 'many', not OpenSSL",
    ],
  ]),
  ...skipped("SSL_SESSION_get0_hostname(3)", [
    [
      "The value returned is a pointer to memory maintained within s and should not be free'd.",
      OWNERSHIP,
    ],
    [
      "The returned value of *alpn is a pointer to memory maintained within s and should not be free'd.",
      OWNERSHIP,
    ],
  ]),
  ...skipped("SSL_SESSION_set1_id(3)", [
    ["The caller should not free the returned pointer directly.", OWNERSHIP],
  ]),
  ...skipped("SSL_SESSION_get0_ticket(3)", [
    [
      "The pointer is only valid while the connection is in use.",
      "using it afterwards is undefined behaviour (use after free), not a result to compare",
    ],
    [
      "The session (and hence the ticket pointer) may also become invalid as a result of a call to SSL_CTX_flush_sessions().",
      "'may become invalid': a use after free, not an observable result",
    ],
  ]),
  ...skipped("SSL_CTX_sess_number(3)", [
    [
      "The functions return the values indicated in the DESCRIPTION section.",
      "restates CS-1 … CS-15",
    ],
  ]),
  ...skipped("SSL_CTX_sess_set_cache_size(3)", [
    [
      "This value is a hint and not an absolute; see the notes below.",
      "a 'hint' bounds nothing a test could check; the notes' rules are CZ-5 and CZ-7",
    ],
    [
      "This size can be modified using the SSL_CTX_sess_set_cache_size() call.",
      "restates CZ-1",
    ],
    [
      "This removal is not synchronized with the expiration of sessions.",
      "a negative statement about internal timing with no observable consequence of its own",
    ],
  ]),
  ...skipped("SSL_SESSION_get0_id_context(3)", [
    [
      "See SSL_CTX_set_session_id_context(3) for further details on session ID contexts.",
      "a reference to another page",
    ],
    [
      "The value returned is a pointer to an object maintained within s and should not be released.",
      OWNERSHIP,
    ],
  ]),
];
