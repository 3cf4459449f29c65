'use strict';
// Turns a lab's CUDA program into C++ that runs on the CPU with cuda_emu.h (see there), for
// scripts/mps-check.js --emulate-cuda on machines without a GPU.

const path = require('node:path');

const HEADER = path.join(__dirname, 'cuda_emu.h');

/** Splits a launch configuration "grid, block, 0, stream" at its top-level commas. */
function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * Rewrites every `kernel<<<grid, block[, shared[, stream]]>>>(args)` outside comments into
 * `wbEmu::launch(dim3(grid), dim3(block), [&]() { kernel(args); })`.
 */
function rewriteLaunches(source) {
  let out = '';
  let at = 0;
  for (;;) {
    const open = source.indexOf('<<<', at);
    if (open < 0) break;
    const lineStart = source.lastIndexOf('\n', open) + 1;
    const close = source.indexOf('>>>', open);
    const name = /([A-Za-z_][A-Za-z0-9_:]*(?:<[^<>]*>)?)\s*$/.exec(source.slice(at, open));
    if (source.slice(lineStart, open).includes('//') || close < 0 || !name) {
      out += source.slice(at, open + 3);
      at = open + 3;
      continue;
    }
    let paren = close + 3;
    while (/\s/.test(source[paren])) paren++;
    if (source[paren] !== '(') throw new Error(`cuda_emu: no argument list after the launch of ${name[1]}`);
    let depth = 0;
    let end = paren;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    const [grid, threads] = splitTopLevel(source.slice(open + 3, close));
    const args = source.slice(paren + 1, end);
    out += source.slice(at, open - name[0].length);
    out += `wbEmu::launch(dim3(${grid}), dim3(${threads}), [&]() { ${name[1]}(${args}); })`;
    at = end + 1;
  }
  return out + source.slice(at);
}

/** g++ arguments that build the rewritten program against the plain libwb. */
function emulatedCompileArgs(libwbDir, source, binary, { sanitize = false } = {}) {
  return [
    '-std=c++17',
    '-O1',
    '-g',
    ...(sanitize ? ['-fsanitize=address,undefined', '-fno-omit-frame-pointer'] : []),
    '-include',
    HEADER,
    '-x',
    'c++',
    `-I${path.join(libwbDir, 'include')}`,
    source,
    '-x',
    'none',
    '-o',
    binary,
    path.join(libwbDir, 'build', 'libwb.a'),
    '-lm',
  ];
}

module.exports = { rewriteLaunches, emulatedCompileArgs, HEADER };
