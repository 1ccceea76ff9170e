/**
 * One OpenSSL version's man3 pages as plain text: read from an extracted `libssl-doc` package
 * (roff, gzip, symlinks and `.so` links), kept in a build's cache folder, looked up by page name.
 *
 * Layout of a docs folder (`<build>/docs/`): `man3/<name>.txt` for every page that has text,
 * `links.json` mapping each link name to the page it shows, `docs.json` saying where the pages
 * came from.
 *
 * @module
 */
import { formatPage, parseRoff } from "./roff.ts";
import type { Sentence } from "./sentences.ts";

/** Where a docs folder's pages came from. */
export interface DocsSource {
  /** The Debian package ("libssl-doc"). */
  package: string;
  /** Its Debian version ("3.0.20-1~deb12u2"). */
  version: string;
  /** The number of pages with text. */
  pages: number;
  /** The number of link names. */
  links: number;
}

/** A set of man pages: text by page name, and link names to page names. */
export interface ManPageSet {
  /** Page name ("SSL_CTX_set_timeout") → plain text. */
  pages: Map<string, string>;
  /** Link name ("SSL_CTX_get_timeout") → the page it shows ("SSL_CTX_set_timeout"). */
  links: Map<string, string>;
}

/**
 * The page name of a reference or a file name: "SSL_CTX_set_timeout(3)",
 * "SSL_CTX_set_timeout.3ssl.gz" and "man3/SSL_CTX_set_timeout.3ssl" all give
 * "SSL_CTX_set_timeout".
 *
 * @example
 * ```ts
 * import { pageName } from "./man_pages.ts";
 * console.log(pageName("SSL_SESSION_get0_ticket(3)")); // SSL_SESSION_get0_ticket
 * ```
 */
export function pageName(ref: string): string {
  const base = ref.slice(ref.lastIndexOf("/") + 1);
  return base.replace(/\(\d\w*\)$/, "").replace(/\.gz$/, "").replace(/\.\d\w*$/, "");
}

/**
 * Render one page's roff source as text, or name the page it links to (`.so`).
 *
 * @param file Named in errors.
 * @example
 * ```ts
 * import { renderPage } from "./man_pages.ts";
 * console.log(renderPage(".so man3/SSL_CTX_set_timeout.3ssl", "x")); // { so: "SSL_CTX_set_timeout" }
 * ```
 */
export function renderPage(source: string, file: string): { text: string } | { so: string } {
  const page = parseRoff(source, file);
  if (page.so && page.blocks.length === 0) return { so: pageName(page.so) };
  return { text: formatPage(page) };
}

/**
 * The paragraphs of a page's text (as {@linkcode formatPage} lays it out), each with its
 * section: blocks are separated by blank lines, headings start at the margin.
 *
 * @example
 * ```ts
 * import { pageParagraphs } from "./man_pages.ts";
 * console.log(pageParagraphs("NOTES\n\n       It is\n       so.\n"));
 * // [{ section: "NOTES", text: "It is so." }]
 * ```
 */
export function pageParagraphs(text: string): Sentence[] {
  const out: Sentence[] = [];
  let section = "";
  for (const block of text.split(/\n\s*\n/)) {
    if (!block.trim()) continue;
    if (/^\S/.test(block)) {
      section = block.trim();
      continue;
    }
    out.push({ section, text: block.split("\n").map((l) => l.trim()).join(" ").trim() });
  }
  return out;
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return await new Response(stream).text();
}

/**
 * Read the man3 folder of an extracted `libssl-doc` (`usr/share/man/man3`): every
 * `*.3ssl.gz` file is rendered to text; symlinks and `.so` pages become links (followed to the
 * page that has text, so a chain of links ends at a page).
 *
 * @throws {SyntaxError} naming the file when a page's roff cannot be read.
 * @example
 * ```ts
 * import { readManDir } from "./man_pages.ts";
 * const set = await readManDir("/tmp/x/usr/share/man/man3");
 * console.log(set.pages.size, set.links.get("SSL_CTX_get_timeout"));
 * ```
 */
export async function readManDir(dir: string): Promise<ManPageSet> {
  const pages = new Map<string, string>();
  const links = new Map<string, string>();
  for await (const e of Deno.readDir(dir)) {
    if (!/\.3\w*(\.gz)?$/.test(e.name)) continue;
    const name = pageName(e.name);
    const path = `${dir}/${e.name}`;
    if (e.isSymlink) {
      links.set(name, pageName(await Deno.readLink(path)));
      continue;
    }
    const bytes = await Deno.readFile(path);
    const source = e.name.endsWith(".gz") ? await gunzip(bytes) : new TextDecoder().decode(bytes);
    const r = renderPage(source, path);
    if ("so" in r) links.set(name, r.so);
    else pages.set(name, r.text);
  }
  // Follow chains (a link to a link) to the page with text; drop links that lead nowhere.
  for (const [name, target] of links) {
    let t = target;
    for (let hops = 0; !pages.has(t) && links.has(t) && hops < 10; hops++) t = links.get(t)!;
    if (pages.has(t)) links.set(name, t);
    else links.delete(name);
  }
  return { pages, links };
}

/**
 * Write a page set into a docs folder (see the module doc for the layout).
 *
 * @example
 * ```ts
 * import { readManDir, writeDocs } from "./man_pages.ts";
 * const set = await readManDir("/tmp/x/usr/share/man/man3");
 * await writeDocs("/tmp/build/docs", set, { package: "libssl-doc", version: "3.0.20-1" });
 * ```
 */
export async function writeDocs(
  dir: string,
  set: ManPageSet,
  source: { package: string; version: string },
): Promise<DocsSource> {
  await Deno.mkdir(`${dir}/man3`, { recursive: true });
  for (const [name, text] of set.pages) await Deno.writeTextFile(`${dir}/man3/${name}.txt`, text);
  const links = Object.fromEntries([...set.links].sort(([a], [b]) => a < b ? -1 : 1));
  await Deno.writeTextFile(`${dir}/links.json`, JSON.stringify(links, null, 1) + "\n");
  const meta: DocsSource = { ...source, pages: set.pages.size, links: set.links.size };
  await Deno.writeTextFile(`${dir}/docs.json`, JSON.stringify(meta, null, 2) + "\n");
  return meta;
}

/** One build's man pages, read from its docs folder. */
export interface ManPages {
  /** Where they came from. */
  source: DocsSource;
  /**
   * The text of a page by reference ("SSL_CTX_get_timeout(3)" or a name), following links;
   * `undefined` when this version has no such page.
   */
  text(ref: string): Promise<string | undefined>;
  /** The name of the page a reference shows (itself, or a link's target), if any. */
  resolve(ref: string): string | undefined;
}

/**
 * Open a docs folder written by {@linkcode writeDocs}; `undefined` when there is none (the
 * build's docs were never fetched).
 *
 * @example
 * ```ts
 * import { openDocs } from "./man_pages.ts";
 * const docs = await openDocs("/root/.cache/tls-session-harness/builds/3.0/docs");
 * console.log(await docs?.text("SSL_CTX_get_timeout(3)"));
 * ```
 */
export async function openDocs(dir: string): Promise<ManPages | undefined> {
  let meta: DocsSource;
  let links: Record<string, string>;
  try {
    meta = JSON.parse(await Deno.readTextFile(`${dir}/docs.json`));
    links = JSON.parse(await Deno.readTextFile(`${dir}/links.json`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new SyntaxError(`Invalid docs folder "${dir}": ${(e as Error).message}`, { cause: e });
  }
  const names = new Set<string>();
  for await (const e of Deno.readDir(`${dir}/man3`)) {
    if (e.name.endsWith(".txt")) names.add(e.name.slice(0, -4));
  }
  const resolve = (ref: string) => {
    const name = pageName(ref);
    if (names.has(name)) return name;
    const t = Object.hasOwn(links, name) ? links[name] : undefined;
    return t && names.has(t) ? t : undefined;
  };
  const cache = new Map<string, string>();
  return {
    source: meta,
    resolve,
    async text(ref) {
      const name = resolve(ref);
      if (!name) return undefined;
      if (!cache.has(name)) cache.set(name, await Deno.readTextFile(`${dir}/man3/${name}.txt`));
      return cache.get(name);
    },
  };
}
