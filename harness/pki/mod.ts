/**
 * The run's PKI: a CA and a leaf certificate for localhost / 127.0.0.1, made with openssl in a
 * private temp dir, which every peer of a run trusts and serves.
 *
 * @example
 * ```ts
 * import { createTestPki } from "./mod.ts";
 * await using pki = await createTestPki();
 * console.log(pki.caCert);
 * ```
 * @module
 */
export * from "./ca_and_leaf.ts";
