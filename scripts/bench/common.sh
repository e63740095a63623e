# Shared preamble of scripts/bench-*, sourced first thing:
#
#   source "$(dirname "$0")/bench/common.sh"
#   ... option parsing (bench_help for -h/--help) ...
#   bench_init <name>          # cd to the repo root, $WORK, traps, GIT_REV, LOAD_START
#   bench_jar                  # $JAR: a private copy of target/igem.jar (built unless BUILD=0)
#   bench_classes              # $CLASSES, $RUNTIME_CP: a private copy of target/classes + runtime class path
#
# Nothing here measures anything; each script keeps its own baseline and prints its own ratios.
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_EXIT_HOOKS=()

# The comment block at the top of the calling script, without the shebang.
bench_help() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

# bench_init NAME: strict mode, cwd = repo root, WORK (removed at exit, after the hooks), INT/TERM exit 130/143.
bench_init() {
  BENCH="$1"
  cd "$BENCH_ROOT"
  GIT_REV="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null || true)" ]]; then GIT_REV="$GIT_REV + uncommitted changes"; fi
  LOAD_START=$(bench_load)
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/igem-$BENCH.XXXXXX")
  trap _bench_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# bench_on_exit FUNCTION: run at exit (also on failure or Ctrl-C), before $WORK is removed.
bench_on_exit() { BENCH_EXIT_HOOKS+=("$1"); }

_bench_exit() {
  local rc=$? hook
  trap - EXIT INT TERM
  for hook in "${BENCH_EXIT_HOOKS[@]}"; do "$hook" || true; done
  rm -rf "$WORK"
  exit "$rc"
}

bench_die() { echo "$BENCH: $*" >&2; exit 1; }

# The 1-, 5- and 15-minute load averages, e.g. "3.12 2.80 2.41".
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
# The same as uptime words it: "load average: 3.12, 2.80, 2.41".
bench_load_average() { awk '{ printf "load average: %s, %s, %s\n", $1, $2, $3 }' /proc/loadavg; }

# $JAR: a private copy of target/igem.jar (other builds may rewrite target/ while the bench runs,
# and a CDS archive is tied to the jar's mtime). Builds it first unless BUILD=0 (--no-build).
bench_jar() {
  if [[ ${BUILD:-1} == 1 ]]; then
    log "building target/igem.jar (mvn -q -DskipTests package)"
    mvn -q -B -DskipTests package >&2
  fi
  [[ -f target/igem.jar ]] || bench_die "target/igem.jar missing (build it or drop --no-build)"
  cp target/igem.jar "$WORK/igem.jar"
  JAR="$WORK/igem.jar"
}

# $CLASSES: a private copy of target/classes after `mvn compile`; $RUNTIME_CP: the runtime class path.
bench_classes() {
  log "compiling the project (mvn -q -DskipTests compile)"
  mvn -q -B -DskipTests compile >&2
  cp -r target/classes "$WORK/classes"
  CLASSES="$WORK/classes"
  mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$WORK/runtime.cp" >&2
  RUNTIME_CP="$(cat "$WORK/runtime.cp")"
}

log() { echo "== $*" >&2; }
now_ns() { date +%s%N; }
# secs NS [DECIMALS]: nanoseconds as seconds (2 decimals unless told)
secs() { awk -v ns="$1" -v d="${2:-2}" 'BEGIN { printf "%.*f", d, ns / 1e9 }'; }
# ms NS: nanoseconds as whole milliseconds
ms() { awk -v ns="$1" 'BEGIN { printf "%.0f", ns / 1e6 }'; }
# median of the arguments; an integer when they all are (so it can go into $(( ))), else the exact middle
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1; if ($1 !~ /^-?[0-9]+$/) real = 1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf(real ? "%.12g\n" : "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
# ratio A B: A/B with 2 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# psql on $DB, quiet, stopping at the first error
psqlq() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
