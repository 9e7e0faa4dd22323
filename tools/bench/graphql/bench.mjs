// graphql-js 16.8.1 and graphql-jit 0.8.9 on the engine benchmark's work
// (tests/protocol/graphql/execution/execute_bench.cpp): the same schema
// (fixtures/star_wars.graphql), document and variables (read out of
// execute_bench.cpp, so there is one copy), data and resolvers (the root
// fields and Character.friends return the fixture objects, every other
// field is read from its parent's property).
//
//   node bench.mjs [--ours BENCH_JSON] [--seconds N]
//
// Each case does what a server does per request: parse the variables' JSON
// text, run the operation, write the response as JSON text. Cases run one
// after the other on the calling thread (one core). With --ours, the
// engine's Google Benchmark JSON output is read and the ratios printed;
// run.sh does both in one command.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, parse, validate } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const benchSource = readFileSync(
  join(root, 'tests/protocol/graphql/execution/execute_bench.cpp'), 'utf8');

function cppString(name) {
  const raw = new RegExp(`constexpr std::string_view ${name} =\\s*R"\\(([\\s\\S]*?)\\)"`).exec(benchSource);
  if (!raw) throw new Error(`execute_bench.cpp no longer defines ${name} as a raw string`);
  return raw[1];
}
const query = cppString('query');
const variablesJson = cppString('variables');

// The data of execute_bench.cpp's fixture.
const character = (id, name, type, homeworld, friends) => ({
  __typename: type, id, name, appearsIn: ['NEWHOPE', 'EMPIRE', 'JEDI'], homeworld,
  primaryFunction: 'Astromech', friends,
});
const tatooine = { name: 'Tatooine', climates: ['arid'], population: 200000 };
const alderaan = { name: 'Alderaan', climates: ['temperate'], population: 2e9 };
const han = character('1002', 'Han Solo', 'Human', null, []);
const leia = character('1003', 'Leia Organa', 'Human', alderaan, []);
const r2 = character('2001', 'R2-D2', 'Droid', null, []);
const hero = character('1000', 'Luke Skywalker', 'Human', tatooine, [han, leia, r2]);
const characters = {
  totalCount: 3,
  edges: [han, leia, r2].map((node) => ({ cursor: 'Y3Vyc29yMQ==', node })),
  pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yMw==' },
};
const review = { stars: 5, commentary: 'Great!', createdAt: '2024-05-04T12:00:00Z', episode: 'EMPIRE' };
const reviews = [review, { stars: 3, commentary: null, createdAt: '2024-05-05T08:30:00Z' }];

const schema = buildSchema(readFileSync(join(root, 'tests/protocol/graphql/fixtures/star_wars.graphql'), 'utf8'));
const bind = (type, field, resolve) => { schema.getType(type).getFields()[field].resolve = resolve; };
bind('Root', 'hero', () => hero);
bind('Root', 'characters', () => characters);
bind('Root', 'reviews', () => reviews);
for (const type of ['Human', 'Droid']) bind(type, 'friends', (parent) => parent.friends);

const document = parse(query);
const validationErrors = validate(schema, document);
if (validationErrors.length > 0) throw new Error(`invalid document: ${validationErrors[0].message}`);
const compiled = compileQuery(schema, document);
if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit refused the document: ${JSON.stringify(compiled)}`);

function checked(result) {
  if (result.errors) throw new Error(`errors: ${JSON.stringify(result.errors)}`);
  return result;
}

const cases = {
  // A document seen for the first time.
  'graphql-js parse+validate+execute': () => {
    const doc = parse(query);
    if (validate(schema, doc).length > 0) throw new Error('invalid');
    return JSON.stringify(checked(execute({ schema, document: doc, variableValues: JSON.parse(variablesJson) })));
  },
  // A cached, validated document.
  'graphql-js execute': () =>
    JSON.stringify(checked(execute({ schema, document, variableValues: JSON.parse(variablesJson) }))),
  // A cached compiled query, written by its own serializer.
  'graphql-jit compiled': () =>
    compiled.stringify(checked(compiled.query(undefined, undefined, JSON.parse(variablesJson)))),
};

// CPU time per operation, as Google Benchmark's cpu_time reports ours: on a
// shared machine wall time mostly measures the neighbours. It is the whole
// process's CPU time, so V8's garbage collector and compiler threads count
// too: they are what a request costs a core.
function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function measure(fn, seconds) {
  for (let i = 0; i < 2000; ++i) fn();  // warm-up: let the JIT settle
  let iterations = 0;
  let bytes = 0;
  const start = cpuMicros();
  const budget = seconds * 1e6;
  let elapsed = 0;
  while (elapsed < budget) {
    for (let i = 0; i < 200; ++i) bytes = fn().length;
    iterations += 200;
    elapsed = cpuMicros() - start;
  }
  return { ns: (elapsed * 1000) / iterations, bytes };
}

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const seconds = Number(option('--seconds', '3'));
const results = Object.fromEntries(Object.entries(cases).map(([name, fn]) => [name, measure(fn, seconds)]));

const ours = {};
const oursFile = option('--ours', null);
if (oursFile) {
  for (const b of JSON.parse(readFileSync(oursFile, 'utf8')).benchmarks) {
    const scale = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[b.time_unit];
    ours[b.name] = { ns: b.cpu_time * scale, bytes: b.response_bytes };
  }
}
// Older builds of the benchmark measured parse + execute, without validation.
const validates = 'BM_ParseValidateExecute' in ours;
const parseValidateExecute = ours.BM_ParseValidateExecute ?? ours.BM_ParseExecute;
const oursFirstSeen = validates ? 'ours parse+validate+execute' : 'ours parse+execute (no validation)';
const cachedExecute = ours.BM_CachedExecute;

const rows = [];
const row = (name, r) => rows.push([name, (r.ns / 1000).toFixed(2), Math.round(1e9 / r.ns), r.bytes]);
if (parseValidateExecute) row(oursFirstSeen, parseValidateExecute);
if (cachedExecute) row('ours cached execute', cachedExecute);
for (const [name, r] of Object.entries(results)) row(name, r);
console.log(`${'case (CPU time)'.padEnd(36)} ${'us/op'.padStart(9)} ${'ops/s'.padStart(9)} ${'bytes'.padStart(6)}`);
for (const [name, us, ops, bytes] of rows) {
  console.log(`${name.padEnd(36)} ${us.padStart(9)} ${String(ops).padStart(9)} ${String(bytes).padStart(6)}`);
}

const ratio = (label, a, b, goal) => {
  if (!a || !b) return;
  const x = b.ns / a.ns;
  console.log(`${label.padEnd(58)} ${x.toFixed(1).padStart(6)}x  (goal ${goal}x)`);
};
if (oursFile) {
  console.log('');
  ratio(`${oursFirstSeen} vs graphql-js parse+validate+execute`, parseValidateExecute,
    results['graphql-js parse+validate+execute'], 10);
  ratio('ours cached execute vs graphql-js execute', cachedExecute, results['graphql-js execute'], 10);
  ratio('ours cached execute vs graphql-jit compiled', cachedExecute, results['graphql-jit compiled'], 3);
  const sizes = new Set(rows.map((r) => r[3]));
  if (sizes.size > 1) console.log('\nwarning: response sizes differ; the cases do not answer the same document');
}
