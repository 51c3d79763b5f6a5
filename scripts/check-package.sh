#!/usr/bin/env bash
# The package as an npm user gets it (run by .ci/run; about a minute, mostly npm):
#   1. npm pack: the tarball ships bin/, the run-time part of dist/ (the compiled modules and the bundles), README, LICENSE, CHANGELOG,
#      and nothing else (no bench, no tests, no source maps); the README links only to what ships;
#   2. a global install from it (npm's prefix in a temp dir) prints no warning, and its binary runs
#      --help, emulate, run (worker threads) and the dashboard in a terminal (tmux);
#   3. npm ci --omit=dev in a built clone leaves the binary working (no install step builds).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
socket="concur-package-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "check-package: $*" >&2
  exit 1
}
step() { echo "check-package: $*"; }

step 'npm pack'
npm pack --pack-destination "$work" --json >"$work/pack.json" 2>"$work/pack.err" || { cat "$work/pack.err" >&2; fail 'npm pack failed'; }
json() { node -e "const p = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))[0]; console.log($1)" "$work/pack.json"; }
tarball="$work/$(json p.filename)"
json "p.files.map((f) => f.path).sort().join('\n')" >"$work/files"
for shipped in LICENSE CHANGELOG.md README.md package.json bin/concur-tui bin/package.json dist/build.json dist/cli/main.cjs dist/cli/command-line.cjs dist/cli/emulation-child.cjs dist/src/cli/main.js dist/src/cli/stored-help/_root.100.txt dist/src/engine/real/worker-pool.js; do
  grep -qx "$shipped" "$work/files" || fail "the tarball lacks $shipped"
done
if grep -vE '^(LICENSE|CHANGELOG\.md|README\.md|package\.json|bin/concur-tui|bin/package\.json|dist/build\.json|dist/(cli|src)/.*)$' "$work/files" >&2; then
  fail 'the tarball ships the files above, which are not part of the program'
fi
if grep -E '\.map$' "$work/files" >&2; then fail 'the tarball ships source maps'; fi
if grep -q '^src/\|^dist/bench/\|^dist/test/' "$work/files"; then fail 'the tarball ships sources, benchmarks or tests'; fi
# Links of the README that are not web addresses must name a shipped file.
links=$(grep -oE '\]\([^)]+\)' README.md | sed -E 's/^\]\((.*)\)$/\1/' | grep -vE '^(https?:|#)' || true)
for target in $links; do
  grep -qx "${target%%#*}" "$work/files" || fail "README links to $target, which the package does not ship"
done
step "$(json "p.filename + ': ' + p.entryCount + ' files, ' + Math.round(p.size / 1024) + ' KB (' + Math.round(p.unpackedSize / 1024) + ' KB unpacked)'")"

step 'npm install -g from the tarball (prefix in a temp dir)'
prefix="$work/prefix"
npm install -g --prefix "$prefix" --prefer-offline --no-audit --no-fund "$tarball" >"$work/install.out" 2>"$work/install.err" ||
  { cat "$work/install.out" "$work/install.err" >&2; fail 'the global install failed'; }
if grep -i 'warn' "$work/install.out" "$work/install.err" >&2; then fail 'npm warned during the global install'; fi
bin="$prefix/bin/concur-tui"
"$bin" --help | grep -q 'concur-tui emulate' || fail '--help does not list emulate'
"$bin" emulate --scenario count | grep -qE '^processes +emulated +12\.95s +2\.00x' || fail 'emulate does not print the tutorial table'
"$bin" run --scenario count --strategy sequential,worker --scale 0.005 | grep -qE '^thread-pool( \*)? +real' || fail 'run (worker threads, by their old name) did not finish'
tmux -L "$socket" new-session -d -x 80 -y 24 "env -u CI '$bin' --scenario sleep; echo \$? >'$work/dashboard.exit'"
for _ in $(seq 150); do
  tmux -L "$socket" capture-pane -p -t 0 2>/dev/null | grep -q 'emulated' && break
  sleep 0.1
done
tmux -L "$socket" capture-pane -p -t 0 | grep -q 'emulated' || fail 'the dashboard did not draw its table'
tmux -L "$socket" send-keys -t 0 q
for _ in $(seq 50); do
  [ -s "$work/dashboard.exit" ] && break
  sleep 0.1
done
[ "$(cat "$work/dashboard.exit" 2>/dev/null)" = 0 ] || fail 'the dashboard did not exit 0 on q'

step 'npm ci --omit=dev in a built clone'
git clone -q . "$work/clone"
build_id=$(node -p "require('./dist/build.json').id")
# This checkout's build: without its dev dependencies, the clone has no compiler to make one.
cp -a dist ".dist-$build_id" "$work/clone/"
(cd "$work/clone" && npm ci --omit=dev --prefer-offline --no-audit --no-fund >"$work/ci.out" 2>&1) || { cat "$work/ci.out" >&2; fail 'npm ci --omit=dev failed'; }
"$work/clone/bin/concur-tui" emulate --scenario count | grep -qE '^processes +emulated +12\.95s' || fail 'the clone does not run after npm ci --omit=dev'
step 'ok'
