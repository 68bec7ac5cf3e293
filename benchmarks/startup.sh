#!/usr/bin/env bash
# Times CarbonBench's first answer as whole processes: the three start-up targets of issue 13.
# Each command runs WARMUPS times untimed (file cache, CDS archive mapped), then RUNS times timed;
# prints min / median / max wall-clock seconds.
#
#   mvn -B -q package -DskipTests      # builds examples/target/carbonbench.jar (+ CDS archive) and benchmarks.jar
#   benchmarks/startup.sh               # RUNS=10 WARMUPS=2 by default; JAVA=/path/to/java to pick a JVM
#
# Start-up time depends on the machine being quiet: run it when nothing else is building. On a shared
# machine that cannot be quiet, RT=1 runs each timed command under the real-time scheduler
# (chrt -f 10, needs root or CAP_SYS_NICE), which puts it ahead of every ordinary process: close to a
# quiet machine, and far steadier than nice (which cgroups defeat).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
WARMUPS=${WARMUPS:-2}
JAVA=${JAVA:-java}
# Overridable to time another build (e.g. the one before a change): CLI_JAR, PROBE_CP, LAUNCHER.
CLI_JAR=${CLI_JAR:-examples/target/carbonbench.jar}
PROBE_CP=${PROBE_CP:-benchmarks/target/benchmarks.jar}
LAUNCHER=${LAUNCHER:-bin/carbonbench}
for f in "$CLI_JAR" "${PROBE_CP%%:*}"; do
  [[ -f $f ]] || { echo "missing $f: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
done

now_ns() { date +%s%N; }

median() { # of integers on stdin
  local sorted n
  sorted=($(sort -n))
  n=${#sorted[@]}
  if (( n % 2 )); then echo "${sorted[n / 2]}"; else echo $(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
}
secs() { bc -l <<< "scale=3; $1 / 1000"; }

# With GNU time, also report the median CPU time (user + sys) of the process: on a busy machine wall
# time mostly measures the others, CPU time much less so.
GNU_TIME=
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %U true 2>/dev/null; then GNU_TIME=/usr/bin/time; fi
CPU_FILE=$(mktemp)
trap 'rm -f "$CPU_FILE"' EXIT

RT_PREFIX=()
if [[ ${RT:-} == 1 ]]; then RT_PREFIX=(chrt -f 10); fi

# time_it LABEL TARGET_SECONDS COMMAND...
time_it() {
  local label=$1 target=$2; shift 2
  set -- ${RT_PREFIX[@]+"${RT_PREFIX[@]}"} "$@"
  local i t0 t1 walls=() cpus=()
  for ((i = 0; i < WARMUPS; i++)); do "$@" >/dev/null 2>&1 || { echo "$label: command failed: $*" >&2; "$@"; exit 1; }; done
  for ((i = 0; i < RUNS; i++)); do
    t0=$(now_ns)
    if [[ -n $GNU_TIME ]]; then
      $GNU_TIME -o "$CPU_FILE" -f '%U %S' "$@" >/dev/null 2>&1
    else
      "$@" >/dev/null 2>&1
    fi
    t1=$(now_ns)
    walls+=($(( (t1 - t0) / 1000000 )))
    if [[ -n $GNU_TIME ]]; then cpus+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$CPU_FILE")); fi
  done
  local sorted=($(printf '%s\n' "${walls[@]}" | sort -n)) n=${#walls[@]} cpu=""
  if [[ -n $GNU_TIME ]]; then cpu=$(printf '  cpu median %5.3f' "$(secs "$(printf '%s\n' "${cpus[@]}" | median)")"); fi
  printf '%-36s min %5.3f  median %5.3f  max %5.3f s%s   (target %s s, %d runs)\n' "$label" \
    "$(secs "${sorted[0]}")" "$(secs "$(printf '%s\n' "${walls[@]}" | median)")" "$(secs "${sorted[n - 1]}")" \
    "$cpu" "$target" "$n"
}

echo "# $(date -u +%FT%TZ)  $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
echo "# $("$JAVA" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)${RT:+; real-time priority (chrt -f 10)}"

# LAUNCHER may hold options, e.g. LAUNCHER="java -jar old.jar": word splitting is meant.
# shellcheck disable=SC2086
time_it "bin/carbonbench score" 0.40 \
  $LAUNCHER score --model llama-3.1-70b --provider together --region us --input-tokens 500 --output-tokens 1000
time_it "java -jar carbonbench.jar recommend" 0.60 \
  "$JAVA" -jar "$CLI_JAR" recommend llama-3.1-70b
time_it "create() + grams(), fresh JVM" 0.35 \
  "$JAVA" -cp "$PROBE_CP" ai.carbonbench.benchmarks.StartupProbe
if [[ ${EXTRA:-} == 1 ]]; then
  time_it "java -jar carbonbench.jar score" - \
    "$JAVA" -jar "$CLI_JAR" score --model llama-3.1-70b --provider together --region us --input-tokens 500 --output-tokens 1000
fi
