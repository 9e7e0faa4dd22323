// One HTTP request from the command line, for tests that assert on status,
// headers and body themselves:
//   node clients/http.mjs '{"method":"POST","path":"/graphql","headers":{...},"body":"..."}'
// Prints { status, headers, body, json }.

import { args, deadline, emit, http } from './lib/harness.mjs';

deadline();
const request = JSON.parse(args[0] ?? '{}');
emit(await http(request.path ?? '/graphql', request));
