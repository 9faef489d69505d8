// Derives the emulator's parameter table from the official `stripe` package: its resource classes
// name each endpoint (method + path, in the .js) and its .d.ts types (generated from Stripe's OpenAPI
// spec) describe the accepted parameters. Run `npm run emulator:params` after upgrading `stripe`;
// `--check` exits 1 when the checked-in table is stale.
//
// The derivation is deterministic, and costs about 9 CPU s (a TypeScript program over the SDK's types). So the
// table is written with a record of its inputs (stripe-params.inputs.json): this script's text, the table's own
// text, and the lockfile's integrity hash of every package whose files the program read. `--check` derives again
// only when one of those differs; with `npm ci`, the installed packages are the ones those hashes name.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdkDir = join(root, 'node_modules', 'stripe');
const resourcesDir = join(sdkDir, 'cjs', 'resources');
const outFile = join(root, 'src-main', 'emulator', 'params', 'stripe-params.json');
const inputsFile = join(root, 'src-main', 'emulator', 'params', 'stripe-params.inputs.json');
const checking = process.argv.includes('--check');

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const lockfile = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

/** What the table was derived from, as it stands now: `packages` names the packages to look up. */
function inputsNow(packages, tableText) {
  return {
    script: sha256(readFileSync(fileURLToPath(import.meta.url))),
    table: sha256(tableText),
    packages: Object.fromEntries(
      [...packages].sort().map((name) => [name, lockfile.packages[`node_modules/${name}`]?.integrity ?? null]),
    ),
  };
}

if (checking && existsSync(inputsFile)) {
  const recorded = JSON.parse(readFileSync(inputsFile, 'utf8'));
  const now = inputsNow(Object.keys(recorded.packages), readFileSync(outFile, 'utf8'));
  if (JSON.stringify(now) === JSON.stringify(recorded)) {
    console.log(`${relative(root, outFile)} matches: derived from the same inputs (${relative(root, inputsFile)})`);
    process.exit(0);
  }
}

function walkFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'V2' ? [] : walkFiles(full);
    return name.endsWith('.js') ? [full] : [];
  });
}

/** `methodName(...) { return this._makeRequest('POST', `/v1/x/${encodeURIComponent(id)}`` → endpoints. */
function endpointsOf(jsFile) {
  const source = readFileSync(jsFile, 'utf8');
  const found = new Map();
  const pattern = /^ {4}(\w+)\([^)]*\)\s*\{\s*return this\._makeRequest\('(GET|POST|DELETE)',\s*(`[^`]*`|'[^']*')/gm;
  for (const [, name, method, rawPath] of source.matchAll(pattern)) {
    const path = rawPath.slice(1, -1).replace(/\$\{encodeURIComponent\((\w+)\)\}/g, '{$1}');
    if (path.startsWith('/v1/')) found.set(name, { method, path });
  }
  return found;
}

const jsFiles = walkFiles(resourcesDir);
const program = ts.createProgram(
  jsFiles.map((f) => f.replace(/\.js$/, '.d.ts')),
  { strict: true, noEmit: true, skipLibCheck: true, types: [] },
);
const checker = program.getTypeChecker();

/** Stripe sends fractions only for these number parameters; every other `number` is an integer. */
const FRACTIONAL = /percent|_decimal$|^(latitude|longitude|ratio)$/;
const defs = {};
const defNames = new Map(); // symbol → def name

function defNameOf(type) {
  const symbol = type.aliasSymbol ?? type.symbol;
  if (!symbol || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) return undefined;
  if (type.aliasTypeArguments?.length) return undefined;
  if (defNames.has(symbol)) return defNames.get(symbol);
  const name = checker.getFullyQualifiedName(symbol).replace(/^".*"\./, '');
  let unique = name;
  for (let i = 2; Object.values(Object.fromEntries(defNames)).includes(unique); i++) unique = `${name}#${i}`;
  defNames.set(symbol, unique);
  return unique;
}

function isOtherString(type) {
  return type.flags & ts.TypeFlags.Intersection && type.types.some((t) => t.flags & ts.TypeFlags.String);
}

function schemaOf(type, propName) {
  if (type.isUnion()) return unionSchema(type.types, propName);
  const f = type.flags;
  if (f & ts.TypeFlags.String || isOtherString(type)) return { k: 'string' };
  if (f & ts.TypeFlags.StringLiteral) return { k: 'string', e: [type.value] };
  if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral))
    return { k: FRACTIONAL.test(propName ?? '') ? 'number' : 'integer' };
  if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { k: 'boolean' };
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { k: 'any' };
  const symbolName = (type.aliasSymbol ?? type.symbol)?.getName();
  if (symbolName === 'Decimal' || symbolName === 'DecimalImpl') return { k: 'decimal' };
  if (symbolName === 'Date') return { k: 'integer' };
  if (checker.isArrayType(type)) return { k: 'array', i: schemaOf(checker.getTypeArguments(type)[0], propName) };
  if (f & ts.TypeFlags.Intersection) return objectSchema(type, propName);
  if (f & ts.TypeFlags.Object) {
    const name = defNameOf(type);
    if (!name) return objectSchema(type, propName);
    if (!(name in defs)) {
      defs[name] = null; // reserve first: types may refer to themselves
      defs[name] = objectSchema(type, propName);
    }
    return { ref: name };
  }
  throw new Error(`Unhandled type ${checker.typeToString(type)} at ${propName}`);
}

function unionSchema(members, propName) {
  const rest = members.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  const emptyable = rest.some((t) => t.flags & ts.TypeFlags.StringLiteral && t.value === '');
  const values = rest.filter((t) => !(t.flags & ts.TypeFlags.StringLiteral && t.value === ''));
  const withEmpty = (s) => (emptyable ? { ...s, empty: true } : s);
  if (values.length === 0) return withEmpty({ k: 'string', e: [] });
  if (values.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return withEmpty({ k: 'boolean' });
  if (values.every((t) => t.flags & ts.TypeFlags.StringLiteral))
    return withEmpty({ k: 'string', e: values.map((t) => t.value).sort() });
  const literals = values.filter((t) => t.flags & ts.TypeFlags.StringLiteral);
  const openString = values.some((t) => t.flags & ts.TypeFlags.String);
  const stringish = values.filter(
    (t) => t.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.String) || isOtherString(t),
  );
  const others = values.filter((t) => !stringish.includes(t) && !(t.flags & ts.TypeFlags.BooleanLiteral));
  const options = [];
  // The SDK joins every enum with OtherString so responses may grow new values; a request's enum is the literals.
  if (literals.length > 0 && !openString) options.push({ k: 'string', e: literals.map((t) => t.value).sort() });
  else if (stringish.length > 0) options.push({ k: 'string' });
  if (values.some((t) => t.flags & ts.TypeFlags.BooleanLiteral)) options.push({ k: 'boolean' });
  for (const t of others) options.push(schemaOf(t, propName));
  return withEmpty(options.length === 1 ? options[0] : { k: 'union', of: options });
}

function objectSchema(type, propName) {
  const index = checker.getIndexInfosOfType(type)[0];
  const props = checker.getPropertiesOfType(type);
  if (index && props.length === 0) return { k: 'map', v: schemaOf(index.type, propName) };
  const p = {};
  const r = [];
  for (const prop of props) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const propType = checker.getTypeOfSymbolAtLocation(prop, decl);
    p[prop.name] = schemaOf(propType, prop.name);
    if (!(prop.flags & ts.SymbolFlags.Optional)) r.push(prop.name);
  }
  return r.length > 0 ? { k: 'object', p, r } : { k: 'object', p };
}

const endpoints = {};
for (const jsFile of jsFiles) {
  const found = endpointsOf(jsFile);
  if (found.size === 0) continue;
  const sourceFile = program.getSourceFile(jsFile.replace(/\.js$/, '.d.ts'));
  const resource = relative(resourcesDir, jsFile).replace(/\.js$/, '');
  ts.forEachChild(sourceFile, (node) => {
    if (!ts.isClassDeclaration(node)) return;
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member) || !member.name) continue;
      const name = member.name.getText(sourceFile);
      const endpoint = found.get(name);
      if (!endpoint) continue;
      const paramsArg = member.parameters.find((p) => p.name.getText(sourceFile) === 'params');
      const params = paramsArg?.type
        ? schemaOf(checker.getTypeFromTypeNode(paramsArg.type), '')
        : { k: 'object', p: {} };
      const key = `${endpoint.method} ${endpoint.path.replace(/\{\w+\}/g, '*')}`;
      if (endpoints[key]) continue; // aliases (e.g. two SDK methods for one endpoint) share one table entry
      endpoints[key] = { sdk: `${resource}.${name}`, path: endpoint.path, params };
    }
  });
}

const sorted = (o) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
const table = {
  generatedFrom: `stripe@${JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')).version}`,
  apiVersion: /ApiVersion = '([^']+)'/.exec(readFileSync(join(sdkDir, 'cjs', 'apiVersion.js'), 'utf8'))[1],
  endpoints: sorted(endpoints),
  defs: sorted(defs),
};
const text = `${JSON.stringify(table)}\n`;
/** The packages whose files the program read (the SDK, TypeScript's libs, the types they pull in). */
const packagesRead = new Set(
  program
    .getSourceFiles()
    .map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(relative(root, file.fileName))?.[1])
    .filter(Boolean),
);
if (checking) {
  const current = readFileSync(outFile, 'utf8');
  if (current !== text) {
    console.error(`${relative(root, outFile)} is stale: run npm run emulator:params`);
    process.exit(1);
  }
  console.log(`${relative(root, outFile)} matches ${table.generatedFrom}`);
} else {
  writeFileSync(outFile, text);
  writeFileSync(inputsFile, `${JSON.stringify(inputsNow(packagesRead, text), null, 2)}\n`);
  console.log(
    `${Object.keys(endpoints).length} endpoints, ${Object.keys(defs).length} types → ${relative(root, outFile)} (${text.length} bytes)`,
  );
}
