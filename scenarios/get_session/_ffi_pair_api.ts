/**
 * Shared setup of the API-level (`ffi`) scenarios: a client and a server SSL_CTX of the client
 * build in one FFI driver, connected through memory BIOs, configured so that reference counts
 * can be read from the driver's free callback alone.
 *
 * Why the defaults are what they are:
 * - client contexts use cache mode `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE`
 *   (0x201): the new-session callback fires on the client (needed to count tickets), but no
 *   internal cache holds an extra reference that would hide when a session is really freed;
 * - both contexts' new-session callbacks return 0 (`keepNewSessions: false`), so the callback
 *   holds no reference either; a scenario that wants to keep every ticket says so.
 *
 * Helpers (files starting with `_`) are not loaded as scenarios.
 *
 * @example
 * ```ts ignore
 * const pair = await ffiPair(ctx, { tls: "1.2", noTicket: true });
 * const conn = await pair.connect();
 * const { session } = await pair.driver.call("get_session", { ssl: conn.client, variant: "get1" });
 * ```
 * @module
 */

import type { ScenarioContext } from "../../mod.ts";
import type { CacheMode, FfiDriver, Handle } from "../../harness/ffi/mod.ts";
import { decodeSessionDer, toHex } from "../../mod.ts";

/** `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE`: callback yes, cache reference no. */
export const CLIENT_NO_STORE = 0x201;

/** How {@linkcode ffiPair} configures the two contexts. */
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
  /** Trust this file instead of the test CA (a failed-handshake setup). @default {ctx.pki.caCert} */
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

/** A client and a server context in one driver. */
export interface FfiPair {
  /** The client build's driver. */
  driver: FfiDriver;
  /** Client SSL_CTX handle. */
  clientCtx: Handle;
  /** Server SSL_CTX handle. */
  serverCtx: Handle;
  /** New client and server SSLs of these contexts, not yet connected. */
  newSsls(): Promise<{ client: Handle; server: Handle }>;
  /** New SSLs, optionally a session set on the client, then a full in-memory handshake. */
  connect(options?: ConnectOptions): Promise<FfiConnection>;
}

/**
 * A client and a server SSL_CTX of the client build (server: the test leaf and key; client:
 * trusts the test CA, verifies the peer), in the scenario's FFI driver.
 */
export async function ffiPair(ctx: ScenarioContext, options: FfiPairOptions): Promise<FfiPair> {
  const driver = await ctx.ffi();
  const { ctx: serverCtx } = await driver.call("ctx_new", {
    role: "server",
    cert: ctx.pki.chain,
    key: ctx.pki.key,
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
    caFile: options.clientCaFile ?? ctx.pki.caCert,
    minVersion: options.tls,
    maxVersion: options.tls,
    cacheMode: options.clientCacheMode ?? CLIENT_NO_STORE,
    keepNewSessions: options.keepClientSessions ?? false,
  });
  const newSsls = async () => {
    const { ssl: client } = await driver.call("ssl_new", { ctx: clientCtx });
    const { ssl: server } = await driver.call("ssl_new", { ctx: serverCtx });
    return { client, server };
  };
  return {
    driver,
    clientCtx,
    serverCtx,
    newSsls,
    async connect(connectOptions: ConnectOptions = {}) {
      const { client, server } = await newSsls();
      if (connectOptions.session !== undefined) {
        const { rc } = await driver.call("set_session", {
          ssl: client,
          session: connectOptions.session,
        });
        if (rc !== 1) throw new Error(`SSL_set_session returned ${rc} while setting up`);
      }
      const r = await driver.call("handshake", {
        client,
        server,
        readTickets: connectOptions.readTickets ?? true,
      });
      return {
        client,
        server,
        reused: r.clientReused,
        version: r.version,
        newSessionCalls: r.newSessionCalls ?? 0,
      };
    },
  };
}

/**
 * Drive a handshake only part way: the client writes its ClientHello (SSL_read on an SSL in
 * connect state starts the handshake), the server reads it and writes its first flight. The
 * `handshake` op can finish it afterwards.
 */
export async function startHandshake(
  driver: FfiDriver,
  ssls: { client: Handle; server: Handle },
): Promise<void> {
  await driver.call("ssl_read", { ssl: ssls.client });
  await driver.call("transfer", { from: ssls.client, to: ssls.server });
  await driver.call("ssl_read", { ssl: ssls.server });
}

/** Whether the free callback has reported this session freed (its reference count hit 0). */
export async function wasFreed(driver: FfiDriver, session: Handle): Promise<boolean> {
  const { handles } = await driver.call("freed_sessions", {});
  return handles.includes(session);
}

/** The session's master key (TLS 1.3: its resumption PSK) as hex, read from its i2d DER. */
export async function masterKeyHex(driver: FfiDriver, session: Handle): Promise<string> {
  const { der } = await driver.call("session_i2d", { session });
  const bytes = Uint8Array.from(atob(der), (c) => c.charCodeAt(0));
  return toHex(decodeSessionDer(bytes).masterKey);
}

/**
 * Check (under `claim`) that a `get_session`-like result is not NULL and return its handle, so
 * a NULL is a failed check, not a crash of the scenario.
 */
export function expectSession(
  ctx: ScenarioContext,
  claim: string,
  description: string,
  ref: { session: Handle | null },
): Handle {
  ctx.expect.ok(claim, description, ref.session !== null, ref);
  return ref.session!;
}
