#!/usr/bin/env bash
# Times CarbonBench's first answer as whole processes: the three start-up targets of issue 13.
# Each command runs WARMUPS times untimed (file cache, CDS archive mapped), then RUNS times timed;
# prints min / median / max wall-clock seconds.
#
#   mvn -B -q package -DskipTests      # builds examples/target/carbonbench.jar (+ CDS archive) and benchmarks.jar
#   benchmarks/startup.sh               # RUNS=10 WARMUPS=2 by default; JAVA=/path/to/java to pick a JVM
#
# Start-up time depends on the machine being quiet: run it when nothing else is building.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
WARMUPS=${WARMUPS:-2}
JAVA=${JAVA:-java}
CLI_JAR=examples/target/carbonbench.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
for f in "$CLI_JAR" "$BENCH_JAR"; do
  [[ -f $f ]] || { echo "missing $f: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
done

now_ns() { date +%s%N; }

# time_it LABEL TARGET_SECONDS COMMAND...
time_it() {
  local label=$1 target=$2; shift 2
  local i t0 t1 times=()
  for ((i = 0; i < WARMUPS; i++)); do "$@" >/dev/null 2>&1 || { echo "$label: command failed: $*" >&2; "$@"; exit 1; }; done
  for ((i = 0; i < RUNS; i++)); do
    t0=$(now_ns); "$@" >/dev/null 2>&1; t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  local n=${#sorted[@]} median
  if (( n % 2 )); then median=${sorted[n / 2]}; else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
  printf '%-34s min %5.3f  median %5.3f  max %5.3f s   (target %s s, %d runs)\n' "$label" \
    "$(bc -l <<< "${sorted[0]} / 1000")" "$(bc -l <<< "$median / 1000")" "$(bc -l <<< "${sorted[n - 1]} / 1000")" \
    "$target" "$n"
}

echo "# $(date -u +%FT%TZ)  $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
echo "# $("$JAVA" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

time_it "bin/carbonbench score" 0.40 \
  bin/carbonbench score --model llama-3.1-70b --provider together --region us --input-tokens 500 --output-tokens 1000
time_it "java -jar carbonbench.jar recommend" 0.60 \
  "$JAVA" -jar "$CLI_JAR" recommend llama-3.1-70b
time_it "create() + grams(), fresh JVM" 0.35 \
  "$JAVA" -cp "$BENCH_JAR" ai.carbonbench.benchmarks.StartupProbe
if [[ ${EXTRA:-} == 1 ]]; then
  time_it "java -jar carbonbench.jar score" - \
    "$JAVA" -jar "$CLI_JAR" score --model llama-3.1-70b --provider together --region us --input-tokens 500 --output-tokens 1000
fi
