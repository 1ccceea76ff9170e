/**
 * How much input a parser or reader accepts. A session file is a few KB and an s_client
 * transcript a few tens of KB; a 2 GiB file took 45–55 s and 6.3 GB of memory to end in a
 * misleading SyntaxError, so every entry point refuses anything over a limit first, in
 * constant time, and says which limit and how to raise it. Pure: no I/O.
 * @module
 */

/** The default limit: 1 MiB, hundreds of times what OpenSSL writes for one session. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

/**
 * Throw a `SyntaxError` naming `file` when an input of `size` bytes is over `maxBytes`. Text is
 * measured in UTF-16 code units (`text.length`): at most its UTF-8 size, so a text under the
 * limit never needs encoding first.
 *
 * @example
 * ```ts
 * import { checkInputSize } from "./input_limit.ts";
 * checkInputSize(10, "session.pem"); // fine
 * try {
 *   checkInputSize(2 ** 31, "huge.pem");
 * } catch (e) {
 *   console.log((e as Error).message); // huge.pem: 2147483648 bytes is over the limit …
 * }
 * ```
 */
export function checkInputSize(
  size: number,
  file: string,
  maxBytes: number = DEFAULT_MAX_INPUT_BYTES,
): void {
  if (size > maxBytes) {
    throw new SyntaxError(
      `${file}: ${size} bytes is over the limit of ${maxBytes} bytes (maxBytes): ` +
        `not a session file or transcript OpenSSL writes`,
    );
  }
}
