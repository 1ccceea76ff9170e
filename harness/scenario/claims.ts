/** One testable sentence of the documents under test, with its stable ID. */
export interface Claim {
  /** Stable ID from the spec, e.g. "GS-9". */
  id: string;
  /** The document (man page) it comes from. */
  document: string;
  /** The sentence, as the spec words it. */
  text: string;
  /** How it can be observed: CLI, API, DENO (a hint, not a limit). */
  observed: string;
}

/**
 * The claims catalogue, kept in the repository so a clone works without the spec folder; a test
 * checks it against `../shared/spec/CLAIMS.md` whenever that file is present.
 */
export const CLAIMS: readonly Claim[] = [
  {
    id: "GS-1",
    document: "SSL_get_session(3)",
    text: "SSL_get_session() returns a pointer to the SSL_SESSION actually used in ssl.",
    observed: "API; CLI (SSL-Session block)",
  },
  {
    id: "GS-2",
    document: "SSL_get_session(3)",
    text: "SSL_get0_session() is the same as SSL_get_session().",
    observed: "API (same pointer)",
  },
  {
    id: "GS-3",
    document: "SSL_get_session(3)",
    text: "SSL_get1_session() is the same, but the reference count is incremented by one.",
    observed: "API (ex_data free callback shows when a session is really freed)",
  },
  {
    id: "GS-4",
    document: "SSL_get_session(3)",
    text:
      "The session pointer from get/get0 is only valid while the connection is in use; after SSL_free/SSL_clear the session may be freed.",
    observed: "API",
  },
  {
    id: "GS-5",
    document: "SSL_get_session(3)",
    text:
      "If the data is to be kept, SSL_get1_session() keeps the session in memory until SSL_SESSION_free() is called once.",
    observed: "API",
  },
  {
    id: "GS-6",
    document: "SSL_get_session(3)",
    text:
      "Up to TLSv1.2 the session contains all information to re-establish the connection without a full handshake.",
    observed: 'CLI (`-sess_out` then `-sess_in` \u2192 "Reused"), API',
  },
  {
    id: "GS-7",
    document: "SSL_get_session(3)",
    text:
      "In TLSv1.3 the session is established after the main handshake; the server sends it when it chooses, or never.",
    observed: "CLI (`-num_tickets 0` \u2192 no session file), API",
  },
  {
    id: "GS-8",
    document: "SSL_get_session(3)",
    text:
      "In TLSv1.3, before the session is established, the functions still return an SSL_SESSION, but it cannot be used for resumption (SSL_SESSION_is_resumable).",
    observed: "API (resumable = 0 before the ticket, 1 after); CLI",
  },
  {
    id: "GS-9",
    document: "SSL_get_session(3)",
    text:
      "With several tickets on one connection, the client side returns the last session received.",
    observed: "CLI (`-sess_out` holds the last ticket), API",
  },
  {
    id: "GS-10",
    document: "SSL_get_session(3)",
    text:
      "On the server side: the last session sent, or the current connection's session if no ticket was sent.",
    observed: "CLI (`s_server -www` page), API",
  },
  {
    id: "GS-11",
    document: "SSL_get_session(3)",
    text:
      "The new-session callback is invoked only when a session is actually established, once per session the server sends.",
    observed: "API (callback count = tickets), CLI",
  },
  {
    id: "GS-12",
    document: "SSL_get_session(3)",
    text:
      "A session is removed from the cache and marked non-resumable if the connection is not shut down cleanly (fatal error, or SSL_free without SSL_shutdown).",
    observed: "CLI (kill the client, then try to resume), API",
  },
  {
    id: "GS-13",
    document: "SSL_get_session(3)",
    text: "In TLSv1.3 each SSL_SESSION should be used for resumption only once.",
    observed: "CLI (second use of a ticket against stateful and stateless servers)",
  },
  {
    id: "GS-14",
    document: "SSL_get_session(3)",
    text: "A session can be removed at any time on timeout during SSL_CTX_flush_sessions().",
    observed: "API",
  },
  {
    id: "GS-15",
    document: "SSL_get_session(3)",
    text: "One SSL_SESSION must only be used with one SSL_CTX (session id context).",
    observed: "CLI (`-context` mismatch), API",
  },
  {
    id: "GS-16",
    document: "SSL_get_session(3)",
    text: "NULL is returned when there is no session available in ssl (e.g. before any handshake).",
    observed: "API (fresh SSL \u2192 NULL); CLI (failed handshake \u2192 no session file)",
  },
  {
    id: "SN-1",
    document: "SSL_SESSION_new(3)",
    text:
      "SSL_SESSION_new() creates a new SSL_SESSION and returns a pointer to it (NULL on error).",
    observed: "API",
  },
  {
    id: "SN-2",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION_dup() copies the contents of src and returns a new pointer (since 1.1.1).",
    observed: "API (i2d bytes equal, pointer differs)",
  },
  {
    id: "SN-3",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION_up_ref() increments the reference count; returns 1 on success.",
    observed: "API",
  },
  {
    id: "SN-4",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION_free() decrements the count and frees at 0; free(NULL) does nothing.",
    observed: "API (ex_data free callback)",
  },
  {
    id: "SN-5",
    document: "SSL_SESSION_new(3)",
    text: "SSL_SESSION objects are allocated when a handshake completes successfully.",
    observed: "API, CLI",
  },
  {
    id: "SS-1",
    document: "SSL_set_session(3)",
    text:
      "SSL_set_session() sets the session to be used when the connection is established (useful for clients only).",
    observed: "CLI (`-sess_in`), API",
  },
  {
    id: "SS-2",
    document: "SSL_set_session(3)",
    text: "When set, the session's reference count is incremented by 1.",
    observed: "API",
  },
  {
    id: "SS-3",
    document: "SSL_set_session(3)",
    text: "If the session is not reused, the count is decremented again during SSL_connect().",
    observed: "API",
  },
  {
    id: "SS-4",
    document: "SSL_set_session(3)",
    text: "Whether the session was reused can be queried with SSL_session_reused().",
    observed: 'CLI ("Reused," vs "New,"), API',
  },
  {
    id: "SS-5",
    document: "SSL_set_session(3)",
    text: "A session already set is released (SSL_SESSION_free) when another is set.",
    observed: "API",
  },
  {
    id: "SS-6",
    document: "SSL_set_session(3)",
    text: "Returns 1 on success, 0 on failure.",
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
];

const byId = new Map(CLAIMS.map((c) => [c.id, c]));

/** The claim with this ID, or undefined. */
export function findClaim(id: string): Claim | undefined {
  return byId.get(id);
}
