/**
 * The typed SSL_SESSION and its exact DER codec, following the ASN.1 that `ssl/ssl_asn1.c`
 * writes in OpenSSL 1.1.1 through 4.0:
 *
 * ```
 * SSL_SESSION_ASN1 ::= SEQUENCE {
 *   version                  UINT32,                        -- always 1
 *   ssl_version              INT32,                         -- 0x0303, 0x0304, …
 *   cipher                   OCTET STRING (SIZE(2)),        -- IANA cipher suite id
 *   session_id               OCTET STRING,                  -- ≤ 32 bytes
 *   master_key               OCTET STRING,                  -- ≤ 64 bytes (TLS 1.3: PSK)
 *   key_arg              [0] IMPLICIT OCTET STRING OPTIONAL,-- SSLv2 relic, never written
 *   time                 [1] EXPLICIT INT64 OPTIONAL,       -- seconds since 1970, 0 omitted
 *   timeout              [2] EXPLICIT INT64 OPTIONAL,       -- seconds, 0 omitted
 *   peer                 [3] EXPLICIT Certificate OPTIONAL,
 *   session_id_context   [4] EXPLICIT OCTET STRING OPTIONAL,-- written even when empty
 *   verify_result        [5] EXPLICIT INT32 OPTIONAL,       -- 0 (X509_V_OK) omitted
 *   hostname             [6] EXPLICIT OCTET STRING OPTIONAL,
 *   psk_identity_hint    [7] EXPLICIT OCTET STRING OPTIONAL,
 *   psk_identity         [8] EXPLICIT OCTET STRING OPTIONAL,
 *   ticket_lifetime_hint [9] EXPLICIT UINT64 OPTIONAL,      -- 0 omitted
 *   ticket              [10] EXPLICIT OCTET STRING OPTIONAL,
 *   comp_id             [11] EXPLICIT OCTET STRING (SIZE(1)) OPTIONAL,
 *   srp_username        [12] EXPLICIT OCTET STRING OPTIONAL,
 *   flags               [13] EXPLICIT UINT64 OPTIONAL,      -- 0 omitted; bit 0 = EMS
 *   ticket_age_add      [14] EXPLICIT UINT32 OPTIONAL,      -- 0 omitted
 *   max_early_data      [15] EXPLICIT UINT32 OPTIONAL,      -- 0 omitted
 *   alpn_selected       [16] EXPLICIT OCTET STRING OPTIONAL,
 *   max_fragment_len    [17] EXPLICIT UINT32 OPTIONAL,      -- 0 omitted
 *   ticket_appdata      [18] EXPLICIT OCTET STRING OPTIONAL,
 *   kex_group           [19] EXPLICIT UINT32 OPTIONAL,      -- newer builds; written even if 0
 *   peer_rpk            [20] EXPLICIT OCTET STRING OPTIONAL -- 3.2+: SubjectPublicKeyInfo DER
 * }
 * ```
 *
 * Decoding keeps the exact bytes of every element beside the value it decoded, so that
 * `encodeSessionDer(decodeSessionDer(x))` is byte-identical for every input the decoder accepts:
 * an element is re-emitted verbatim while its value is unchanged, and encoded canonically (the
 * way OpenSSL's i2d_SSL_SESSION would) once it changed. Context tags this codec does not know
 * (above [20]) are kept in {@linkcode SslSession.unknownFields} and written back in tag order.
 *
 * @module
 */
export { LAST_KNOWN_TAG, SSL_SESSION_ASN1_VERSION } from "./_session_schema.ts";
export { decodeSessionDer, decodeWithContext } from "./session_decode.ts";
export { createSession, encodeSessionDer } from "./session_encode.ts";
export * from "./session_types.ts";
