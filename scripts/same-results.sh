#!/usr/bin/env bash
# Behaviour guard for performance work: the JSON results of every example (and of the built-in
# scenario) must stay byte-identical.
#
#   scripts/same-results.sh save DIR [JAR]    write the JSON of every example into DIR
#   scripts/same-results.sh check DIR [JAR]   write them again into a scratch folder and cmp with DIR
#
# JAR defaults to target/preemptsim.jar (built by bin/preemptsim when missing). To get a baseline
# from an older commit: git stash/checkout it, `mvn -q -B -DskipTests package`, copy the jar
# aside, and pass it to `save`. examples/bench/*.yaml run with --duration 2s to keep this quick.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:?save|check}"
dir="${2:?folder}"
jar="${3:-$root/target/preemptsim.jar}"
java=java
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package >&2)

out="$dir"
if [ "$mode" = check ]; then
  out="$(mktemp -d)"
fi
mkdir -p "$out"

run() { # name, args...
  local name="$1"; shift
  "$java" -XX:+UseParallelGC -jar "$jar" compare "$@" --json "$out/$name.json" >/dev/null 2>&1 || true
}

run builtin
for f in "$root"/examples/*.yaml "$root"/examples/*.json "$root"/examples/bench/*.yaml; do
  b="$(basename "$f")"
  if [ "$(basename "$(dirname "$f")")" = bench ]; then
    run "$b" "$f" --duration 2s
  else
    run "$b" "$f"
  fi
done

# Long runqueues (6,000 hackbench tasks on 8 CPUs), where CfsRq switches to its augmented index.
# A fixed path: reports name the scenario file, so a random one would differ on every run.
manydir="${TMPDIR:-/tmp}/preemptsim-same-results"; mkdir -p "$manydir"; many="$manydir/many-tasks.yaml"
sed 's/      groups: 4/      groups: 300/' "$root/examples/bench/bench.yaml" > "$many"
run many-tasks "$many" --duration 300ms
rm -rf "$manydir"

if [ "$mode" = check ]; then
  bad=0
  for f in "$dir"/*.json; do
    b="$(basename "$f")"
    if ! cmp -s "$f" "$out/$b"; then
      echo "DIFFERS: $b" >&2
      bad=1
    fi
  done
  n="$(ls "$dir"/*.json | wc -l)"
  if [ "$bad" = 0 ]; then
    echo "same results: $n JSON files byte-identical"
  fi
  rm -rf "$out"
  exit "$bad"
fi
echo "saved $(ls "$out"/*.json | wc -l) JSON files in $out"
