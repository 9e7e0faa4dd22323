// One GraphQL request over HTTP POST:
//   node clients/graphql.mjs QUERY [VARIABLES_JSON] [ACCESS_TOKEN]
// Prints { status, headers, body, json }.

import { args, deadline, emit, gql } from './lib/harness.mjs';

deadline();
const [query, variables = '{}', token] = args;
emit(await gql(query, JSON.parse(variables), { token }));
