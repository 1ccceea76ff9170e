import { isScenario, type Scenario } from "./scenario.ts";

/** A scenario file that could not be imported: reported as an error result, the run goes on. */
export interface LoadFailure {
  /** The file. */
  file: string;
  /** What went wrong, with the cause's message. */
  message: string;
}

/** What loading found. */
export interface LoadResult {
  /** Scenarios, in file order then declaration order. */
  scenarios: Scenario[];
  /** Files that threw at import or exported no scenario. */
  failures: LoadFailure[];
}

/** The scenarios folder of this repository. */
export const BUILTIN_SCENARIOS_DIR = new URL("../../scenarios/", import.meta.url).pathname;

/**
 * Scenario files under a directory: every `.ts` file except `*_test.ts` and `_*.ts` helpers,
 * sorted so runs are repeatable.
 */
export async function findScenarioFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    const entries: Deno.DirEntry[] = [];
    for await (const e of Deno.readDir(dir)) entries.push(e);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir.replace(/\/$/, "")}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (isScenarioFileName(e.name)) files.push(path);
    }
  };
  await walk(root);
  return files;
}

function isScenarioFileName(name: string): boolean {
  return name.endsWith(".ts") && !name.endsWith("_test.ts") && !name.startsWith("_") &&
    !name.endsWith(".d.ts");
}

/**
 * Import scenario files (or every scenario file under directories). A file must
 * `export default` a scenario or an array of them; one that throws at import, or exports
 * none, becomes a {@linkcode LoadFailure}. A path that does not exist is a usage error.
 */
export async function loadScenarios(paths: readonly string[]): Promise<LoadResult> {
  const files: string[] = [];
  for (const p of paths) {
    const abs = p.startsWith("/") ? p : `${Deno.cwd()}/${p}`;
    let stat: Deno.FileInfo;
    try {
      stat = await Deno.stat(abs);
    } catch (e) {
      throw new TypeError(`Scenario path not found: "${p}"`, { cause: e });
    }
    if (stat.isDirectory) files.push(...await findScenarioFiles(abs));
    else files.push(abs);
  }
  const scenarios: Scenario[] = [];
  const failures: LoadFailure[] = [];
  for (const file of [...new Set(files)]) {
    let mod: Record<string, unknown>;
    try {
      mod = await import(new URL(`file://${file}`).href);
    } catch (e) {
      failures.push({ file, message: `Cannot load scenario file: ${(e as Error).message}` });
      continue;
    }
    const exported = mod.default;
    const list = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || !list.every(isScenario)) {
      failures.push({
        file,
        message: "Scenario file has no scenario as its default export: " +
          "write `export default defineScenario({ … })`",
      });
      continue;
    }
    scenarios.push(...fromFile(list, file));
  }
  return { scenarios, failures };
}

/**
 * The default name of a scenario declared in `file`: its path under the last `scenarios/`
 * folder without `.ts` (`…/scenarios/get_session/last_ticket_wins.ts` →
 * `get_session/last_ticket_wins`), else its base name without `.ts`.
 *
 * @example
 * ```ts
 * import { defaultScenarioName } from "./load.ts";
 * console.log(defaultScenarioName("scenarios/get_session/last_ticket_wins.ts"));
 * // "get_session/last_ticket_wins"
 * ```
 */
export function defaultScenarioName(file: string): string {
  const path = `/${file}`;
  const at = path.lastIndexOf("/scenarios/");
  const rel = at >= 0
    ? path.slice(at + "/scenarios/".length)
    : path.slice(path.lastIndexOf("/") + 1);
  return rel.replace(/\.ts$/, "");
}

/**
 * The scenarios a file exports, each with its file and, when it is the file's only one and
 * has no name, the default name ({@linkcode defaultScenarioName}). Several unnamed ones stay
 * unnamed: validation then asks for names.
 */
export function fromFile(list: readonly Scenario[], file: string): Scenario[] {
  return list.map((s) => ({
    ...s,
    file,
    name: s.name || (list.length === 1 ? defaultScenarioName(file) : ""),
  }));
}
