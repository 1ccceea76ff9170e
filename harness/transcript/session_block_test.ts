import assert from "node:assert/strict";
import { parseSessionBlock } from "./mod.ts";
import { hex, readOwnSample } from "../../testing/transcript/test_fixtures.ts";

const TLS13 = [
  "SSL-Session:",
  "    Protocol  : TLSv1.3",
  "    Cipher    : TLS_AES_256_GCM_SHA384",
  "    Session-ID: C50CB7B1338B80B9847D328371140C2A",
  "    Session-ID-ctx: ",
  "    Resumption PSK: 1AF5DEA535EB01C994EF23FD0E4BD927",
  "    PSK identity: None",
  "    PSK identity hint: None",
  "    SRP username: None",
  "    TLS session ticket lifetime hint: 7200 (seconds)",
  "    TLS session ticket:",
  "    0000 - a8 e4 17 14 e3 fe 27 83-09 e2 a1 bd 47 e1 2b c6   ......'.....G.+.",
  "    0010 - 26 71 20 3f                                       &q ?",
  "",
  "    Start Time: 1795298767",
  "    Timeout   : 7200 (sec)",
  "    Verify return code: 0 (ok)",
  "    Extended master secret: no",
  "    Max Early Data: 0",
  "",
].join("\n");

const TLS12 = [
  "SSL-Session:",
  "    Protocol  : TLSv1.2",
  "    Cipher    : ECDHE-ECDSA-AES256-GCM-SHA384",
  "    Session-ID: CE3A23E8",
  "    Session-ID-ctx: 01000000",
  "    Master-Key: 714EFEC8F0FE482F",
  "    PSK identity: client1",
  "    PSK identity hint: hint",
  "    SRP username: None",
  "    Compression: 1 (zlib compression)",
  "    Start Time: 1795298774",
  "    Timeout   : 300 (sec)",
  "    Verify return code: 20 (unable to get local issuer certificate)",
  "    Extended master secret: yes",
].join("\n");

Deno.test("parseSessionBlock() reads a TLS 1.3 block with its ticket dump", () => {
  const b = parseSessionBlock(TLS13, { file: "t13.txt" });
  assert.equal(b.line, 1);
  assert.equal(b.protocol, "TLSv1.3");
  assert.equal(b.cipher, "TLS_AES_256_GCM_SHA384");
  assert.equal(hex(b.sessionId), "c50cb7b1338b80b9847d328371140c2a");
  assert.deepEqual(b.sessionIdContext, new Uint8Array(0));
  assert.equal(hex(b.resumptionPsk), "1af5dea535eb01c994ef23fd0e4bd927");
  assert.equal(b.masterKey, undefined);
  assert.equal(b.pskIdentity, undefined);
  assert.equal(b.pskIdentityHint, undefined);
  assert.equal(b.srpUsername, undefined);
  assert.equal(b.ticketLifetimeHint, 7200);
  assert.equal(hex(b.ticket), "a8e41714e3fe278309e2a1bd47e12bc62671203f");
  assert.equal(b.startTime, 1795298767);
  assert.equal(b.timeout, 7200);
  assert.equal(b.verifyReturnCode, 0);
  assert.equal(b.verifyReturnText, "ok");
  assert.equal(b.extendedMasterSecret, false);
  assert.equal(b.maxEarlyData, 0);
  assert.deepEqual(b.unknownLines, []);
});

Deno.test("parseSessionBlock() reads a TLS 1.2 block without ticket", () => {
  const b = parseSessionBlock(TLS12);
  assert.equal(hex(b.masterKey), "714efec8f0fe482f");
  assert.equal(b.resumptionPsk, undefined);
  assert.equal(hex(b.sessionIdContext), "01000000");
  assert.equal(b.pskIdentity, "client1");
  assert.equal(b.pskIdentityHint, "hint");
  assert.equal(b.ticket, undefined);
  assert.equal(b.ticketLifetimeHint, undefined);
  assert.equal(b.compression, "1 (zlib compression)");
  assert.equal(b.timeout, 300);
  assert.equal(b.verifyReturnCode, 20);
  assert.equal(b.verifyReturnText, "unable to get local issuer certificate");
  assert.equal(b.extendedMasterSecret, true);
  assert.equal(b.maxEarlyData, undefined);
  assert.ok(!("ticket" in b), "absent fields are left out, not set to undefined");
});

Deno.test("parseSessionBlock() reads the system openssl's sess_id -text output", async () => {
  const text = await readOwnSample("3.0.19/tls13-tickets2.client.sess_id.txt");
  const b = parseSessionBlock(text, { file: "sess_id.txt" });
  assert.equal(b.ticket?.length, 208);
  assert.equal(b.resumptionPsk?.length, 48);
  assert.equal(b.sessionId.length, 32);
});

Deno.test("parseSessionBlock() skips text before the block and unknown lines in it", () => {
  const text = "some header\n" + TLS12.replace(
    "    SRP username: None",
    "    SRP username: None\n    Key-Arg   : None\n    Krb5 Principal: None",
  );
  const b = parseSessionBlock(text);
  assert.equal(b.line, 2);
  assert.deepEqual(b.unknownLines, ["Key-Arg   : None", "Krb5 Principal: None"]);
});

Deno.test("parseSessionBlock() reads a block whose indentation was stripped", () => {
  const stripped = TLS13.split("\n").map((l) => l.trimStart()).join("\n");
  const b = parseSessionBlock(stripped);
  assert.equal(hex(b.ticket), "a8e41714e3fe278309e2a1bd47e12bc62671203f");
  assert.equal(b.maxEarlyData, 0);
});

Deno.test("parseSessionBlock() accepts trailing blanks stripped from dump rows", () => {
  // The last byte 0x20 prints as a space in the text column; an editor may drop it.
  const text = TLS13.replace("&q ?", "&q ?").replace(
    "    0010 - 26 71 20 3f                                       &q ?",
    "    0010 - 26 71 3f 20                                       &q? ",
  ).split("\n").map((l) => l.trimEnd()).join("\n");
  const b = parseSessionBlock(text);
  assert.equal(hex(b.ticket?.slice(16)), "26713f20");
});

Deno.test("parseSessionBlock() reads a ticket of one short row", () => {
  const row = "    0000 - 4d 9b 20" + " ".repeat(3 * 13 + 1) + "  M. ";
  const b = parseSessionBlock(TLS13.replace(/ {4}0000 - .*\n {4}0010 - .*\n/, `${row}\n`));
  assert.equal(hex(b.ticket), "4d9b20");
});

Deno.test("parseSessionBlock() reads Start Time printed as a date", () => {
  const b = parseSessionBlock(TLS12.replace("1795298774", "Nov 21 22:06:14 2026 GMT"));
  assert.equal(b.startTime, 1795298774);
  const iso = parseSessionBlock(TLS12.replace("1795298774", "2026-11-21T22:06:14Z"));
  assert.equal(iso.startTime, 1795298774);
});

function throwsAt(text: string, line: number, expected: RegExp): void {
  assert.throws(() => parseSessionBlock(text, { file: "x.txt" }), (e: unknown) => {
    assert.ok(e instanceof SyntaxError, `not a SyntaxError: ${e}`);
    assert.match(e.message, new RegExp(`^x\\.txt:${line}: `));
    assert.match(e.message, expected);
    return true;
  });
}

Deno.test("parseSessionBlock() rejects a malformed ticket dump row, naming the line", async (t) => {
  await t.step("a bad hex digit", () => {
    throwsAt(TLS13.replace("0000 - a8 e4", "0000 - a8 z4"), 12, /expected .*hex dump/);
  });
  await t.step("a wrong offset", () => {
    throwsAt(TLS13.replace("0010 - 26", "0020 - 26"), 13, /expected hex dump offset "0010"/);
  });
  await t.step("a dropped row", () => {
    const text = TLS13.split("\n").filter((_, i) => i !== 11).join("\n");
    throwsAt(text, 12, /expected hex dump offset "0000", found "0010"/);
  });
  await t.step("a text column that contradicts the bytes", () => {
    throwsAt(TLS13.replace("......'.....G.+.", "......'.....G.+X"), 12, /text column/);
  });
  await t.step("a missing separator", () => {
    throwsAt(TLS13.replace("27 83-09", "27 83 09"), 12, /expected "-" after byte 7/);
  });
  await t.step("a misaligned text column", () => {
    throwsAt(TLS13.replace("3f                ", "3f               "), 13, /expected 38 blanks/);
  });
  await t.step("garbage inside the dump", () => {
    throwsAt(
      TLS13.replace("    0010 - 26", "    garbage\n    0010 - 26"),
      13,
      /expected a hex dump row/,
    );
  });
  await t.step("a short row that is not the last", () => {
    const text = TLS13.replace(
      "    0010 - 26 71 20 3f                                       &q ?",
      "    0010 - 26 71 20 3f                                       &q ?\n" +
        "    0014 - 26                                                &",
    );
    throwsAt(text, 13, /expected 16 bytes/);
  });
  await t.step("the pre-1.1.1 <SPACES/NULS> abbreviation", () => {
    throwsAt(
      TLS13.replace("    0010 - 26 71 20 3f  ", "    0010 - <SPACES/NULS>"),
      13,
      /SPACES\/NULS/,
    );
  });
});

Deno.test("parseSessionBlock() rejects missing or malformed fields", async (t) => {
  await t.step("empty text", () => throwsAt("", 1, /empty input/));
  await t.step("no SSL-Session line", () => throwsAt("Protocol  : TLSv1.3\n", 1, /SSL-Session:/));
  await t.step("no Protocol", () => {
    throwsAt(TLS12.replace("    Protocol  : TLSv1.2\n", ""), 1, /"Protocol {2}:"/);
  });
  await t.step("no Verify return code", () => {
    throwsAt(TLS12.replace(/ {4}Verify return code.*\n/, ""), 1, /Verify return code/);
  });
  await t.step("odd hex", () => throwsAt(TLS12.replace("CE3A23E8", "CE3A23E"), 4, /hex digits/));
  await t.step("a duplicate line", () => {
    throwsAt(TLS12.replace("    Cipher", "    Protocol  : TLSv1.2\n    Cipher"), 3, /duplicate/);
  });
  await t.step("a bad timeout", () => throwsAt(TLS12.replace("300 (sec)", "soon"), 12, /Timeout/));
  await t.step("a bad start time", () => {
    throwsAt(TLS12.replace("1795298774", "yesterday"), 11, /Start Time/);
  });
  await t.step(
    "a bad yes/no",
    () => throwsAt(TLS12.replace("secret: yes", "secret: maybe"), 14, /yes/),
  );
});
