/** Where a parser is reading: the file name to report and the 1-based number of a line. */
export interface Where {
  /** File name (or a description of the input) for messages. */
  file: string;
  /** 1-based line number in that file. */
  line: number;
}

/**
 * A `SyntaxError` whose message starts with `file:line:` so that a reader can open the place
 * (the style rule: name the file, the line and what was expected).
 */
export function syntaxError(where: Where, message: string): SyntaxError {
  return new SyntaxError(`${where.file}:${where.line}: ${message}`);
}

/** A line quoted for an error message, shortened so that a huge garbage line stays readable. */
export function quote(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}

/** Split text into lines, accepting `\n` and `\r\n`. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  // A final newline does not start another line.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Decode an uppercase or lowercase hex string without separators; `undefined` if it is not one. */
export function decodeHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
