import type { SServerOptions, TlsVersion } from "../openssl/mod.ts";

/**
 * The four ways an OpenSSL server resumes a session, as variant values: a TLS 1.2 session ID
 * (`s_server -no_ticket`: the server's cache), a TLS 1.2 ticket (the default), a TLS 1.3
 * stateless ticket (the default: the session is inside the ticket) and a TLS 1.3 stateful
 * ticket (`s_server -no_ticket`: the ticket names an entry of the server's cache).
 *
 * Give it as `variants: { mode: RESUMPTION_MODES }` and start servers with
 * `ctx.sServer(resumptionServer(ctx.variant.mode))`.
 */
export const RESUMPTION_MODES = [
  "tls1.2-id",
  "tls1.2-ticket",
  "tls1.3-stateless",
  "tls1.3-stateful",
] as const;

/** One of {@linkcode RESUMPTION_MODES}. */
export type ResumptionMode = (typeof RESUMPTION_MODES)[number];

/** The protocol of a resumption mode. */
export function modeTls(mode: ResumptionMode): TlsVersion {
  return mode.startsWith("tls1.2") ? "1.2" : "1.3";
}

/** The mode keeps its state in the server's session cache (a session ID, a stateful ticket). */
export function modeUsesServerCache(mode: ResumptionMode): boolean {
  return mode === "tls1.2-id" || mode === "tls1.3-stateful";
}

/**
 * The `s_server` options of a resumption mode (the protocol forced, `-no_ticket` where the mode
 * needs it), merged with `extra`.
 *
 * @example
 * ```ts
 * import { resumptionServer } from "./resumption_modes.ts";
 * console.log(resumptionServer("tls1.3-stateful", { numTickets: 1 }));
 * // { tls: "1.3", noTicket: true, numTickets: 1 }
 * ```
 */
export function resumptionServer(mode: ResumptionMode, extra: SServerOptions = {}): SServerOptions {
  return { tls: modeTls(mode), ...(modeUsesServerCache(mode) ? { noTicket: true } : {}), ...extra };
}
