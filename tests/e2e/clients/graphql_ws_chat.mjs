// graphql-ws against a channel's chat:
//   node clients/graphql_ws_chat.mjs subscribe|resume|operations
// subscribe:  subscribe, receive what is sent, complete (the server drops
//             the subscription);
// resume:     disconnect, miss messages, reconnect with `after`: exactly
//             the missed ones come, in order, then live ones;
// operations: queries and mutations over the socket.
// Asserts itself; prints a summary on success.

import { args, check, deadline, emit, fail, gqlData, http, register } from './lib/harness.mjs';
import { connect, execute, subscription } from './lib/ws.mjs';

deadline();
const scenario = args[0];
const host = await register(`host_${scenario}`);
const fan = await register(`fan_${scenario}`);
const channel = host.login;

const chat = `subscription($channel: String!, $after: String) {
  chatMessages(channel: $channel, after: $after) {
    __typename sequence cursor ... on ChatMessage { text sender { login } } } }`;

async function send(text, token = fan.token) {
  const data = await gqlData(
    `mutation($channel: String!, $text: String!) {
       sendChatMessage(channel: $channel, text: $text) { sequence cursor text } }`,
    { channel, text },
    { token },
  );
  return data.sendChatMessage;
}

async function receive(op, n) {
  const got = [];
  while (got.length < n) {
    const item = await op.next();
    if (!item.value) fail(`subscription ended after ${got.length} of ${n}: ${JSON.stringify(item)}`);
    if (item.value.errors) fail(`subscription error: ${JSON.stringify(item.value.errors)}`);
    got.push(item.value.data.chatMessages);
  }
  return got;
}

function expectTexts(got, texts) {
  const seen = got.map((m) => m.text);
  check(JSON.stringify(seen) === JSON.stringify(texts), `expected ${JSON.stringify(texts)}, got ${JSON.stringify(seen)}`);
  for (let i = 1; i < got.length; ++i)
    check(got[i].sequence === got[i - 1].sequence + 1, `sequence gap: ${JSON.stringify(got)}`);
}

async function activeSubscriptions() {
  const r = await http('/metrics');
  const line = r.body.split('\n').find((l) => l.startsWith('streamhub_subscriptions '));
  return Number(line.split(' ')[1]);
}

if (scenario === 'subscribe') {
  // Anchored at a message sent first, so nothing sent after subscribing can
  // slip past, however long the server takes to start the subscription.
  const first = await send('before');
  const client = connect(fan.token);
  const op = subscription(client, chat, { channel, after: first.cursor });
  await send('one');
  await send('two');
  const got = await receive(op, 2);
  expectTexts(got, ['one', 'two']);
  check(got[0].sequence === first.sequence + 1, `first delivered sequence ${got[0].sequence}`);
  check(got[0].sender.login === fan.login && got[0].__typename === 'ChatMessage', JSON.stringify(got[0]));
  op.stop();
  // The socket is ordered: once this query's answer is back the server has
  // handled the complete before it.
  const me = await execute(client, '{ me { login } }');
  check(me.value?.data?.me?.login === fan.login, JSON.stringify(me));
  const active = await activeSubscriptions();
  check(active === 0, `${active} subscriptions still active after complete`);
  await client.dispose();
  emit({ received: got.map((m) => m.text), active });
} else if (scenario === 'resume') {
  const first = await send('m0');
  const client = connect(fan.token);
  const op = subscription(client, chat, { channel, after: first.cursor });
  await send('m1');
  await send('m2');
  const before = await receive(op, 2);
  expectTexts(before, ['m1', 'm2']);
  await client.dispose();
  // Disconnected: these are missed.
  for (const text of ['m3', 'm4', 'm5']) await send(text);
  const again = connect(fan.token);
  const resumed = subscription(again, chat, { channel, after: before[1].cursor });
  await send('m6');
  const after = await receive(resumed, 4);
  expectTexts(after, ['m3', 'm4', 'm5', 'm6']);
  check(after[0].sequence === before[1].sequence + 1, 'resume skipped or repeated an event');
  resumed.stop();
  await again.dispose();
  emit({ before: before.map((m) => m.text), after: after.map((m) => m.text) });
} else if (scenario === 'operations') {
  const client = connect(fan.token);
  const me = await execute(client, '{ me { login } }');
  check(me.value?.data?.me?.login === fan.login, `query: ${JSON.stringify(me)}`);
  const sent = await execute(
    client,
    'mutation($channel: String!) { sendChatMessage(channel: $channel, text: "over the socket") { text sequence } }',
    { channel },
  );
  check(sent.value?.data?.sendChatMessage?.text === 'over the socket', `mutation: ${JSON.stringify(sent)}`);
  const bad = await execute(client, '{ nosuchfield }');
  check(Array.isArray(bad.error) && bad.error[0].message.includes('nosuchfield'), `invalid query: ${JSON.stringify(bad)}`);
  // A request error ends that operation only; the connection keeps serving.
  const still = await execute(client, '{ me { login } }');
  check(still.value?.data?.me?.login === fan.login, `after an error: ${JSON.stringify(still)}`);
  await client.dispose();
  emit({ query: me.value.data, mutation: sent.value.data, error: bad.error[0].message });
} else {
  fail(`unknown scenario ${scenario}`);
}
