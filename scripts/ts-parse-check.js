#!/usr/bin/env node
// A second opinion on syntax: parses every .ts/.tsx/.mts/.cts and .js/.jsx/.mjs/.cjs file
// under the given folders (or the given files) with TypeScript's own parser (Debian's
// node-typescript), JavaScript as JavaScript, and prints each parse diagnostic as
// path:line:col. Exit 1 when there is any.
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('/usr/share/nodejs/typescript');

const files = [];
function collect(target) {
  const stat = fs.statSync(target);
  if (stat.isFile()) { files.push(target); return; }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) collect(full);
    else if (/\.([mc]?[jt]s|[jt]sx)$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) files.push(full);
  }
}
process.argv.slice(2).forEach(collect);

// By extension, as tsc picks it: JSX only in .tsx and .jsx.
const kinds = { '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX, '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS };
const isJavaScript = (file) => [ts.ScriptKind.JS, ts.ScriptKind.JSX].includes(kinds[path.extname(file)]);
// The parser accepts type syntax in JavaScript; a program's syntactic pass is what reports it
// ("Type annotations can only be used in TypeScript files"), so JavaScript goes through one.
const scripts = files.filter(isJavaScript);
const program = scripts.length === 0 ? null : ts.createProgram(scripts, { allowJs: true, noLib: true, noResolve: true, noEmit: true, types: [] });

let diagnostics = 0;
for (const file of files.sort()) {
  const source = isJavaScript(file)
    ? program.getSourceFile(file)
    : ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kinds[path.extname(file)] || ts.ScriptKind.TS);
  const found = isJavaScript(file) ? program.getSyntacticDiagnostics(source) : source.parseDiagnostics;
  for (const d of found) {
    const { line, character } = source.getLineAndCharacterOfPosition(d.start || 0);
    console.log(`${file}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    diagnostics++;
  }
}
console.log(`${files.length} files parsed, ${diagnostics} syntax diagnostics`);
process.exit(diagnostics === 0 ? 0 : 1);
