import { quote, syntaxError, type Where } from "./_syntax_error.ts";

/** One line of a `BIO_dump_indent` hex dump with its 1-based line number. */
export interface DumpLine {
  /** The line as printed (indentation included). */
  text: string;
  /** 1-based line number in the file being parsed. */
  line: number;
}

const ROW = /^\s*([0-9a-fA-F]{4,}) - (.*)$/;
const HEX_BYTE = /^[0-9a-fA-F]{2}$/;

/** The text column `BIO_dump` prints for a byte: itself when printable ASCII, else a dot. */
function shown(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : ".";
}

/**
 * Decode the rows of an OpenSSL `BIO_dump_indent` hex dump (`0000 - 4d 9b … 1c-… 08   M.......`),
 * as `SSL_SESSION_print` writes a session ticket.
 *
 * Strict on purpose: a ticket is compared byte for byte with other sources, so a row whose
 * offset does not follow on, whose hex column is malformed, or whose text column disagrees with
 * its bytes is a `SyntaxError` naming the line, never a silently shorter ticket. Trailing blanks
 * may be missing (editors and normalisers strip them); that is the only leniency.
 */
export function decodeHexDump(rows: readonly DumpLine[], file: string): Uint8Array {
  const bytes: number[] = [];
  let width = 0;
  rows.forEach((row, index) => {
    const where: Where = { file, line: row.line };
    if (/<SPACES\/NULS>/.test(row.text)) {
      // Only OpenSSL before 1.1.1 abbreviated trailing blanks: those bytes cannot be recovered.
      throw syntaxError(where, `hex dump row ends in "<SPACES/NULS>": the trailing bytes are lost`);
    }
    const m = ROW.exec(row.text);
    if (!m) {
      throw syntaxError(
        where,
        `expected a hex dump row like "0000 - 4d 9b …" in the ticket, found ${
          quote(row.text.trim())
        }`,
      );
    }
    const offset = parseInt(m[1], 16);
    if (offset !== bytes.length) {
      const want = bytes.length.toString(16).padStart(4, "0");
      throw syntaxError(where, `expected hex dump offset "${want}", found "${m[1]}"`);
    }
    const rest = m[2];
    const rowBytes: number[] = [];
    let j = 0;
    for (; j < 64; j++) {
      const pair = rest.slice(3 * j, 3 * j + 2);
      if (!HEX_BYTE.test(pair)) break;
      const sep = rest.charAt(3 * j + 2);
      const wantSep = j === 7 ? "-" : " ";
      // A row trimmed of trailing blanks may end right after its last byte.
      if (sep !== wantSep && !(sep === "" && rest.length === 3 * j + 2)) {
        throw syntaxError(
          where,
          `expected ${JSON.stringify(wantSep)} after byte ${j} of the hex dump row, found ${
            JSON.stringify(sep)
          }`,
        );
      }
      rowBytes.push(parseInt(pair, 16));
    }
    if (rowBytes.length === 0) {
      throw syntaxError(where, `expected hex bytes after the offset, found ${quote(rest)}`);
    }
    if (index === 0) width = rowBytes.length;
    else if (rows[index - 1] && width !== 0 && bytes.length % width !== 0) {
      // The previous row was short, so it should have been the last one.
      throw syntaxError(
        { file, line: rows[index - 1].line },
        `expected ${width} bytes in a hex dump row that is not the last`,
      );
    }
    if (rowBytes.length > width && index > 0) {
      throw syntaxError(
        where,
        `expected at most ${width} bytes in the hex dump row, found ${rowBytes.length}`,
      );
    }
    // After the bytes come blanks for the bytes a short row lacks, two spaces, then the text
    // column; the text is known from the bytes, so the blanks are what is left in front of it.
    const after = rest.slice(3 * rowBytes.length);
    const want = rowBytes.map(shown).join("");
    const wantTrimmed = want.trimEnd();
    let padding: string | undefined;
    if (after.endsWith(want) && /^ *$/.test(after.slice(0, after.length - want.length))) {
      padding = after.slice(0, after.length - want.length);
    } else if (
      after.endsWith(wantTrimmed) && /^ *$/.test(after.slice(0, after.length - wantTrimmed.length))
    ) {
      // Trailing blanks stripped: the padding can no longer be measured, only seen to be blank.
    } else {
      throw syntaxError(
        where,
        `expected the hex dump's text column ${quote(want)} for its bytes, found ${
          quote(after.trimStart())
        }`,
      );
    }
    if (padding !== undefined) {
      // A row of n bytes in a dump w wide has 3 * (w - n) + 2 blanks before its text;
      // SSL_SESSION_print dumps 16 bytes a row, and later rows follow the first.
      const dumpWidth = index > 0 ? width : Math.max(16, rowBytes.length);
      const blanks = 3 * (dumpWidth - rowBytes.length) + 2;
      if (padding.length !== blanks) {
        throw syntaxError(
          where,
          `expected ${blanks} blanks before the hex dump's text column, found ${padding.length}`,
        );
      }
    }
    bytes.push(...rowBytes);
  });
  return Uint8Array.from(bytes);
}
