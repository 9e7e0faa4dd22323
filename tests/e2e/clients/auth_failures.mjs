// Tokens that must be refused, each presented three ways: as a Bearer
// header over HTTP, in graphql-ws's connection_init payload, and as a
// Bearer header on the WebSocket upgrade. A valid token is the control.
// Prints { <kind>: { http: {status, code, authenticate}, init: {code, reason}, upgrade: status } }.

import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { deadline, emit, env, forgeToken, gql, register, tokenSecret } from './lib/harness.mjs';
import { connect } from './lib/ws.mjs';

deadline(60000);
const user = await register('holder');
const now = Math.floor(Date.now() / 1000);
const valid = forgeToken({ sub: user.login });
const [header, payload, signature] = valid.split('.');
const otherClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url')), sub: 'admin' })).toString('base64url');

const tokens = {
  valid,
  issued: user.token,
  expired: forgeToken({ sub: user.login, iat: now - 7200, exp: now - 3600 }),
  tampered: `${header}.${otherClaims}.${signature}`,
  alg_none: forgeToken({ sub: user.login }, { header: { alg: 'none' }, signature: '' }),
  wrong_audience: forgeToken({ sub: user.login, aud: 'another-service' }),
  wrong_issuer: forgeToken({ sub: user.login, iss: 'someone-else' }),
  wrong_key: forgeToken({ sub: user.login }, { secret: 'a'.repeat(64) }),
  not_yet_valid: forgeToken({ sub: user.login, nbf: now + 3600 }),
  unknown_key_id: forgeToken({ sub: user.login }, { header: { kid: 'k9' } }),
};
// Signed correctly but under another algorithm's name: the algorithm is pinned.
{
  const h = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT', kid: 'k1' })).toString('base64url');
  const input = `${h}.${payload}`;
  tokens.alg_hs512 = `${input}.${createHmac('sha512', tokenSecret()).update(input).digest('base64url')}`;
}

async function overHttp(token) {
  const r = await gql('{ me { login } }', {}, { token });
  return {
    status: r.status,
    code: r.json?.errors?.[0]?.extensions?.code ?? null,
    authenticate: r.headers['www-authenticate'] ?? null,
    login: r.json?.data?.me?.login ?? null,
  };
}

function atInit(token) {
  return new Promise((resolve) => {
    const client = connect(token, {
      on: {
        connected: () => {
          resolve({ code: 'acknowledged' });
          client.dispose();
        },
        closed: (event) => resolve({ code: event.code, reason: event.reason }),
      },
    });
  });
}

function atUpgrade(token) {
  return new Promise((resolve) => {
    const ws = new WebSocket(env.wsUrl, ['graphql-transport-ws'], { headers: { authorization: `Bearer ${token}` } });
    ws.on('unexpected-response', (request, response) => resolve(response.statusCode));
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => {});
  });
}

const report = {};
for (const [kind, token] of Object.entries(tokens))
  report[kind] = { http: await overHttp(token), init: await atInit(token), upgrade: await atUpgrade(token) };
emit(report);
