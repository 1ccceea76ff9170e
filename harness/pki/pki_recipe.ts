/**
 * How the test PKI is made, as data: the extension files and the `openssl` argument lists, in
 * order, with file names relative to the PKI directory. `createTestPki()` runs them, and
 * a result's `repro.sh` spells the same commands out, so the two cannot drift apart.
 */
export const TEST_PKI_RECIPE: {
  readonly files: Readonly<Record<string, string>>;
  readonly commands: readonly (readonly string[])[];
} = {
  files: {
    "leaf.ext": [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth,clientAuth",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid,issuer",
      "",
    ].join("\n"),
    "ca.ext": [
      "basicConstraints=critical,CA:TRUE",
      "keyUsage=critical,keyCertSign,cRLSign",
      "subjectKeyIdentifier=hash",
      "",
    ].join("\n"),
  },
  commands: [
    ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key"],
    ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key"],
    ["req", "-new", "-key", "ca.key", "-subj", "/CN=tls-session-harness test CA", "-out", "ca.csr"],
    [
      "x509",
      "-req",
      "-in",
      "ca.csr",
      "-signkey",
      "ca.key",
      "-days",
      "2",
      "-extfile",
      "ca.ext",
      "-out",
      "ca.pem",
      "-set_serial",
      "1",
    ],
    ["req", "-new", "-key", "leaf.key", "-subj", "/CN=localhost", "-out", "leaf.csr"],
    [
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-days",
      "2",
      "-extfile",
      "leaf.ext",
      "-out",
      "leaf.pem",
      "-set_serial",
      "2",
    ],
  ],
};
