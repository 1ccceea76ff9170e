import assert from "node:assert/strict";
import { formatPage, parseRoff, unescapeRoff } from "./roff.ts";

const MAN = new URL("../../testdata/man/", import.meta.url);

async function page(version: string, name: string): Promise<string> {
  const bytes = await Deno.readFile(new URL(`${version}/${name}.3ssl.gz`, MAN));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

Deno.test("unescapeRoff() drops fonts and zero-width marks and keeps the words", () => {
  assert.equal(unescapeRoff("\\&\\fBSSL_free\\fR\\|(3) \\- frees"), "SSL_free(3) - frees");
  assert.equal(unescapeRoff("the session\\*(Aqs id, \\*(C`x\\*(C'"), `the session's id, "x"`);
  assert.equal(unescapeRoff("\\s-1RFC8446\\s0 \\(em \\(aqa\\(aq \\e"), "RFC8446 -- 'a' \\");
  assert.equal(unescapeRoff('text \\" a comment'), "text ");
  assert.equal(unescapeRoff("\\f(CWcode\\fP and \\f[B]bold\\f[]"), "code and bold");
});

Deno.test("parseRoff() reads a Pod::Man 4.14 page (OpenSSL 3.0.20) into sections", async () => {
  const p = parseRoff(await page("3.0.20", "SSL_CTX_set_timeout"), "SSL_CTX_set_timeout");
  assert.equal(p.title, "SSL_CTX_SET_TIMEOUT");
  assert.equal(p.version, "3.0.20");
  const headings = p.blocks.filter((b) => b.kind === "heading").map((b) => b.text);
  assert.deepEqual(headings, [
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "NOTES",
    "RETURN VALUES",
    "SEE ALSO",
    "COPYRIGHT",
  ]);
  const paras = p.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
  assert.ok(
    paras.includes(
      "SSL_CTX_set_timeout() sets the timeout for newly created sessions for ctx to t. " +
        "The timeout value t must be given in seconds.",
    ),
  );
  assert.ok(paras.some((t) => t.startsWith("For TLSv1.3, RFC8446 limits transmission")));
  const synopsis = p.blocks.find((b) => b.kind === "verbatim")!;
  assert.match(synopsis.text, /long SSL_CTX_set_timeout\(SSL_CTX \*ctx, long t\);/);
});

Deno.test("parseRoff() reads a Pod::Man 6 page (OpenSSL 4.0.3) the same way", async () => {
  const old = parseRoff(await page("3.0.20", "SSL_CTX_set_timeout"));
  const now = parseRoff(await page("4.0.3", "SSL_CTX_set_timeout"));
  const text = (p: typeof old) =>
    p.blocks.filter((b) => b.kind === "paragraph").slice(1, -2).map((b) => b.text);
  // Same page source in both versions: only the generator differs.
  assert.deepEqual(text(now), text(old));
});

Deno.test("parseRoff() makes .IP items and keeps their bodies apart from later paragraphs", async () => {
  const p = parseRoff(await page("3.0.20", "SSL_CTX_set_session_id_context"));
  const i = p.blocks.findIndex((b) => b.kind === "item" && b.text === "0");
  assert.ok(i > 0);
  assert.equal(p.blocks[i + 1].kind, "paragraph");
  assert.equal(p.blocks[i + 1].inItem, true);
  assert.match(p.blocks[i + 1].text, /^The length sid_ctx_len of the session id context/);
});

Deno.test("parseRoff() skips macro definitions and conditional blocks", () => {
  const src =
    ".de Vb\n.ft CW\n..\n.ie n \\{\\\n.    ds C` \"\"\n'br\\}\n.el\\{\\\n.ds C`\n'br\\}\n" +
    ".TH X 3\n.SH NAME\nx \\- y\n";
  assert.deepEqual(parseRoff(src).blocks, [
    { kind: "heading", text: "NAME" },
    { kind: "paragraph", text: "x - y" },
  ]);
  assert.throws(() => parseRoff(".de X\nno end\n", "x.3"), /x\.3:1: "\.de" is never closed/);
});

Deno.test("parseRoff() reports a page that is only a .so link", () => {
  const p = parseRoff(".so man3/SSL_CTX_set_timeout.3ssl\n");
  assert.equal(p.so, "man3/SSL_CTX_set_timeout.3ssl");
  assert.deepEqual(p.blocks, []);
});

Deno.test("formatPage() lays a page out as man does: headings, indented filled text", async () => {
  const text = formatPage(parseRoff(await page("1.1.1w", "SSL_CTX_set_timeout")));
  assert.match(text, /^NAME\n\n {7}SSL_CTX_set_timeout, SSL_CTX_get_timeout - manipulate/);
  for (const line of text.split("\n")) {
    if (!line.startsWith("        ")) assert.ok(line.length <= 78, line);
  }
  assert.doesNotMatch(text, /\\f|\\&|\\-/);
});
