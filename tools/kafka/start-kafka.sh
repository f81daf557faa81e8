#!/usr/bin/env bash
# Starts a real single-node Apache Kafka broker (KRaft, combined broker+controller) without Docker, for tests
# and CI. Jars come from Maven Central through Maven (tools/kafka/pom.xml) and are cached in
# tools/kafka/.jars/<version>; run state (config, data, pid, logs) lives in tools/kafka/.run.
# Idempotent: a healthy broker started earlier by this script (same port) is reused.
# Prints KAFKA_BROKERS=127.0.0.1:<port> as its last line when the broker answers admin requests.
#
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_START_TIMEOUT seconds (90),
#      KAFKA_HEAP_OPTS (-Xms256m -Xmx512m), KAFKA_CLUSTER_ID (fixed default), MAVEN_OPTS (passed to mvn).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# Any 16 bytes, URL-safe base64 without padding. Fixed so that `stop-kafka.sh --keep` + start reuses the data.
CLUSTER_ID="${KAFKA_CLUSTER_ID:-aWFtLWRldi1rYWZrYS0xAA}"
VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"
JARS="$HERE/.jars/$VERSION"
RUN="$HERE/.run"
PID_FILE="$RUN/kafka.pid"
LOG="$RUN/kafka.log"
OUT="$RUN/kafka.out"
PROPS="$RUN/server.properties"
TOOLS_LOG4J="$RUN/log4j2-tools.properties"
# The helper JVMs (storage format, readiness probe) are short-lived: small heap, C1 only, starts faster.
TOOL_JVM=(java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile="$TOOLS_LOG4J" -cp "$JARS/*")

die() { echo "start-kafka: $*" >&2; exit 1; }

command -v java >/dev/null || die "java (17+) is required, e.g. apt-get install -y openjdk-17-jre-headless"
[ -n "$VERSION" ] || die "could not read <kafka.version> from $HERE/pom.xml"

# True when PID is alive and is the broker of this folder (guards against pid reuse after a reboot or crash).
is_our_broker() {
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $PROPS"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ready = the port accepts connections AND the Admin client can describe the cluster (metadata is served).
ready() {
  port_open "$PORT" &&
    "${TOOL_JVM[@]}" org.apache.kafka.tools.ClusterTool cluster-id --bootstrap-server "127.0.0.1:$PORT" \
      >/dev/null 2>&1
}

print_logs() {
  echo "----- last lines of $LOG -----" >&2
  tail -n 60 "$LOG" >&2 2>/dev/null || true
  if [ -s "$OUT" ]; then
    echo "----- last lines of $OUT (stdout/stderr) -----" >&2
    tail -n 20 "$OUT" >&2 || true
  fi
}

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  kill -KILL "$pid" 2>/dev/null || true
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start-kafka: the broker (pid $pid) exited during start-up" >&2
      print_logs
      return 2
    fi
    ready && return 0
    sleep 1
  done
  return 1
}

mkdir -p "$RUN"

# 1. Reuse a broker we started before, if it listens on the requested port and is (or becomes) healthy.
OLD_PID="$(cat "$PID_FILE" 2>/dev/null || true)"
if is_our_broker "$OLD_PID"; then
  if grep -qx "listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT" "$PROPS" &&
    [ -f "$JARS/.complete" ] && wait_ready "$OLD_PID"; then
    echo "Kafka $VERSION already running on 127.0.0.1:$PORT (pid $OLD_PID)"
    echo "KAFKA_BROKERS=127.0.0.1:$PORT"
    exit 0
  fi
  echo "stopping the previous broker (pid $OLD_PID): other ports, other version or unhealthy"
  stop_pid "$OLD_PID"
fi
rm -f "$PID_FILE"

for p in "$PORT" "$CONTROLLER_PORT"; do
  port_open "$p" && die "port $p is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
done

# 2. Resolve the jars once per version. Written to a temp folder and renamed, so an interrupted download
#    never leaves a half-filled cache that looks complete.
if [ ! -f "$JARS/.complete" ]; then
  command -v mvn >/dev/null || die "maven is required to download Kafka, e.g. apt-get install -y maven"
  echo "resolving Kafka $VERSION jars from Maven Central into $JARS"
  TMP_JARS="$JARS.tmp.$$"
  rm -rf "$TMP_JARS"
  # Plugin version pinned: Maven 3.8's default maven-dependency-plugin is years old.
  # Output goes to a file (Maven 3.8 prints colour codes even with -q); shown only on failure.
  if ! mvn -q -B -ntp -Dstyle.color=never -f "$HERE/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$TMP_JARS" </dev/null >"$RUN/mvn.log" 2>&1; then
    rm -rf "$TMP_JARS"
    tail -n 40 "$RUN/mvn.log" >&2
    die "mvn could not resolve the Kafka jars (network to Maven Central?); full output in $RUN/mvn.log"
  fi
  touch "$TMP_JARS/.complete"
  rm -rf "$JARS"
  mv "$TMP_JARS" "$JARS"
fi

# 3. Configuration, written on every start so that env changes (ports) apply.
cat >"$PROPS" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$RUN/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.retention.hours=24
EOF
cat >"$RUN/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $LOG
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.request.name = kafka.request.logger
logger.request.level = warn
EOF
cat >"$TOOLS_LOG4J" <<EOF
status = error
rootLogger.level = error
EOF

# 4. Format the storage once; an existing data dir (kept by `stop-kafka.sh --keep`) is reused as is.
#    Static quorum (controller.quorum.voters), so no --standalone is needed.
if [ ! -f "$RUN/data/meta.properties" ]; then
  rm -rf "$RUN/data"
  "${TOOL_JVM[@]}" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$PROPS" >/dev/null ||
    die "formatting the storage in $RUN/data failed"
fi

# 5. Start in the background, detached from this shell (setsid) and from stdin (CI has none).
: >"$LOG"
: >"$OUT"
# shellcheck disable=SC2086 # HEAP_OPTS is a list of JVM flags
setsid nohup java $HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true -Dlog4j2.configurationFile="$RUN/log4j2.properties" \
  -cp "$JARS/*" kafka.Kafka "$PROPS" </dev/null >>"$OUT" 2>&1 &
PID=$!
echo "$PID" >"$PID_FILE"

status=0
wait_ready "$PID" || status=$?
if [ "$status" -eq 0 ]; then
  echo "Kafka $VERSION ready on 127.0.0.1:$PORT (pid $PID, log $LOG)"
  echo "KAFKA_BROKERS=127.0.0.1:$PORT"
  exit 0
fi
if [ "$status" -eq 1 ]; then
  echo "start-kafka: the broker did not become ready within ${TIMEOUT}s; stopping it" >&2
  print_logs
  stop_pid "$PID"
fi
rm -f "$PID_FILE"
exit 1
