#!/usr/bin/env bash
# This build against another, paired (`bench --against`), in N separate JVMs: each JVM compiles
# each build once, and that compilation alone can move one JVM's ratio by several percent (two
# JVMs comparing the same pair of builds gave 1.093 and 0.979), so a change is judged by the
# median over JVMs, not by one.
#   scripts/against.sh N OLD.jar [bench options]   e.g. scripts/against.sh 3 /tmp/old.jar --rounds 8
# Prints each JVM's "all" row and the median of their median ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:?number of JVMs}"
jar="${2:?the other build, a jar}"
shift 2
# 400 ms runs unless the caller gives --duration (bench refuses the option twice).
args=("$@")
case " $* " in
  *" --duration "*|*" --duration="*) ;;
  *) args+=(--duration 400ms) ;;
esac
ratios=()
for i in $(seq "$n"); do
  row="$("$root/bin/preemptsim" bench --against "$jar" "${args[@]}" | grep '^all ')"
  echo "JVM $i: $row"
  r="$(echo "$row" | awk '{print $4}')"
  ratios+=("$r")
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{ r[NR] = $1 } END { printf "median over %d JVMs of the all-models ratio: %s (range %s-%s)\n", NR, r[int((NR + 1) / 2)], r[1], r[NR] }'
