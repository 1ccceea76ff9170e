import { defineScenario } from "../../../mod.ts";

const mode = async (path: string) => ((await Deno.stat(path)).mode! & 0o777).toString(8);
const parent = (path: string) => path.slice(0, path.lastIndexOf("/"));

// Writes a session file with s_client -sess_out and notes the modes of everything holding a
// secret while the run is live: the scenario dir, the session file, the PKI dir and its key,
// the run dir. The secrets test reads them from the report.
export default defineScenario({
  name: "faults_test/session_modes",
  quote: "none: a secrets test",
  claims: ["GS-9"],
  tags: ["faults_test"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3" });
    const client = await ctx.sClient(server, { sessOut: "session.pem" });
    ctx.expect.equal("GS-9", "s_client wrote the session file", client.sessionFileState, "present");
    const pkiDir = parent(ctx.pki.key);
    ctx.note(
      `modes: scenario_dir=${await mode(ctx.dir)} session_file=${await mode(
        `${ctx.dir}/session.pem`,
      )} pki_dir=${await mode(pkiDir)} pki_key=${await mode(ctx.pki.key)} ca_key=${await mode(
        `${pkiDir}/ca.key`,
      )} run_dir=${await mode(parent(pkiDir))}`,
    );
  },
});
