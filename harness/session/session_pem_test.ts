import assert from "node:assert/strict";
import { decodeSessionPem, derToPem, encodeSessionPem, pemToDer } from "./session_pem.ts";
import { encodeSessionDer } from "./ssl_session.ts";
import { fullSession, toHex } from "../../testing/session/samples.ts";

const BEGIN = "-----BEGIN SSL SESSION PARAMETERS-----";
const END = "-----END SSL SESSION PARAMETERS-----";
const PEM = encodeSessionPem(fullSession());
const BODY = PEM.split("\n").slice(1, -2);

Deno.test("encodeSessionPem() writes 64-column base64 between the armour lines", () => {
  const lines = PEM.split("\n");
  assert.equal(lines[0], BEGIN);
  assert.equal(lines.at(-2), END);
  assert.equal(lines.at(-1), "");
  for (const l of BODY.slice(0, -1)) assert.equal(l.length, 64);
  assert.ok(BODY.at(-1)!.length <= 64);
});

Deno.test("decodeSessionPem() reads what encodeSessionPem() wrote", () => {
  const s = decodeSessionPem(PEM);
  assert.equal(toHex(encodeSessionDer(s)), toHex(encodeSessionDer(fullSession())));
  assert.equal(encodeSessionPem(s), PEM);
});

Deno.test("pemToDer() ignores text around the block and accepts CRLF", () => {
  const text = "Session saved by a test\nSSL-Session: (not PEM)\n" + PEM.replaceAll("\n", "\r\n") +
    "trailing words after the END line\n";
  assert.equal(toHex(pemToDer(text).der), toHex(pemToDer(PEM).der));
  assert.equal(pemToDer(text).beginLine, 3);
});

Deno.test("pemToDer() reports bad armour with the line and what was expected", async (t) => {
  const cases: { name: string; text: string; message: RegExp }[] = [
    { name: "empty", text: "", message: /at line 1: the text is empty/ },
    {
      name: "no armour",
      text: "hello\nworld\n",
      message:
        /at line 1: expected a "-----BEGIN SSL SESSION PARAMETERS-----" line, found no PEM armour/,
    },
    {
      name: "another PEM type",
      text: "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n",
      message:
        /at line 1: expected "-----BEGIN SSL SESSION PARAMETERS-----", found "-----BEGIN CERTIFICATE-----"/,
    },
    {
      name: "missing END",
      text: [BEGIN, ...BODY].join("\n"),
      message: /expected "-----END SSL SESSION PARAMETERS-----" before the end of the text/,
    },
    {
      name: "bad character",
      text: [BEGIN, BODY[0], BODY[1].slice(0, 10) + "*" + BODY[1].slice(11), ...BODY.slice(2), END]
        .join("\n"),
      message: /at line 3: expected a base64 character, found "\*" at column 11/,
    },
    {
      name: "blank line",
      text: [BEGIN, BODY[0], "", ...BODY.slice(1), END].join("\n"),
      message:
        /at line 3: expected base64 or "-----END SSL SESSION PARAMETERS-----", found an empty line/,
    },
    {
      name: "header",
      text: [BEGIN, "Proc-Type: 4,ENCRYPTED", ...BODY, END].join("\n"),
      message: /at line 2: expected base64, found a PEM header line/,
    },
    {
      name: "wrong END",
      text: [BEGIN, ...BODY, "-----END CERTIFICATE-----"].join("\n"),
      message:
        /expected base64 or "-----END SSL SESSION PARAMETERS-----", found "-----END CERTIFICATE-----"/,
    },
    {
      name: "no data",
      text: [BEGIN, END].join("\n"),
      message: /at line 2: expected base64 data between BEGIN and END, found none/,
    },
    {
      name: "length not a multiple of 4",
      text: [BEGIN, "MAA", END].join("\n"),
      message: /expected a multiple of 4 base64 characters, found 3/,
    },
    {
      name: "padding in the middle",
      text: [BEGIN, "MA==MAAA", END].join("\n"),
      message: /at line 2: expected "=" padding only at the end/,
    },
    {
      name: "data after padding",
      text: [BEGIN, "MA==", "MAAA", END].join("\n"),
      message:
        /at line 3: expected "-----END SSL SESSION PARAMETERS-----" after the "=" padding on line 2/,
    },
    {
      name: "non-canonical padding bits",
      text: [BEGIN, "MAB=", END].join("\n"),
      message: /expected canonical base64/,
    },
    {
      name: "two sessions",
      text: PEM + PEM,
      message: /at line \d+: expected one session per text, found a second/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      assert.throws(() => pemToDer(c.text, { file: "s.pem" }), (e: unknown) => {
        assert.ok(e instanceof SyntaxError, `expected a SyntaxError, got ${e}`);
        assert.match(e.message, /^Cannot read SSL session PEM in "s\.pem" at line \d+: /);
        assert.match(e.message, c.message);
        return true;
      });
    });
  }
});

Deno.test("decodeSessionPem() reports DER errors with the byte offset and the block's lines", () => {
  const text = "junk\n" + derToPem(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x02));
  assert.throws(
    () => decodeSessionPem(text, { file: "v2.pem" }),
    (e: unknown) =>
      e instanceof SyntaxError &&
      /^Cannot decode SSL session in "v2\.pem" at byte 2 of the DER in the PEM block at lines 2-4: expected version 1, found 2$/
        .test(e.message),
  );
});

Deno.test("derToPem() and pemToDer() agree for every length around the line width", () => {
  for (let n = 1; n < 200; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
    assert.equal(toHex(pemToDer(derToPem(bytes)).der), toHex(bytes), `length ${n}`);
  }
});
