#!/usr/bin/env node
/**
 * The typecheck and the lint in one process, so each file is parsed and type-checked once:
 * `tsc -p` ×3 and a type-aware `eslint .` used to build the same three TypeScript programs four times over
 * (the end-to-end program alone re-checked all of src-main, which its fixtures import).
 *
 * - Typecheck: one program per tsconfig (node, web, e2e), sharing parsed files where their settings match; each
 *   reports the diagnostics of the files its tsconfig includes (every source file is included by exactly the
 *   program whose environment it runs in: main and tests under Node, the renderer with the DOM, specs with both).
 *   Files a program only imports are checked by the program that includes them.
 * - Lint: ESLint with the repository's config, handed those programs instead of building its own
 *   (typescript-eslint's `parserOptions.programs`; it picks the first program holding a file, as `project` does).
 *
 * Prints what tsc and eslint print, then one line per part; writes the parts' results to .tmp/static-checks.json
 * for build/test-all.mjs. Exit status 1 when any part fails. `--only typecheck|lint` runs one part.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

const PROJECTS = [
  { name: 'typecheck', config: 'tsconfig.node.json' },
  { name: 'typecheck (renderer)', config: 'tsconfig.web.json' },
  { name: 'typecheck (end-to-end)', config: 'tsconfig.e2e.json' },
];

const formatHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

/** Parsed source files shared between programs whose parse-relevant settings match (as tsserver's registry does). */
const parsed = new Map();
function sharedHost(options) {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const settingsKey = JSON.stringify([options.target, options.jsx, options.module, options.moduleResolution]);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = `${settingsKey}:${typeof languageVersion === 'object' ? JSON.stringify(languageVersion) : languageVersion}:${fileName}`;
    let file = parsed.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) parsed.set(key, file);
    }
    return file;
  };
  return host;
}

const parts = [];
const programs = [];
for (const { name, config } of PROJECTS) {
  const started = performance.now();
  const diagnostics = [];
  const commandLine = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d),
    },
  );
  if (!commandLine) {
    parts.push({ name, ok: false, seconds: 0 });
    console.log(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
    continue;
  }
  const program = ts.createProgram({
    rootNames: commandLine.fileNames,
    options: commandLine.options,
    projectReferences: commandLine.projectReferences,
    host: sharedHost(commandLine.options),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(commandLine),
  });
  programs.push(program);
  if (only && only !== 'typecheck') continue;
  const roots = new Set(commandLine.fileNames.map((f) => path.resolve(f)));
  diagnostics.push(
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  );
  for (const file of program.getSourceFiles()) {
    if (!roots.has(path.resolve(file.fileName))) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  }
  if (diagnostics.length > 0) console.log(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  parts.push({ name, ok: errors === 0, seconds });
  console.log(`--- ${name} (${config}): ${errors === 0 ? 'ok' : `${errors} errors`} in ${seconds} s`);
}

if (!only || only === 'lint') {
  const started = performance.now();
  // The files the config lints with type information (its blocks that name tsconfigs) get the programs built above.
  const config = (await import(pathToFileURL(path.join(root, 'eslint.config.mjs')).href)).default;
  const typeAware = config.filter((block) => block.languageOptions?.parserOptions?.project).flatMap((b) => b.files);
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { files: typeAware, languageOptions: { parserOptions: { programs, project: null } } },
  });
  const results = await eslint.lintFiles(['.']);
  const output = await (await eslint.loadFormatter('stylish')).format(results);
  if (output) console.log(output);
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  parts.push({ name: 'lint', ok: errors === 0, seconds });
  console.log(`--- lint (eslint .): ${errors === 0 ? 'ok' : `${errors} errors`} in ${seconds} s`);
}

fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
fs.writeFileSync(path.join(root, '.tmp', 'static-checks.json'), JSON.stringify(parts, null, 2));
process.exit(parts.every((p) => p.ok) ? 0 : 1);
