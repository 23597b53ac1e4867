#!/usr/bin/env bash
# Starts a local Spark Connect server on 127.0.0.1:PORT from the project's Maven artifacts (the test-scoped
# spark-sql, spark-connect and spark-mllib of pom.xml's spark.version), prints a line containing "ready" once it
# accepts connections, and stops on SIGTERM or Ctrl-C. Only loopback; local[2]; no Spark UI.
#   scripts/local-spark-connect.sh 15002
#   SPARK_HEAP=4g scripts/local-spark-connect.sh 15002      (the server's heap, 2g unless set)
# The settings match the tests' server (src/test/java/io/funnelworkbench/team/LocalSparkConnectServer.java).
set -euo pipefail

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
  echo "usage: $0 PORT" >&2
  exit 2
fi
port="$1"
cd "$(dirname "$0")/.."

# Readiness is "the port accepts connections", so the port must be free to begin with.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port on 127.0.0.1 is already in use; choose another." >&2
  exit 1
fi

work="target/local-spark-connect/$port"
mkdir -p "$work"
classpath_file="$work/classpath.txt"
log="$work/server.log"

# The server's class path: every test-scoped artifact but the thin client, whose relocated gRPC and protobuf
# clash with the server's. Offline first (fast when ~/.m2 has them), online to fetch what is missing.
build_classpath=(dependency:build-classpath -DincludeScope=test
  -DexcludeArtifactIds=spark-connect-client-jvm_2.13 "-Dmdep.outputFile=$classpath_file")
echo "Resolving the Spark server's class path with Maven..."
if ! mvn -B -q -o "${build_classpath[@]}" >"$work/maven.log" 2>&1; then
  mvn -B -q "${build_classpath[@]}" >"$work/maven.log" 2>&1 || { cat "$work/maven.log" >&2; exit 1; }
fi

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SPARK_LOCAL_IP=127.0.0.1 "$java_bin" @config/spark-java17.args "-Xmx${SPARK_HEAP:-2g}" \
  -Dspark.master='local[2]' \
  -Dspark.app.name=funnel-workbench-local \
  -Dspark.ui.enabled=false \
  -Dspark.sql.shuffle.partitions=2 \
  -Dspark.driver.host=127.0.0.1 \
  -Dspark.driver.bindAddress=127.0.0.1 \
  -Dspark.connect.grpc.binding.address=127.0.0.1 \
  -Dspark.connect.grpc.binding.port="$port" \
  -Dspark.local.dir="$PWD/$work/local" \
  -Dspark.sql.warehouse.dir="$PWD/$work/warehouse" \
  -cp "$(cat "$classpath_file")" org.apache.spark.sql.connect.service.SparkConnectServer >"$log" 2>&1 &
server=$!

stop() {
  echo "Stopping the Spark Connect server on 127.0.0.1:$port..."
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  exit 0
}
trap stop TERM INT

echo "Starting Spark Connect on 127.0.0.1:$port (log: $log)..."
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The Spark Connect server exited before accepting connections; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "Spark Connect ready on sc://127.0.0.1:$port"

# wait returns early when a trapped signal arrives, so the trap runs at once.
set +e
wait "$server"
status=$?
echo "The Spark Connect server stopped (exit code $status); see $log" >&2
exit "$status"
