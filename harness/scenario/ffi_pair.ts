/**
 * The setup every API-level (`ffi`) scenario shares: a client and a server SSL_CTX of the
 * client build in one FFI driver, connected through memory BIOs, configured so that reference
 * counts can be read from the driver's free callback alone. A scenario gets one with
 * `ctx.ffiPair(options)` and calls the driver through it (`pair.call(op, args)`).
 *
 * Why the defaults are what they are:
 * - client contexts use cache mode `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE`
 *   (0x201): the new-session callback fires on the client (needed to count tickets), but no
 *   internal cache holds an extra reference that would hide when a session is really freed;
 * - both contexts' new-session callbacks return 0 (`keepNewSessions: false`), so the callback
 *   holds no reference either; a scenario that wants to keep every ticket says so.
 * @module
 */

import type { CacheMode, FfiDriver, Handle } from "../ffi/mod.ts";
import { toHex } from "../encoding/mod.ts";
import { decodeSessionDer } from "../session/mod.ts";
import type { Expectations } from "./expectations.ts";

/** `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE`: callback yes, cache reference no. */
export const CLIENT_NO_STORE = 0x201;

/** How {@linkcode FfiPair.open} configures the two contexts. */
export interface FfiPairOptions {
  /** The only protocol version both ends allow. */
  tls: "1.2" | "1.3";
  /** TLS 1.3 tickets the server sends per handshake. @default {OpenSSL's: 2} */
  numTickets?: number;
  /** SSL_OP_NO_TICKET on the server: TLS 1.2 session IDs, TLS 1.3 stateful tickets. @default {false} */
  noTicket?: boolean;
  /** Client session cache mode. @default {CLIENT_NO_STORE} */
  clientCacheMode?: CacheMode;
  /** Server session cache mode. @default {OpenSSL's: "server"} */
  serverCacheMode?: CacheMode;
  /** Client new-session callback keeps (returns 1) every session it is given. @default {false} */
  keepClientSessions?: boolean;
  /** Server new-session callback keeps every session it is given. @default {false} */
  keepServerSessions?: boolean;
  /** `SSL_CTX_set_timeout` of the server context, in seconds. @default {OpenSSL's} */
  serverTimeout?: number;
  /** Trust this file instead of the test CA (a failed-handshake setup). @default {the test CA} */
  clientCaFile?: string;
}

/** One in-memory connection made by {@linkcode FfiPair.connect}. */
export interface FfiConnection {
  /** Client SSL handle. */
  client: Handle;
  /** Server SSL handle. */
  server: Handle;
  /** `SSL_session_reused` of the client after the handshake. */
  reused: boolean;
  /** Negotiated wire version (0x0303, 0x0304). */
  version: number;
  /** New-session callbacks on the client while reading the tickets (0 when not read). */
  newSessionCalls: number;
}

/** Options of {@linkcode FfiPair.connect}. */
export interface ConnectOptions {
  /** `SSL_set_session` on the client before the handshake. */
  session?: Handle;
  /** Let the client process the post-handshake messages (TLS 1.3 tickets). @default {true} */
  readTickets?: boolean;
}

/** What {@linkcode FfiPair.open} needs of the scenario's context. */
export interface FfiPairHost {
  /** The test PKI: the server's chain and key, the CA the client trusts. */
  readonly pki: { chain: string; key: string; caCert: string };
  /** The checks (for {@linkcode FfiPair.expectSession}). */
  readonly expect: Expectations;
}

/**
 * A client and a server SSL_CTX of one build (server: the test leaf and key; client: trusts
 * the test CA, verifies the peer) in that build's FFI driver, with the steps scenarios repeat.
 */
export class FfiPair {
  /** The driver both contexts live in. */
  readonly driver: FfiDriver;
  /** Client SSL_CTX handle. */
  readonly clientCtx: Handle;
  /** Server SSL_CTX handle. */
  readonly serverCtx: Handle;
  /** One driver op (`driver.call`): `pair.call("get_session", { ssl })`. */
  readonly call: FfiDriver["call"];
  #expect: Expectations;

  private constructor(driver: FfiDriver, ctxs: [Handle, Handle], expect: Expectations) {
    this.driver = driver;
    [this.clientCtx, this.serverCtx] = ctxs;
    this.call = driver.call.bind(driver) as FfiDriver["call"];
    this.#expect = expect;
  }

  /**
   * Make both contexts in `driver` (the scenario's driver of the client build, from
   * `ctx.ffi()`); `ctx.ffiPair(options)` does this for a scenario.
   */
  static async open(
    host: FfiPairHost,
    driver: FfiDriver,
    options: FfiPairOptions,
  ): Promise<FfiPair> {
    const { ctx: serverCtx } = await driver.call("ctx_new", {
      role: "server",
      cert: host.pki.chain,
      key: host.pki.key,
      minVersion: options.tls,
      maxVersion: options.tls,
      numTickets: options.numTickets,
      noTicket: options.noTicket,
      cacheMode: options.serverCacheMode,
      keepNewSessions: options.keepServerSessions ?? false,
      timeout: options.serverTimeout,
    });
    const { ctx: clientCtx } = await driver.call("ctx_new", {
      role: "client",
      caFile: options.clientCaFile ?? host.pki.caCert,
      minVersion: options.tls,
      maxVersion: options.tls,
      cacheMode: options.clientCacheMode ?? CLIENT_NO_STORE,
      keepNewSessions: options.keepClientSessions ?? false,
    });
    return new FfiPair(driver, [clientCtx, serverCtx], host.expect);
  }

  /** New client and server SSLs of these contexts, not yet connected. */
  async newSsls(): Promise<{ client: Handle; server: Handle }> {
    const { ssl: client } = await this.call("ssl_new", { ctx: this.clientCtx });
    const { ssl: server } = await this.call("ssl_new", { ctx: this.serverCtx });
    return { client, server };
  }

  /** New SSLs, optionally a session set on the client, then a full in-memory handshake. */
  async connect(options: ConnectOptions = {}): Promise<FfiConnection> {
    const { client, server } = await this.newSsls();
    if (options.session !== undefined) {
      const { rc } = await this.call("set_session", { ssl: client, session: options.session });
      if (rc !== 1) throw new Error(`SSL_set_session returned ${rc} while setting up`);
    }
    const r = await this.call("handshake", {
      client,
      server,
      readTickets: options.readTickets ?? true,
    });
    return {
      client,
      server,
      reused: r.clientReused,
      version: r.version,
      newSessionCalls: r.newSessionCalls ?? 0,
    };
  }

  /**
   * Drive a handshake only part way: the client writes its ClientHello (SSL_read on an SSL in
   * connect state starts the handshake), the server reads it and writes its first flight. The
   * `handshake` op can finish it afterwards.
   */
  async startHandshake(ssls: { client: Handle; server: Handle }): Promise<void> {
    await this.call("ssl_read", { ssl: ssls.client });
    await this.call("transfer", { from: ssls.client, to: ssls.server });
    await this.call("ssl_read", { ssl: ssls.server });
  }

  /** Whether the free callback has reported this session freed (its reference count hit 0). */
  wasFreed(session: Handle): Promise<boolean> {
    return wasFreed(this.driver, session);
  }

  /** The session's master key (TLS 1.3: its resumption PSK) as hex, read from its i2d DER. */
  async masterKeyHex(session: Handle): Promise<string> {
    const { der } = await this.call("session_i2d", { session });
    const bytes = Uint8Array.from(atob(der), (c) => c.charCodeAt(0));
    return toHex(decodeSessionDer(bytes).masterKey);
  }

  /**
   * Check (under `claim`) that a `get_session`-like result is not NULL and return its handle,
   * so a NULL is a failed check, not a crash of the scenario.
   */
  expectSession(claim: string, description: string, ref: { session: Handle | null }): Handle {
    return expectSession(this.#expect, claim, description, ref);
  }

  /**
   * A real, resumable client session that only the caller holds (one reference): connect, shut
   * down cleanly, keep the client's session with SSL_get1_session (checked under `claim`), free
   * both SSLs (the contexts hold no reference).
   */
  async keptSession(claim: string): Promise<Handle> {
    const conn = await this.connect();
    await this.call("shutdown", { client: conn.client, server: conn.server });
    const session = this.expectSession(
      claim,
      "a handshake gives the client a session to keep",
      await this.call("get_session", { ssl: conn.client, variant: "get1" }),
    );
    await this.call("ssl_free", { ssl: conn.client });
    await this.call("ssl_free", { ssl: conn.server });
    return session;
  }
}

/**
 * Whether a driver's free callback has reported this session freed (its reference count hit
 * 0); {@linkcode FfiPair.wasFreed} for a pair's driver.
 */
export async function wasFreed(driver: FfiDriver, session: Handle): Promise<boolean> {
  const { handles } = await driver.call("freed_sessions", {});
  return handles.includes(session);
}

/**
 * Check (under `claim`) that a `get_session`-like result is not NULL and return its handle, so
 * a NULL is a failed check, not a crash of the scenario; {@linkcode FfiPair.expectSession} for
 * a pair's scenario.
 */
export function expectSession(
  expect: Expectations,
  claim: string,
  description: string,
  ref: { session: Handle | null },
): Handle {
  expect.ok(claim, description, ref.session !== null, ref);
  return ref.session!;
}
