#!/bin/sh
# Records the same casts with one build of concur-tui, for bench/cast-compare.ts to hold two
# builds' screens side by side: every tape in bench/tapes and the demo, in colour, NO_COLOR and
# --ascii, at several sizes (the design size, the minimum, larger ones).
#   sh bench/record-casts.sh REPO OUTDIR      (REPO: a checkout with a build in dist/)
set -eu
repo=$1
out=$2
tapes=$(dirname "$0")/tapes
mkdir -p "$out"
record() { # name, then the arguments after `concur-tui`
  name=$1
  shift
  for theme in color nocolor ascii; do
    case $theme in
      color) env -u NO_COLOR CI=1 node "$repo/bin/concur-tui" "$@" --record "$out/$name.$theme.cast" --force ;;
      nocolor) NO_COLOR=1 CI=1 node "$repo/bin/concur-tui" "$@" --record "$out/$name.$theme.cast" --force ;;
      ascii) env -u NO_COLOR CI=1 node "$repo/bin/concur-tui" "$@" --ascii --record "$out/$name.$theme.cast" --force ;;
    esac
  done
}
for tape in "$tapes"/*.tape; do
  for size in 80x24 60x14 100x30 160x50; do
    record "$(basename "$tape" .tape).$size" --script "$tape" --cols "${size%x*}" --rows "${size#*x}"
  done
done
record demo.80x24 demo --cols 80 --rows 24
