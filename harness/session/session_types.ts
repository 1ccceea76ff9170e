/**
 * The typed SSL_SESSION: the fields OpenSSL 1.1.1 through 4.0 write (see `ssl_session.ts` for
 * the ASN.1) and the inputs of the codec. Types only, so the codec files can share them.
 * @module
 */

export interface UnknownField {
  /** The context tag number (> 20 for every OpenSSL up to 4.0). */
  tag: number;
  /** The complete DER element: identifier, length and content, exactly as read. */
  bytes: Uint8Array;
}

/**
 * An SSL_SESSION as OpenSSL serialises it (`i2d_SSL_SESSION`, `-sess_out`). Byte fields are
 * `Uint8Array`s; optional fields are `undefined` when the element is absent. Integer fields
 * whose absence means 0 in OpenSSL are plain numbers (0 when absent).
 */
export interface SslSession {
  /** The ASN.1 structure version (`SSL_SESSION_ASN1_VERSION`); 1 in every version. */
  asn1Version: number;
  /** The protocol version (`ssl_version`): 0x0303 TLS 1.2, 0x0304 TLS 1.3, 0xfefd DTLS 1.2… */
  protocolVersion: number;
  /**
   * The 2-byte cipher suite id as stored in the file, which is the IANA id (0x1302 for
   * TLS_AES_256_GCM_SHA384, 0xc02c for ECDHE-ECDSA-AES256-GCM-SHA384).
   */
  cipherId: number;
  /**
   * What OpenSSL makes of {@linkcode cipherId} in memory (`SSL_CIPHER_get_id`):
   * `0x03000000 | cipherId`. Set by the decoder for reference; the encoder ignores it and
   * writes `cipherId` only.
   */
  opensslCipherId?: number;
  /** The session id (≤ 32 bytes; TLS 1.3 clients fill it with random bytes). */
  sessionId: Uint8Array;
  /** The master secret (TLS ≤ 1.2) or the resumption PSK (TLS 1.3); ≤ 64 bytes. */
  masterKey: Uint8Array;
  /** `[0]` key_arg: an SSLv2 relic no version since 1.1.0 writes. */
  keyArg?: Uint8Array;
  /** `[1]` when the session was established, in seconds since the epoch (0 when absent). */
  time: number;
  /** `[2]` lifetime in seconds (0 when absent; OpenSSL then assumes 3 s). */
  timeout: number;
  /** `[3]` the peer's certificate, DER (absent for PSK-only sessions and server sessions without client auth). */
  peerCertificate?: Uint8Array;
  /** `[4]` the session id context (empty when unset; OpenSSL writes it even when empty). */
  sessionIdContext: Uint8Array;
  /** `[5]` the X509 verify result of the peer's chain (0 = X509_V_OK, when absent). */
  verifyResult: number;
  /** `[6]` the SNI host name, decoded as UTF-8. */
  hostname?: string;
  /** `[7]` the PSK identity hint, decoded as UTF-8. */
  pskIdentityHint?: string;
  /** `[8]` the PSK identity, decoded as UTF-8. */
  pskIdentity?: string;
  /** `[9]` the ticket lifetime hint in seconds (0 when absent). */
  ticketLifetimeHint: number;
  /** `[10]` the session ticket; `undefined` when there is none. */
  ticket?: Uint8Array;
  /** `[11]` the compression method id (one byte); absent when no compression. */
  compressionId?: number;
  /** `[12]` the SRP user name, decoded as UTF-8. */
  srpUsername?: string;
  /** `[13]` session flags (0 when absent); bit 0 is {@linkcode SESSION_FLAG_EXTMS}. */
  flags: number;
  /** `[14]` TLS 1.3 ticket_age_add (0 when absent). */
  ticketAgeAdd: number;
  /** `[15]` TLS 1.3 max_early_data (0 when absent). */
  maxEarlyData: number;
  /** `[16]` the selected ALPN protocol, raw bytes (e.g. "h2"). */
  alpnSelected?: Uint8Array;
  /** `[17]` the max fragment length mode (RFC 6066: 1 = 512 … 4 = 4096; 0 when absent). */
  maxFragmentLength: number;
  /** `[18]` application data stored in the ticket (SSL_SESSION_set1_ticket_appdata). */
  ticketAppdata?: Uint8Array;
  /**
   * `[19]` the key exchange group (TLS group id, e.g. 0x1d = x25519; 0 for PSK-only). Absent in
   * files from builds that do not write it (1.1.1). OpenSSL writes it even when 0.
   */
  kexGroup?: number;
  /** `[20]` the peer's raw public key (RFC 7250), SubjectPublicKeyInfo DER (3.2+). */
  peerRpk?: Uint8Array;
  /** Context-tagged elements this codec does not know, in tag order. */
  unknownFields: UnknownField[];
}

/** `flags` bit: the session used the extended master secret (RFC 7627). */
export const SESSION_FLAG_EXTMS = 0x1;

/** Options for {@linkcode decodeSessionDer}. */
export interface DecodeOptions {
  /** The file the bytes came from, quoted in error messages. */
  file?: string;
  /** Longest input accepted, in bytes: anything longer is refused at once. @default {1048576} */
  maxBytes?: number;
}

/** The fields a caller must give {@linkcode createSession}; the rest default as OpenSSL's do. */
export type SslSessionInit =
  & Pick<SslSession, "protocolVersion" | "cipherId">
  & Partial<SslSession>;
