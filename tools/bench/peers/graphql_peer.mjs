// The GraphQL peer of `streamhub-loadgen http`: the same schema subset
// (Query.channel, Query.user with the fields the load generator's query mix
// selects) answered from memory, on mercurius (fastify, graphql-jit) or on
// graphql-yoga (node:http).
//
//   node graphql_peer.mjs mercurius|yoga PORT [CHANNEL_LOGIN]
//
// Listens on 127.0.0.1:PORT (0: any free port) at /graphql; prints
// "listening <port>" once ready; exits on SIGTERM or SIGINT.
import { createServer } from 'node:http';

const [kind, portText, login = 'lghttp'] = process.argv.slice(2);
const port = Number(portText);

const schema = /* GraphQL */ `
  type Query {
    channel(login: String!): Channel
    user(login: String!): User
  }
  type User {
    id: ID!
    login: String!
    displayName: String!
    followerCount: Int!
  }
  type Channel {
    id: ID!
    owner: User!
    live: Boolean!
    title: String
    category: String
    viewerCount: Int!
  }
`;

const user = { id: login, login, displayName: login, followerCount: 0 };
const channel = { id: login, owner: user, live: true, title: 'Load test', category: 'Science & Technology', viewerCount: 0 };
const resolvers = {
  Query: {
    channel: (_, args) => (args.login.toLowerCase() === login ? channel : null),
    user: (_, args) => (args.login.toLowerCase() === login ? user : null),
  },
};

async function mercurius() {
  const { default: Fastify } = await import('fastify');
  const { default: mercuriusPlugin } = await import('mercurius');
  const app = Fastify({ logger: false });
  // jit: 1 compiles every query with graphql-jit from its first use on.
  app.register(mercuriusPlugin, { schema, resolvers, jit: 1, path: '/graphql' });
  await app.listen({ host: '127.0.0.1', port });
  return { port: app.server.address().port, close: () => app.close() };
}

async function yoga() {
  const { createYoga, createSchema } = await import('graphql-yoga');
  const y = createYoga({ schema: createSchema({ typeDefs: schema, resolvers }), logging: false, graphiql: false });
  const server = createServer(y);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}

const server = kind === 'yoga' ? await yoga() : kind === 'mercurius' ? await mercurius() : null;
if (!server) {
  console.error('usage: node graphql_peer.mjs mercurius|yoga PORT [CHANNEL_LOGIN]');
  process.exit(2);
}
console.log(`listening ${server.port}`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close().then(() => process.exit(0)));
