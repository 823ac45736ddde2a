#!/usr/bin/env bash
# The scaling curves of docs/performance.md: per-event cost of the reference scenario
# (examples/bench/bench.yaml, model full) from 1 to 256 CPUs and from 10 to 10,000 tasks.
# One `bin/preemptsim bench` per point (its own JVM and warm-up); prints one table row per point.
#   scripts/scaling.sh [cpus|tasks|both]   (default both)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-both}"
model="${MODEL:-full}"

point() { # label, value, bench args...
  local label="$1" value="$2"; shift 2
  local out
  out="$("$root/bin/preemptsim" bench --models "$model" --warmup 300ms --replay-ops 2000000 "$@")"
  local tasks run heap
  tasks="$(sed -n 's/.* \([0-9]*\) tasks,.*/\1/p' <<< "$out" | head -1)"
  run="$(grep "^$model " <<< "$out" | head -1)"
  heap="$(grep "^$model " <<< "$out" | tail -1)"
  # run: model events wall cpu Mev/s per-cpu-s sim/wall B/event B/steady peak live status
  # heap: model events arms/ev cancels/ev meanq heap-Mev/s per-cpu-s machine-Mev/s per-cpu-s ratio ratio-cpu
  awk -v l="$label" -v v="$value" -v t="$tasks" -v h="$heap" 'BEGIN { split(h, H, " ") }
    { printf "%-6s %6s %6s %12d %9.2f %9.1f %9.1f %9.1f %8.1f %8.3f\n", l, v, t, $2, $6, 1000 / $6, H[5], 1000 / H[7], $11, $9 }' <<< "$run"
}

printf "%-6s %6s %6s %12s %9s %9s %9s %9s %8s %8s\n" axis value tasks events "Mev/cpu-s" "ns/event" "mean q" "heap ns" "live MB" "B/steady"
if [ "$what" = cpus ] || [ "$what" = both ]; then
  for n in 1 2 4 8 16 32 64 128 256; do
    # about the same number of events per point: simulated time shrinks as CPUs grow
    d=$(( 8000 / n )); [ "$d" -lt 40 ] && d=40
    point cpus "$n" --cpus "$n" --duration "${d}ms"
  done
fi
if [ "$what" = tasks ] || [ "$what" = both ]; then
  for n in 10 30 100 300 1000 3000 10000; do
    point tasks "$n" --tasks "$n" --duration 500ms
  done
fi
