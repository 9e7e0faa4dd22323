// graphql-js 16.8.1's answers for the cross-check (crosscheck_test.cpp
// compares the engine's against them).
//
//   node crosscheck.mjs expect SDL FIXTURE_JSON CORPUS...
//     One JSON object on stdout: the introspection query text, graphql-js's
//     printSchema(buildSchema(SDL)), and per corpus document its source,
//     variables, verdict (parse + validate), error messages and, for valid
//     documents, the execution result over the fixture data.
//   node crosscheck.mjs print-client INTROSPECTION_RESULT_JSON
//     printSchema(buildClientSchema(result.data)) on stdout.
//
// Corpus files hold documents separated by lines of exactly "---". A
// document may carry its request in leading comments:
//   # variables: {"episode": "JEDI"}
//   # operationName: HeroPage
// Resolvers are graphql-js's defaults: read the parent's property of the
// field's name; abstract types resolve by the object's "__typename".

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  buildClientSchema, buildSchema, execute, getIntrospectionQuery, parse, printSchema, validate,
} from 'graphql';

const introspectionOptions = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
};

function splitCorpus(file) {
  const name = basename(file);
  return readFileSync(file, 'utf8')
    .split(/^---$/m)
    .map((text) => text.replace(/^\n/, ''))
    .filter((text) => text.trim() !== '')
    .map((source, index) => ({
      name: `${name}#${index + 1}`,
      source,
      variables: /^# variables: (.*)$/m.exec(source)?.[1] ?? null,
      operationName: /^# operationName: (\S+)$/m.exec(source)?.[1] ?? null,
    }));
}

// The response form both sides compare: errors as GraphQLError.toJSON()
// writes them, data only when present.
function responseOf(result) {
  const out = {};
  if ('data' in result) out.data = result.data;
  if (result.errors) out.errors = result.errors.map((e) => e.toJSON());
  return out;
}

function expectations(sdlFile, fixtureFile, corpusFiles) {
  const schema = buildSchema(readFileSync(sdlFile, 'utf8'));
  const rootValue = JSON.parse(readFileSync(fixtureFile, 'utf8'));
  const documents = corpusFiles.flatMap(splitCorpus).map((doc) => {
    let ast;
    try {
      ast = parse(doc.source);
    } catch (e) {
      return { ...doc, valid: false, errors: [e.message] };
    }
    const errors = validate(schema, ast);
    if (errors.length > 0) return { ...doc, valid: false, errors: errors.map((e) => e.message) };
    const result = execute({
      schema,
      document: ast,
      rootValue,
      variableValues: doc.variables === null ? undefined : JSON.parse(doc.variables),
      operationName: doc.operationName ?? undefined,
    });
    return { ...doc, valid: true, errors: [], result: responseOf(result) };
  });
  return {
    introspectionQuery: getIntrospectionQuery(introspectionOptions),
    printedSchema: printSchema(schema),
    documents,
  };
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'expect' && args.length >= 3) {
  process.stdout.write(JSON.stringify(expectations(args[0], args[1], args.slice(2))));
} else if (mode === 'print-client' && args.length === 1) {
  const response = JSON.parse(readFileSync(args[0], 'utf8'));
  process.stdout.write(printSchema(buildClientSchema(response.data)));
} else {
  process.stderr.write('usage: crosscheck.mjs expect SDL FIXTURE CORPUS... | print-client RESULT_JSON\n');
  process.exit(2);
}
