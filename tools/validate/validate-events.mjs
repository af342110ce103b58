#!/usr/bin/env node
// Validates Sentry events against Relay's event JSON schema.
//
//   node validate-events.mjs <events.jsonl> [event.schema.json]
//
// <events.jsonl> holds one JSON event per line (blank lines are skipped).
// The schema defaults to ../shared/schemas/event.schema.json beside the
// repository (the repository's parent folder). Prints one line per invalid
// event and a summary; exits 0 when every event is valid, 1 when one is not,
// 2 when the input or the schema cannot be read.
//
// The schema knows the canonical `logentry` only; a legacy `message` (string
// or object) is validated as `logentry`, as Relay reads it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const [eventsPath, schemaArg] = process.argv.slice(2);
if (!eventsPath) {
  console.error('usage: node validate-events.mjs <events.jsonl> [event.schema.json]');
  process.exit(2);
}
const schemaPath = schemaArg
  ? resolve(schemaArg)
  : resolve(here, '..', '..', '..', 'shared', 'schemas', 'event.schema.json');

function readOrExit(path, what) {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    console.error(`cannot read ${what} ${path}: ${err.message}`);
    process.exit(2);
  }
}

const schema = JSON.parse(readOrExit(schemaPath, 'schema'));
const ajv = new Ajv({ strict: false, allErrors: true });
const int64Bound = 2n ** 63n;
ajv.addFormat('uuid', {
  type: 'string',
  // Relay accepts 32 hex digits or the dashed 8-4-4-4-12 form.
  validate: (s) => /^[0-9a-f]{32}$/i.test(s) || /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s),
});
ajv.addFormat('double', { type: 'number', validate: (x) => Number.isFinite(x) });
ajv.addFormat('int64', {
  type: 'number',
  validate: (x) => Number.isInteger(x) && BigInt(x) >= -int64Bound && BigInt(x) < int64Bound,
});
ajv.addFormat('uint64', {
  type: 'number',
  validate: (x) => Number.isInteger(x) && x >= 0 && BigInt(x) < 2n ** 64n,
});
const validate = ajv.compile(schema);

function asLogentry(event) {
  if (event && typeof event === 'object' && 'message' in event && !('logentry' in event)) {
    const { message, ...rest } = event;
    return { ...rest, logentry: typeof message === 'string' ? { formatted: message } : message };
  }
  return event;
}

// Keeps the errors that say most: anyOf branches produce many; show the deepest.
function describe(errors) {
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  return sorted
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`)
    .join('; ');
}

const lines = readOrExit(resolve(eventsPath), 'events').split('\n');
let checked = 0;
let invalid = 0;
lines.forEach((line, index) => {
  if (line.trim() === '') return;
  checked += 1;
  let event;
  try {
    event = JSON.parse(line);
  } catch (err) {
    invalid += 1;
    console.log(`line ${index + 1}: not JSON: ${err.message}`);
    return;
  }
  if (!validate(asLogentry(event))) {
    invalid += 1;
    console.log(`line ${index + 1}: ${describe(validate.errors)}`);
  }
});
console.log(`schema check: ${checked} events, ${invalid} invalid (${schemaPath})`);
process.exit(invalid === 0 ? 0 : 1);
