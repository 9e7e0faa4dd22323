// HTTP requests from the command line, for tests that assert on status,
// headers and body themselves:
//   node clients/http.mjs '{"method":"POST","path":"/graphql","headers":{...},"body":"..."}'
//   node clients/http.mjs '[{...}, {...}]'      (in order, one answer each)
// "bodyBase64" instead of "body" sends bytes that are not UTF-8.
// Prints { status, headers, body, json }, or an array of them.

import { args, deadline, emit, http } from './lib/harness.mjs';

deadline();
const spec = JSON.parse(args[0] ?? '{}');
const one = (request) =>
  http(request.path ?? '/graphql', {
    ...request,
    body: request.bodyBase64 ? Buffer.from(request.bodyBase64, 'base64') : request.body,
  });
if (!Array.isArray(spec)) {
  emit(await one(spec));
} else {
  const answers = [];
  for (const request of spec) answers.push(await one(request));
  emit(answers);
}
