import assert from "node:assert/strict";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { openDocs, pageName, pageParagraphs, readManDir, writeDocs } from "./man_pages.ts";

const MAN = new URL("../../testdata/man/", import.meta.url).pathname;

Deno.test("pageName() reads references and file names alike", () => {
  assert.equal(pageName("SSL_CTX_set_timeout(3)"), "SSL_CTX_set_timeout");
  assert.equal(pageName("man3/SSL_CTX_set_timeout.3ssl"), "SSL_CTX_set_timeout");
  assert.equal(
    pageName("SSL_CTX_get_timeout.3ssl.gz"),
    "SSL_CTX_set_timeout".replace("set", "get"),
  );
});

Deno.test("readManDir() renders gz pages and follows symlinks and .so links", async () => {
  await using dir = await makePrivateTempDir();
  for (const f of Deno.readDirSync(`${MAN}3.0.20`)) {
    if (f.isSymlink) {
      Deno.symlinkSync(Deno.readLinkSync(`${MAN}3.0.20/${f.name}`), `${dir.path}/${f.name}`);
    } else Deno.copyFileSync(`${MAN}3.0.20/${f.name}`, `${dir.path}/${f.name}`);
  }
  // A .so page (uncompressed) that links to a link: the chain ends at the page with text.
  Deno.writeTextFileSync(
    `${dir.path}/SSL_CTX_timeout_alias.3ssl`,
    ".so man3/SSL_CTX_get_timeout.3ssl\n",
  );
  const set = await readManDir(dir.path);
  assert.equal(set.pages.size, 4);
  assert.equal(set.links.get("SSL_CTX_get_timeout"), "SSL_CTX_set_timeout");
  assert.equal(set.links.get("SSL_CTX_timeout_alias"), "SSL_CTX_set_timeout");
  const paras = pageParagraphs(set.pages.get("SSL_CTX_set_num_tickets")!);
  assert.ok(
    paras.some((p) => p.section === "DESCRIPTION" && /default number of tickets is 2/.test(p.text)),
  );

  await writeDocs(`${dir.path}/docs`, set, { package: "libssl-doc", version: "3.0.20-1~deb12u2" });
  const docs = (await openDocs(`${dir.path}/docs`))!;
  assert.deepEqual(docs.source, {
    package: "libssl-doc",
    version: "3.0.20-1~deb12u2",
    pages: 4,
    links: 2,
  });
  assert.equal(docs.resolve("SSL_CTX_get_timeout(3)"), "SSL_CTX_set_timeout");
  assert.equal(await docs.text("SSL_CTX_get_timeout(3)"), set.pages.get("SSL_CTX_set_timeout"));
  assert.equal(await docs.text("SSL_CTX_add_session(3)"), undefined);
  assert.equal(await openDocs(`${dir.path}/none`), undefined);
});
