#!/usr/bin/env bash
# `npm run bench`: every benchmark, one after the other, on the built CLI. Generated data goes
# to bench-data/ (ignored by git). Pass --quick for the small sizes only.
set -euo pipefail
cd "$(dirname "$0")/.."
orebook() { node dist/cli/main.js "$@"; }
if [ "${1:-}" = "--quick" ]; then
  orebook bench all --sizes 10000,100000
  orebook bench-ledger --entities 100000
  orebook bench-bods --statements 100000 --entities 33000
  orebook bench-routes --scales 1
  orebook bench-scenarios --runs 1000
  orebook bench-store --entities 20000 --reads 100 --writes 20
  node dist/api/flood-test.js 5 500 8
  node dist/bench/import-memory.js 20 100000 8
  exit 0
fi
echo "== look-through at 10k, 100k, 1M entities against SciPy and NetworkX (issue 10)"
orebook bench all
echo "== ledger: load 1M entities into SQLite and build the World (issue 3)"
orebook bench-ledger
echo "== BODS: import one million statements (issue 4)"
orebook bench-bods
echo "== routing through HiGHS at 1x, 5x, 10x (issue 11)"
orebook bench-routes
echo "== scenario evaluation and 10,000 Monte Carlo runs (issue 7)"
orebook bench-scenarios
echo "== the register in the store as a user gets it: import, cold processes, the live API, against SciPy (issue 23)"
orebook bench-store
echo "== the API under a flood of compute requests: cached reads at 500/s beside 8 compare loops (issue 24)"
node dist/api/flood-test.js 20 500 8
echo "== import memory: a 200 MB CSV with one bad row, one million rows, a 31 MB import through the API (issue 24)"
node dist/bench/import-memory.js 200 1000000 31
