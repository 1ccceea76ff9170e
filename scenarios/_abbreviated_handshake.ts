import type { ClientRun, ScenarioContext } from "../mod.ts";

/** Size in bytes of the DER certificate in a PEM file (what a full handshake must carry). */
async function certificateDerSize(pemPath: string): Promise<number> {
  const pem = await Deno.readTextFile(pemPath);
  const b64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return atob(b64).length;
}

/**
 * Two pieces of evidence, independent of the "Reused," line, that a connection did not do a
 * full handshake: s_client printed no certificate chain (the server sent none), and it read fewer
 * bytes than the full handshake by at least the size of the server's certificate. (A plain
 * ratio does not work: from 3.5 on, the hybrid ML-KEM key share dwarfs the certificate.)
 */
export async function expectAbbreviatedHandshake(
  ctx: ScenarioContext,
  claim: string,
  full: ClientRun,
  resumed: ClientRun,
): Promise<void> {
  ctx.expect.equal(
    claim,
    "the full handshake shows the server's certificate chain, the resumed one none",
    [full.transcript.first?.certificateChain, resumed.transcript.first?.certificateChain],
    [true, false],
  );
  const certificate = await certificateDerSize(ctx.pki.cert);
  const fullBytes = full.transcript.first?.handshakeBytes?.read ?? 0;
  const resumedBytes = resumed.transcript.first?.handshakeBytes?.read ?? Infinity;
  ctx.expect.ok(
    claim,
    "the resumed handshake read fewer bytes, by at least the certificate's size",
    fullBytes - resumedBytes >= certificate,
    { fullBytes, resumedBytes, certificate },
  );
}
