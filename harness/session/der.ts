/**
 * A small, strict DER reader and writer: just what an SSL_SESSION needs (definite lengths,
 * INTEGER, OCTET STRING, SEQUENCE, context tags, and a structural walk for embedded
 * certificates). Every malformed input ends in a {@linkcode SyntaxError} that names the byte
 * offset and what was expected; nothing here can throw a RangeError from a typed array.
 *
 * @module
 */

/** ASN.1 tag classes, as the two top bits of the identifier octet. */
export const TagClass = {
  universal: 0,
  application: 1,
  context: 2,
  private: 3,
} as const;

/** Universal tag numbers used by the session codec. */
export const UniversalTag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  sequence: 0x10,
} as const;

/**
 * How deep constructed elements may nest inside a certificate before the walk gives up. OpenSSL
 * stops at 30 (ASN1_MAX_CONSTRUCTED_NEST); a real certificate needs about 8.
 */
export const MAX_DER_DEPTH = 30;

/** One decoded identifier + length, with where the element sits in the buffer. */
export interface DerHeader {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  tagClass: number;
  /** Whether the constructed bit is set. */
  constructed: boolean;
  /** The tag number (low-tag or high-tag form). */
  tagNumber: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset one past the last content byte. */
  end: number;
}

/** Where errors point: the file (when known) and an offset added to every position. */
export interface DerContext {
  /** File name quoted in error messages. */
  file?: string;
  /** Added to offsets in messages (e.g. when this buffer is part of a larger one). @default {0} */
  baseOffset?: number;
  /** Words after the offset, e.g. "of the DER in the PEM block at line 3". */
  where?: string;
}

/** A SyntaxError naming the file, the byte offset and what was expected. */
export function derError(ctx: DerContext, offset: number, detail: string): SyntaxError {
  const file = ctx.file === undefined ? "" : ` in "${ctx.file}"`;
  const where = ctx.where ? ` ${ctx.where}` : "";
  return new SyntaxError(
    `Cannot decode SSL session${file} at byte ${offset + (ctx.baseOffset ?? 0)}${where}: ${detail}`,
  );
}

/** A short human name for an identifier, for messages: "INTEGER", "[3]", "tag 0x45". */
export function describeTag(h: Pick<DerHeader, "tagClass" | "constructed" | "tagNumber">): string {
  if (h.tagClass === TagClass.context) {
    return `context tag [${h.tagNumber}] (${h.constructed ? "constructed" : "primitive"})`;
  }
  if (h.tagClass === TagClass.universal) {
    const names: Record<number, string> = {
      [UniversalTag.integer]: "INTEGER",
      [UniversalTag.bitString]: "BIT STRING",
      [UniversalTag.octetString]: "OCTET STRING",
      [UniversalTag.sequence]: "SEQUENCE",
      0x05: "NULL",
      0x06: "OBJECT IDENTIFIER",
      0x11: "SET",
      0x00: "end-of-contents",
    };
    const name = names[h.tagNumber] ?? `universal tag ${h.tagNumber}`;
    return `${name}${h.constructed ? " (constructed)" : ""}`;
  }
  const cls = h.tagClass === TagClass.application ? "application" : "private";
  return `${cls} tag ${h.tagNumber}`;
}

/**
 * Read the identifier and length of the element at `pos`, which must end by `limit`. Strict DER:
 * definite lengths only, minimal length octets, minimal high-tag form, content inside `limit`.
 */
export function readHeader(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  ctx: DerContext,
): DerHeader {
  const start = pos;
  if (pos >= limit) throw derError(ctx, pos, "expected an element, found the end of the data");
  const id = bytes[pos++];
  const tagClass = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tagNumber = id & 0x1f;
  if (tagNumber === 0x1f) {
    // High-tag form: base-128 digits, the first must not be a padding 0x80, at most 4 digits
    // (2^28) so the number stays a small integer.
    tagNumber = 0;
    for (let digits = 0;; digits++) {
      if (pos >= limit) {
        throw derError(ctx, pos, "expected another tag-number octet, found the end of the data");
      }
      const b = bytes[pos++];
      if (digits === 0 && b === 0x80) {
        throw derError(ctx, pos - 1, "expected a minimal high tag number, found a leading 0x80");
      }
      if (digits === 4) throw derError(ctx, start, "expected a tag number below 2^28");
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    if (tagNumber < 0x1f) {
      throw derError(ctx, start, `expected tag number ${tagNumber} in the low-tag form`);
    }
  }
  if (pos >= limit) throw derError(ctx, pos, "expected a length octet, found the end of the data");
  const first = bytes[pos++];
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw derError(
      ctx,
      pos - 1,
      "expected a definite length (DER), found the indefinite form 0x80",
    );
  } else {
    const n = first & 0x7f;
    if (n > 4) {
      throw derError(ctx, pos - 1, `expected at most 4 length octets, found ${n}`);
    }
    if (pos + n > limit) {
      throw derError(ctx, pos, `expected ${n} length octets, found the end of the data`);
    }
    if (bytes[pos] === 0) {
      throw derError(ctx, pos, "expected a minimal length, found a leading zero length octet");
    }
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[pos++];
    if (length < 0x80) {
      throw derError(
        ctx,
        start,
        `expected length ${length} in the short form, found ${n + 1} octets`,
      );
    }
  }
  const contentStart = pos;
  if (length > limit - contentStart) {
    throw derError(
      ctx,
      start,
      `expected ${length} content bytes for ${describeTag({ tagClass, constructed, tagNumber })}` +
        `, but only ${limit - contentStart} remain in the enclosing element`,
    );
  }
  return { tagClass, constructed, tagNumber, start, contentStart, end: contentStart + length };
}

/** Read a header and check its tag; the message names what was expected. */
export function expectHeader(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  ctx: DerContext,
  expected: { tagClass: number; constructed: boolean; tagNumber: number },
  what: string,
): DerHeader {
  if (pos >= limit) throw derError(ctx, pos, `expected ${what}, found the end of the data`);
  const h = readHeader(bytes, pos, limit, ctx);
  if (
    h.tagClass !== expected.tagClass || h.constructed !== expected.constructed ||
    h.tagNumber !== expected.tagNumber
  ) {
    throw derError(ctx, pos, `expected ${what}, found ${describeTag(h)}`);
  }
  return h;
}

/**
 * Decode INTEGER content (two's complement, minimal) as a bigint. DER forbids a leading 0x00
 * before a byte < 0x80 and a leading 0xFF before a byte >= 0x80; OpenSSL refuses both too
 * ("illegal padding").
 */
export function decodeIntegerContent(
  bytes: Uint8Array,
  h: DerHeader,
  ctx: DerContext,
): bigint {
  const n = h.end - h.contentStart;
  if (n === 0) throw derError(ctx, h.start, "expected at least one content byte in an INTEGER");
  if (n > 9) throw derError(ctx, h.start, `expected an INTEGER of at most 9 bytes, found ${n}`);
  const b0 = bytes[h.contentStart];
  if (n > 1) {
    const b1 = bytes[h.contentStart + 1];
    if ((b0 === 0x00 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80)) {
      throw derError(ctx, h.contentStart, "expected a minimally encoded INTEGER, found padding");
    }
  }
  let v = 0n;
  for (let i = h.contentStart; i < h.end; i++) v = (v << 8n) | BigInt(bytes[i]);
  if (b0 & 0x80) v -= 1n << BigInt(8 * n);
  return v;
}

/** Minimal two's complement content octets of an integer. */
export function encodeIntegerContent(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    out.unshift(byte);
    v >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Uint8Array.from(out);
}

/** The length octets for a content length. */
function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) out.unshift(l % 256);
  return [0x80 | out.length, ...out];
}

/** One element: identifier octet(s), length, content. Tag numbers >= 31 use the high form. */
export function encodeElement(
  tag: { tagClass: number; constructed: boolean; tagNumber: number },
  content: Uint8Array,
): Uint8Array {
  const id: number[] = [];
  const lead = (tag.tagClass << 6) | (tag.constructed ? 0x20 : 0);
  if (tag.tagNumber < 0x1f) {
    id.push(lead | tag.tagNumber);
  } else {
    const digits: number[] = [];
    for (let t = tag.tagNumber; t > 0; t = Math.floor(t / 128)) digits.unshift(t % 128);
    id.push(lead | 0x1f, ...digits.map((d, i) => (i < digits.length - 1 ? d | 0x80 : d)));
  }
  const len = encodeLength(content.length);
  const out = new Uint8Array(id.length + len.length + content.length);
  out.set(id, 0);
  out.set(len, id.length);
  out.set(content, id.length + len.length);
  return out;
}

/** Concatenate byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Check that `[start, end)` is a sequence of well-formed DER elements, descending into
 * constructed ones (iteratively, so deep nesting cannot exhaust the stack), at most
 * {@linkcode MAX_DER_DEPTH} levels deep.
 */
export function walkDer(bytes: Uint8Array, start: number, end: number, ctx: DerContext): void {
  const stack: number[] = [end];
  let pos = start;
  while (stack.length > 0) {
    const limit = stack[stack.length - 1];
    if (pos === limit) {
      stack.pop();
      continue;
    }
    const h = readHeader(bytes, pos, limit, ctx);
    if (h.tagClass === TagClass.universal && h.tagNumber === 0) {
      throw derError(ctx, pos, "expected an element, found an end-of-contents marker");
    }
    if (h.constructed) {
      if (stack.length > MAX_DER_DEPTH) {
        throw derError(ctx, pos, `expected nesting at most ${MAX_DER_DEPTH} levels deep`);
      }
      stack.push(h.end);
      pos = h.contentStart;
    } else {
      pos = h.end;
    }
  }
}
