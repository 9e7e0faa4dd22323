// Writes corpus/generated.graphql: random documents over the fixture schema
// (nested selections, aliases that may clash, arguments of the right or a
// wrong type, inline fragments and named fragments on any type, @skip and
// @include, variables), about half of them valid. Deterministic: the same
// seed writes the same file, which is committed; crosscheck.mjs decides
// each document's verdict with graphql-js when the test runs.
//
//   node generate_corpus.mjs [COUNT] [SEED] > corpus/generated.graphql

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema, getNamedType, isAbstractType, isCompositeType, isEnumType, isInputObjectType,
  isListType, isNonNullType, isObjectType,
} from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const schema = buildSchema(readFileSync(join(here, '../fixtures/star_wars.graphql'), 'utf8'));
const count = Number(process.argv[2] ?? 150);
let seed = Number(process.argv[3] ?? 20211026);

// mulberry32: a small seeded generator, so the corpus is reproducible.
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p) => random() < p;
const pick = (items) => items[Math.floor(random() * items.length)];

const compositeTypes = Object.values(schema.getTypeMap())
  .filter((t) => isCompositeType(t) && !t.name.startsWith('__'));
const scalarSamples = { Int: ['1', '-7', '0'], Float: ['1.5', '2', '-0.25e3'],
  String: ['"x"', '""', '"\\u00e9"'], ID: ['"1000"', '4'], Boolean: ['true', 'false'],
  DateTime: ['"2024-01-01T00:00:00Z"'], JSON: ['{a: [1, "b"]}', '3'] };
const badSamples = ['2147483648', '1.5', '"text"', 'JEDI', '{x: 1}'];
let aliases = 0;

// Types a fragment inside a selection on `type` usually names: itself, its
// interfaces, its possible types; now and then any composite type.
function fragmentType(type) {
  if (chance(0.1)) return pick(compositeTypes);
  const near = [type, ...(isAbstractType(type) ? schema.getPossibleTypes(type) : type.getInterfaces())];
  return pick(near);
}

function literal(type, depth = 0) {
  if (isNonNullType(type)) return chance(0.03) ? 'null' : literal(type.ofType, depth);
  if (chance(0.03)) return chance(0.5) ? 'null' : pick(badSamples);
  if (isListType(type)) {
    return chance(0.3) ? literal(type.ofType, depth) : `[${literal(type.ofType, depth)}, ${literal(type.ofType, depth)}]`;
  }
  if (isEnumType(type)) return pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || chance(0.5));
    if (chance(0.03)) fields.push({ name: 'bogus', type: schema.getType('Int') });
    return `{${fields.map((f) => `${f.name}: ${depth > 2 ? 'null' : literal(f.type, depth + 1)}`).join(', ')}}`;
  }
  return pick(scalarSamples[type.name] ?? ['1']);
}

function directives() {
  if (!chance(0.15)) return '';
  return ` @${pick(['skip', 'include'])}(if: ${pick(['true', 'false', '$flag'])})`;
}

function selection(type, depth, fragments) {
  const parts = [];
  const fields = isObjectType(type) || !isAbstractType(type) ? Object.values(type.getFields()) : [];
  const width = 1 + Math.floor(random() * 4);
  for (let i = 0; i < width; ++i) {
    const roll = random();
    if (roll < 0.1 || fields.length === 0) {
      const on = fragmentType(type);
      if (depth < 3) parts.push(`... on ${on.name}${directives()} ${selection(on, depth + 1, fragments)}`);
      else parts.push('__typename');
    } else if (roll < 0.16 && depth < 3) {
      const on = fragmentType(type);
      const index = fragments.push('') - 1;  // the name is taken before nested fragments
      const name = `F${index}`;
      fragments[index] = `fragment ${name} on ${on.name} ${selection(on, depth + 1, fragments)}`;
      parts.push(`...${name}${directives()}`);
    } else {
      const field = chance(0.01) ? { name: 'unknownField', args: [], type: schema.getType('String') } : pick(fields);
      const alias = chance(0.2) ? `${chance(0.8) ? `a${aliases++}` : pick(['a', 'name', 'id'])}: ` : '';
      const args = field.args.filter((a) => isNonNullType(a.type) || chance(0.4));
      const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
      const named = getNamedType(field.type);
      const sub = isCompositeType(named) ? ` ${depth < 4 ? selection(named, depth + 1, fragments) : '{ __typename }'}` : '';
      parts.push(`${alias}${field.name}${argText}${directives()}${sub}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

const documents = [];
for (let i = 0; i < count; ++i) {
  const fragments = [];
  const rootType = chance(0.85) ? schema.getQueryType() : schema.getMutationType();
  const body = selection(rootType, 0, fragments);
  const keyword = rootType === schema.getQueryType() ? 'query' : 'mutation';
  const header = body.includes('$flag') || chance(0.05) ? `${keyword} Q${i}($flag: Boolean!)` : `${keyword} Q${i}`;
  const variables = body.includes('$flag') ? `# variables: {"flag": ${chance(0.5)}}\n` : '';
  documents.push(`${variables}${header} ${body}${fragments.map((f) => `\n${f}`).join('')}\n`);
}
process.stdout.write(`# Generated by generate_corpus.mjs ${count} ${process.argv[3] ?? 20211026}; do not edit.\n`);
process.stdout.write(documents.join('---\n'));
