import assert from "node:assert/strict";
import { parseServerPage } from "./mod.ts";

const PAGE = [
  "HTTP/1.0 200 ok",
  "Content-type: text/html",
  "",
  '<HTML><BODY BGCOLOR="#ffffff">',
  "<pre>",
  "",
  "s_server -accept 127.0.0.1:0 -cert {pki}/leaf.pem -key {pki}/leaf.key -www ",
  "Secure Renegotiation IS supported",
  "Ciphers supported in s_server binary",
  "TLSv1.3    :TLS_AES_256_GCM_SHA384    TLSv1.3    :TLS_CHACHA20_POLY1305_SHA256 ",
  "---",
  "Ciphers common between both SSL end points:",
  "TLS_AES_256_GCM_SHA384     TLS_CHACHA20_POLY1305_SHA256 TLS_AES_128_GCM_SHA256    ",
  "Supported groups: x25519:secp256r1",
  "---",
  "Reused, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384",
  "SSL-Session:",
  "    Protocol  : TLSv1.3",
  "    Cipher    : TLS_AES_256_GCM_SHA384",
  "    Session-ID: 0227AD05",
  "    Session-ID-ctx: 01000000",
  "    Resumption PSK: 9AB2ADFB",
  "    PSK identity: None",
  "    PSK identity hint: None",
  "    SRP username: None",
  "    Start Time: 1795298777",
  "    Timeout   : 7200 (sec)",
  "    Verify return code: 0 (ok)",
  "    Extended master secret: no",
  "    Max Early Data: 0",
  "---",
  "   0 items in the session cache",
  "   0 client connects (SSL_connect())",
  "   0 client renegotiates (SSL_connect())",
  "   0 client connects that finished",
  "   2 server accepts (SSL_accept())",
  "   0 server renegotiates (SSL_accept())",
  "   2 server accepts that finished",
  "   1 session cache hits",
  "   3 session cache misses",
  "   4 session cache timeouts",
  "   5 callback cache hits",
  "   6 cache full overflows (128 allowed)",
  "---",
  "no client certificate available",
  "</pre></BODY></HTML>",
  "",
].join("\n");

Deno.test("parseServerPage() reads the session, the reused flag and the cache counters", () => {
  const p = parseServerPage(PAGE, { file: "page.txt" });
  assert.equal(p.status, "HTTP/1.0 200 ok");
  assert.match(p.commandLine!, /^s_server -accept/);
  assert.equal(p.reused, true);
  assert.equal(p.version, "TLSv1.3");
  assert.equal(p.protocol, "TLSv1.3");
  assert.equal(p.cipher, "TLS_AES_256_GCM_SHA384");
  assert.equal(p.session.line, 17);
  assert.deepEqual(p.session.resumptionPsk, Uint8Array.of(0x9a, 0xb2, 0xad, 0xfb));
  assert.equal(p.secureRenegotiation, "supported");
  assert.deepEqual(p.cache, {
    items: 0,
    clientConnects: 0,
    clientRenegotiates: 0,
    clientConnectsFinished: 0,
    serverAccepts: 2,
    serverRenegotiates: 0,
    serverAcceptsFinished: 2,
    hits: 1,
    misses: 3,
    timeouts: 4,
    callbackHits: 5,
    cacheFullOverflows: 6,
    cacheSize: 128,
  });
  assert.equal(p.counters["session cache hits"], 1);
  assert.equal(p.clientCertificate, false);
});

Deno.test("parseServerPage() reads a New, line and 4.0's ECH heading", () => {
  const text = PAGE.replace("Reused,", "New,").replace(
    "<pre>\n",
    "<h1>OpenSSL with ECH</h1>\n<h2>\nECH not configured\n</h2>\n<h2>TLS Session details</h2>\n<pre>\n<pre>\n",
  );
  const p = parseServerPage(text);
  assert.equal(p.reused, false);
  assert.equal(p.ech, "ECH not configured");
  assert.equal(p.cache.hits, 1);
});

Deno.test("parseServerPage() skips the client's own blocks before the HTTP status line", () => {
  const client = [
    "CONNECTED(00000003)",
    "Post-Handshake New Session Ticket arrived:",
    "SSL-Session:",
    "    Protocol  : TLSv1.3",
    "    Cipher    : TLS_AES_128_GCM_SHA256",
    "    Session-ID: FFFF",
    "    Verify return code: 0 (ok)",
    "---",
    "",
  ].join("\n");
  const p = parseServerPage(client + PAGE);
  assert.deepEqual(p.session.sessionId, Uint8Array.of(0x02, 0x27, 0xad, 0x05));
  assert.equal(p.session.line, 17 + 8);
});

Deno.test("parseServerPage() rejects empty text and pages without a session block", () => {
  assert.throws(() => parseServerPage("", { file: "p.txt" }), {
    name: "SyntaxError",
    message: "p.txt:1: empty page",
  });
  const noBlock = PAGE.split("\n").filter((l) => !/^ {4}|^SSL-Session:/.test(l)).join("\n");
  assert.throws(() => parseServerPage(noBlock, { file: "p.txt" }), {
    name: "SyntaxError",
    message: /^p\.txt:1: expected an "SSL-Session:" block/,
  });
});

Deno.test("parseServerPage() reports a malformed session block with its line", () => {
  assert.throws(() => parseServerPage(PAGE.replace("9AB2ADFB", "9AB2ADF"), { file: "p.txt" }), {
    name: "SyntaxError",
    message: /^p\.txt:22: expected hex digits after "Resumption PSK:"/,
  });
});
