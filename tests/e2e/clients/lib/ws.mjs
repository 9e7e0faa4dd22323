// graphql-ws clients over the `ws` package, and a queue to read a
// subscription's results one by one.

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { env, fail } from './harness.mjs';

/// A graphql-ws client; `token` goes into the connection_init payload.
/// No retries unless asked: a test wants to see the first failure.
export function connect(token, options = {}) {
  return createClient({
    url: env.wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { token } : {},
    onNonLazyError: () => {},
    ...options,
  });
}

/// Results of one operation, pulled with next(); ended with stop().
export function subscription(client, query, variables = {}) {
  const results = [];
  const waiting = [];
  let ended = null;
  const deliver = (item) => {
    const w = waiting.shift();
    if (w) w(item);
    else results.push(item);
  };
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => deliver({ value }),
      error: (error) => {
        ended = { error };
        deliver(ended);
      },
      complete: () => {
        ended = { done: true };
        deliver(ended);
      },
    },
  );
  return {
    /// The next result: { value } | { error } | { done: true }.
    next() {
      if (results.length) return Promise.resolve(results.shift());
      if (ended) return Promise.resolve(ended);
      return new Promise((resolve) => waiting.push(resolve));
    },
    stop,
  };
}

/// One query or mutation over the socket: its single result (or the error).
export async function execute(client, query, variables = {}) {
  const op = subscription(client, query, variables);
  const first = await op.next();
  if (first.value) {
    const end = await op.next();
    if (!end.done) throw new Error(`expected complete after the result, got ${JSON.stringify(end)}`);
  }
  return first;
}

/// The next result's `data[field]`; fails the script when the operation
/// errs or ends instead.
export async function nextData(op, field) {
  const item = await op.next();
  if (!item.value) fail(`${field} ended: ${JSON.stringify(item)}`);
  if (item.value.errors) fail(`${field} error: ${JSON.stringify(item.value.errors)}`);
  return item.value.data[field];
}

/// Returns once the server has handled every message sent on `client`
/// before: the socket is ordered, so when this query's answer is back, a
/// subscribe sent earlier has been set up (its resolver has run).
export async function roundTrip(client) {
  const r = await execute(client, '{ __typename }');
  if (r.value?.data?.__typename !== 'Query') fail(`round trip: ${JSON.stringify(r)}`);
}
