/**
 * Test PKI: a CA and a leaf for localhost / 127.0.0.1 in a private temp dir.
 *
 * @example
 * ```ts
 * import { createTestPki } from "./mod.ts";
 * await using pki = await createTestPki();
 * console.log(pki.caCert);
 * ```
 * @module
 */
export * from "./test_pki.ts";
export * from "./private_temp_dir.ts";
