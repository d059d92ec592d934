#!/usr/bin/env node
// A second opinion on syntax: parses every .ts/.tsx/.mts/.cts file under the given
// folders (or the given files) with TypeScript's own parser (Debian's node-typescript)
// and prints each parse diagnostic as path:line:col. Exit 1 when there is any.
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
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
}
process.argv.slice(2).forEach(collect);

let diagnostics = 0;
for (const file of files.sort()) {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
  for (const d of source.parseDiagnostics) {
    const { line, character } = source.getLineAndCharacterOfPosition(d.start || 0);
    console.log(`${file}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    diagnostics++;
  }
}
console.log(`${files.length} files parsed, ${diagnostics} syntax diagnostics`);
process.exit(diagnostics === 0 ? 0 : 1);
