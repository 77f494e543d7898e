// Runs aws-jwt-verify's CognitoJwtVerifier over a conformance corpus, the
// JSON file the Go package test/conformance writes, and prints one JSON
// line per case: {"name", "verdict": "accept"|"reject", "error", "message"},
// "error" being the class of the error aws-jwt-verify threw.
//
// Offline by construction: the corpus hands each pool's key set in through
// cacheJwks, and the JWKS fetcher, which aws-jwt-verify still calls when a
// kid is unknown, answers from the corpus too and never opens a socket.
//
// Usage: node verify.mjs <corpus.json>
import { readFile } from "node:fs/promises";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";

const [corpusPath] = process.argv.slice(2);
if (!corpusPath) {
  console.error("usage: node verify.mjs <corpus.json>");
  process.exit(2);
}
const corpus = JSON.parse(await readFile(corpusPath, "utf8"));

// aws-jwt-verify registers both of Cognito's issuer forms for a pool and
// looks keys up by a JWKS URL derived from each; serve the pool's set at
// both, as Cognito does.
const keySets = new Map();
for (const pool of corpus.pools) {
  const region = pool.userPoolId.split("_")[0];
  const hosts = [`cognito-idp.${region}`, `issuer-cognito-idp.${region}`];
  for (const host of hosts) {
    const url = `https://${host}.amazonaws.com/${pool.userPoolId}/.well-known/jwks.json`;
    keySets.set(url, JSON.stringify(pool.jwks));
  }
}

const offlineFetcher = {
  async fetch(uri) {
    const body = keySets.get(uri);
    if (body === undefined) {
      throw new Error(`offline: no key set in the corpus for ${uri}`);
    }
    return new TextEncoder().encode(body).buffer;
  },
};

async function verdict(c) {
  const config = corpus.configs[c.config];
  if (!config) {
    throw new Error(`case ${c.name}: unknown config ${c.config}`);
  }
  // A fresh verifier per case: the JWKS cache's penalty box would
  // otherwise let one unknown-kid case change the error of the next.
  const verifier = CognitoJwtVerifier.create(
    {
      userPoolId: config.userPoolId,
      tokenUse: config.tokenUse,
      clientId: config.clientIds,
    },
    { jwksCache: new SimpleJwksCache({ fetcher: offlineFetcher }) },
  );
  const pool = corpus.pools.find((p) => p.userPoolId === config.userPoolId);
  verifier.cacheJwks(pool.jwks);
  try {
    await verifier.verify(c.token);
    return { name: c.name, verdict: "accept" };
  } catch (err) {
    return {
      name: c.name,
      verdict: "reject",
      error: err?.constructor?.name ?? typeof err,
      message: String(err?.message ?? err),
    };
  }
}

for (const c of corpus.cases) {
  process.stdout.write(JSON.stringify(await verdict(c)) + "\n");
}
