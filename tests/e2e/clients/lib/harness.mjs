// Shared by every e2e client: where the server is (from the environment the
// C++ fixture sets), output conventions, a deadline, HTTP GraphQL calls,
// accounts and forged tokens.
//
// Output: each script prints JSON lines on stdout; the last one is its
// result. A script that finds something wrong itself calls fail(), which
// prints the reason on stderr and exits 1. A script past its deadline exits 3.

import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const env = {
  httpUrl: process.env.STREAMHUB_HTTP_URL,
  wsUrl: process.env.STREAMHUB_WS_URL,
  baseUrl: process.env.STREAMHUB_BASE_URL,
  dataDir: process.env.STREAMHUB_DATA_DIR,
};

/// Prints one JSON line on stdout.
export function emit(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) fail(message);
}

/// Exits 3 after `ms`: a hung server must not hang the test.
export function deadline(ms = 30000) {
  setTimeout(() => {
    process.stderr.write(`client timed out after ${ms} ms\n`);
    process.exit(3);
  }, ms).unref();
}

/// The command line's arguments after the script.
export const args = process.argv.slice(2);

/// One HTTP request; answers { status, headers, body (text), json (or null) }.
export async function http(path, { method = 'GET', headers = {}, body } = {}) {
  const response = await fetch(new URL(path, env.baseUrl), { method, headers, body });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: Object.fromEntries(response.headers), body: text, json };
}

/// A GraphQL request over HTTP POST with application/json.
export async function gql(query, variables = {}, { token, headers = {} } = {}) {
  const h = { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  return http('/graphql', { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) });
}

/// The `data` of a GraphQL request that must succeed; fails the script otherwise.
export async function gqlData(query, variables = {}, options = {}) {
  const r = await gql(query, variables, options);
  if (r.status !== 200 || !r.json || r.json.errors || !r.json.data)
    fail(`request failed: ${query.trim().split('\n')[0]} -> ${r.status} ${r.body}`);
  return r.json.data;
}

/// Registers `login` (password "correct horse battery") and answers
/// { login, token, refreshToken }.
export async function register(login) {
  const data = await gqlData(
    `mutation($login: String!, $email: String!) {
       register(login: $login, email: $email, password: "correct horse battery") {
         accessToken refreshToken user { login } } }`,
    { login, email: `${login}@example.com` },
  );
  return { login, token: data.register.accessToken, refreshToken: data.register.refreshToken };
}

const base64url = (value) => Buffer.from(value).toString('base64url');

/// The secret the server signs tokens with (its data directory's token.key).
export function tokenSecret() {
  return readFileSync(join(env.dataDir, 'token.key'), 'utf8').trim();
}

/// A token signed as the server would, with `claims` over the defaults
/// (sub, iss, aud, iat, exp in 15 minutes) and `header` over
/// { alg: HS256, typ: JWT, kid: k1 }. `signature` replaces the computed one.
export function forgeToken(claims = {}, { header = {}, secret = tokenSecret(), signature } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const h = { alg: 'HS256', typ: 'JWT', kid: 'k1', ...header };
  const c = { sub: 'nobody', iss: 'streamhub', aud: 'streamhub', iat: now, exp: now + 900, ...claims };
  const input = `${base64url(JSON.stringify(h))}.${base64url(JSON.stringify(c))}`;
  const sig = signature ?? createHmac('sha256', secret).update(input).digest('base64url');
  return `${input}.${sig}`;
}
