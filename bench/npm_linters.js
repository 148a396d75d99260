// SPDX-License-Identifier: Apache-2.0
// Baseline for bench/lint_corpus.sh: the npm linters dockerfilelint and dockerfile-utils over the
// same files, in one Node process each (so Node start-up is not counted against them), with the
// same repeat-until-time rule as drydock's lint_bench. Files that crash a linter are counted and
// skipped on later rounds. Prints one JSON line per linter.
'use strict';
const fs = require('fs');
const path = require('path');
const dockerfilelint = require('dockerfilelint');
const { validate } = require('dockerfile-utils');

const files = process.argv.slice(2);
const texts = files.map(f => fs.readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

function measure(name, lintOne) {
  const ok = texts.map(() => true);
  let crashes = 0;
  let rounds = 0;
  let diagnostics = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  do {
    texts.forEach((t, i) => {
      if (!ok[i]) return;
      try { diagnostics += lintOne(t); } catch (e) { ok[i] = false; crashes++; }
    });
    rounds++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (elapsed < 2.0);
  const linted = ok.filter(Boolean).length;
  console.log(JSON.stringify({
    tool: name, files: files.length, crashed_files: crashes, rounds, seconds: elapsed,
    files_per_s: (rounds * files.length) / elapsed, mb_per_s: (rounds * bytes) / elapsed / 1e6,
    diagnostics_per_round: Math.round(diagnostics / rounds), linted_files: linted,
  }));
}

measure('dockerfilelint', t => dockerfilelint.run(path.join(__dirname, '.'), t).length);
measure('dockerfile-utils', t => validate(t).length);
