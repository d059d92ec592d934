#!/usr/bin/env node
// Typechecks each given project folder (its tsconfig.json) with TypeScript's own checker
// (Debian's node-typescript), in one process: the default library is parsed once and
// shared, so many copies of a small project check in seconds. Prints each diagnostic as
// folder: path:line:col TSxxxx message, then a count per folder. Exit 1 when there is any.
'use strict';
const path = require('path');
const ts = require('/usr/share/nodejs/typescript');

const shared = new Map();
let total = 0;
for (const folder of process.argv.slice(2)) {
  const configPath = path.join(folder, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) { console.log(`${folder}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`); total++; continue; }
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, folder);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile;
  // Library files are the same for every copy: parse them once.
  host.getSourceFile = (fileName, languageVersion, onError, fresh) => {
    if (!fileName.includes('/nodejs/typescript/')) return getSourceFile(fileName, languageVersion, onError, fresh);
    if (!shared.has(fileName)) shared.set(fileName, getSourceFile(fileName, languageVersion, onError, fresh));
    return shared.get(fileName);
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(config.errors);
  for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file && diagnostic.start !== undefined) {
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      console.log(`${folder}: ${path.relative(folder, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code} ${message}`);
    } else {
      console.log(`${folder}: TS${diagnostic.code} ${message}`);
    }
  }
  console.log(`${folder}: ${config.fileNames.length} files, ${diagnostics.length} diagnostics`);
  total += diagnostics.length;
}
process.exit(total === 0 ? 0 : 1);
