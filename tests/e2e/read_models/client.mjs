// A GraphQL-over-HTTP client for the read-model e2e scripts: fetch for the
// transport, graphql-js to check every document against the product schema
// (protocol/schema.graphql) before sending it, as a typed client would.
//
// Read-your-writes: the client remembers the highest extensions.position its
// mutations were answered with and sends it as extensions.minPosition with
// every query, so a query sees the effects of every mutation before it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';

const schema = buildSchema(readFileSync(new URL('../../../protocol/schema.graphql', import.meta.url), 'utf8'));

export class Client {
  constructor(url) {
    this.url = url;
    this.position = 0n;
  }

  /// POSTs a request body; answers the parsed response.
  async post(body, token) {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = await res.json();
    // GraphQL over HTTP: 200 with data, 400 for a request refused before execution.
    assert.equal(res.status, 'data' in json ? 200 : 400, `HTTP ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }

  /// Runs `query` and answers the whole response ({data, errors, extensions}).
  /// Options: token, minPosition (default: the last position written; null
  /// sends none).
  async raw(query, variables = {}, { token, minPosition } = {}) {
    const errors = validate(schema, parse(query));
    assert.deepEqual(errors.map(String), [], 'document does not validate');
    const body = { query, variables };
    const wait = minPosition === undefined ? this.position : minPosition;
    if (wait !== null && wait !== 0n) body.extensions = { minPosition: String(wait) };
    const response = await this.post(body, token);
    if (response.extensions?.position) {
      const written = BigInt(response.extensions.position);
      if (written > this.position) this.position = written;
    }
    return response;
  }

  /// Runs `query` and answers its data; fails on any error.
  async ok(query, variables = {}, options = {}) {
    const response = await this.raw(query, variables, options);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    return response.data;
  }

  /// Runs `query` expecting exactly one error; answers its extensions.code.
  async code(query, variables = {}, options = {}) {
    const response = await this.raw(query, variables, options);
    assert.equal(response.errors?.length, 1, JSON.stringify(response));
    return response.errors[0].extensions?.code;
  }

  /// Registers `login` (display name: the login in capitals); answers
  /// {login, token}.
  async user(login) {
    const data = await this.ok(
      `mutation ($login: String!, $email: String!, $name: String) {
         register(login: $login, email: $email, password: "correct horse battery", displayName: $name) {
           accessToken
         }
       }`,
      { login, email: `${login}@example.com`, name: login.toUpperCase() });
    return { login, token: data.register.accessToken };
  }
}

/// Runs `main(client)` against $STREAMHUB_HTTP_URL (set by the e2e
/// fixture); exits 1 on failure, 3 when it takes longer than two minutes (a
/// hung server must not hang the test).
export async function run(main) {
  const url = process.env.STREAMHUB_HTTP_URL;
  setTimeout(() => {
    console.error('client timed out');
    process.exit(3);
  }, 120_000).unref();
  try {
    await main(new Client(url));
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}

/// The nodes of a connection.
export const nodes = (connection) => connection.edges.map((e) => e.node);
