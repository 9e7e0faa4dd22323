// Accounts over GraphQL/HTTP (fetch): register, login, refreshToken
// rotation with reuse detection, logout. Each step prints one line
// { step, code, login } (code: the first error's extensions.code, or null);
// the C++ test checks every step's code.
//   node clients/account_sessions.mjs
// Asserts only what the steps need to go on (tokens present).

import { check, deadline, emit, gql } from './lib/harness.mjs';

deadline(60000);
const password = 'correct horse battery';
const sessionFields = 'accessToken refreshToken expiresIn user { login }';

async function step(name, query, variables = {}, token) {
  const r = await gql(query, variables, { token });
  const code = r.json?.errors?.[0]?.extensions?.code ?? null;
  const data = r.json?.data ?? null;
  emit({ step: name, status: r.status, code, data });
  return { code, data };
}

const register = (login, email = `${login}@example.com`) =>
  step(`register ${login}`, `mutation($l: String!, $e: String!, $p: String!) {
    register(login: $l, email: $e, password: $p) { ${sessionFields} } }`, { l: login, e: email, p: password });
const login = (name, login, p = password) =>
  step(name, `mutation($l: String!, $p: String!) { login(login: $l, password: $p) { ${sessionFields} } }`, {
    l: login,
    p,
  });
const refresh = (name, token) =>
  step(name, `mutation($t: String!) { refreshToken(refreshToken: $t) { ${sessionFields} } }`, { t: token });
const logout = (name, token) => step(name, 'mutation($t: String!) { logout(refreshToken: $t) }', { t: token });
const me = (name, token) => step(name, '{ me { login } }', {}, token);

// Sessions of one account: each login starts its own.
const registered = (await register('Carol')).data?.register;
check(registered?.refreshToken && registered.accessToken, 'register answered no tokens');
await register('carol', 'other@example.com');
await login('login with a wrong password', 'carol', 'wrong horse battery');
await login('login as nobody', 'nobody');
const a = (await login('login session A', 'CAROL')).data?.login;
const b = (await login('login session B', 'carol')).data?.login;
check(a?.refreshToken && b?.refreshToken, 'login answered no tokens');
await me('me with the login access token', a.accessToken);

// Rotation: the new pair works, the spent token is refused, and presenting
// it ends the whole session (the token it was rotated into too).
const a2 = (await refresh('refresh A', a.refreshToken)).data?.refreshToken;
check(a2?.refreshToken && a2.refreshToken !== a.refreshToken, 'refresh did not rotate');
await me('me with the refreshed access token', a2.accessToken);
const a3 = (await refresh('refresh A again', a2.refreshToken)).data?.refreshToken;
check(a3?.refreshToken, 'second refresh answered no tokens');
await refresh('reuse the spent A token', a.refreshToken);
await refresh('refresh the newest A token after reuse', a3.refreshToken);
// The other session is untouched.
const b2 = (await refresh('refresh B', b.refreshToken)).data?.refreshToken;
check(b2?.refreshToken, 'session B lost');

// Logout ends the session: its token is refused afterwards; logging out
// again changes nothing; a malformed token is no session.
await logout('logout B', b2.refreshToken);
await refresh('refresh B after logout', b2.refreshToken);
await logout('logout B again', b2.refreshToken);
await refresh('refresh a malformed token', 'not-a-token');
await logout('logout a malformed token', 'not-a-token');
// The registration's session was never used: still alive until its logout.
const r2 = (await refresh('refresh the registration session', registered.refreshToken)).data?.refreshToken;
check(r2?.refreshToken, 'registration session lost');
await logout('logout the registration session', r2.refreshToken);
await refresh('refresh the registration session after logout', r2.refreshToken);
emit({ done: true });
