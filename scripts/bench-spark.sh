#!/usr/bin/env bash
# The team-scale benchmark (docs/BENCHMARKS.md, "Team scale (Spark Connect)"): the bench's synthetic export
# counted by the desktop engine, by the Spark Connect back-end (our kernel per partition) and by Spark SQL's window
# funnel on a local Spark Connect server (local[2]) that it starts and stops itself. Embedded Spark is test-scoped,
# so this runs from the test class path and never touches the app's own build.
#   scripts/bench-spark.sh --events 10000000            (options: --users --seed --runs --warmup-runs --dir
#                                                         --server-heap; progress on stderr, JSON on stdout)
set -euo pipefail
cd "$(dirname "$0")/.."

work="target/bench-spark"
mkdir -p "$work"
classpath_file="$work/classpath.txt"
# Offline first (fast when ~/.m2 has everything), online to fetch what is missing.
build=(test-compile dependency:build-classpath -DincludeScope=test "-Dmdep.outputFile=$classpath_file")
echo "Compiling and resolving the test class path with Maven..." >&2
if ! mvn -B -q -o "${build[@]}" >"$work/maven.log" 2>&1; then
  mvn -B -q "${build[@]}" >"$work/maven.log" 2>&1 || { cat "$work/maven.log" >&2; exit 1; }
fi

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" @config/spark-java17.args -Xmx2g \
  -cp "target/classes:target/test-classes:$(cat "$classpath_file")" \
  io.funnelworkbench.team.SparkConnectBenchmark "$@"
