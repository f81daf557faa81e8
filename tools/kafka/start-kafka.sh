#!/usr/bin/env bash
# Starts a real single-node Apache Kafka broker (KRaft, combined broker+controller) without Docker, for tests and CI.
# Jars come from Maven Central through Maven (tools/kafka/pom.xml) and are cached in tools/kafka/.jars/<version>.
# Idempotent: a healthy broker started by this script earlier is reused. Prints KAFKA_BROKERS=... when ready.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"
JARS="$HERE/.jars/$VERSION"
RUN="$HERE/.run"
PID_FILE="$RUN/kafka.pid"
LOG="$RUN/kafka.log"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

command -v java >/dev/null || { echo "java is required (apt-get install default-jre-headless)" >&2; exit 1; }

ready() {
  java -cp "$JARS/*" -Dlog4j2.configurationFile="$RUN/log4j2-tools.properties" \
    org.apache.kafka.tools.ClusterTool cluster-id --bootstrap-server "127.0.0.1:$PORT" >/dev/null 2>&1
}

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null && [ -d "$JARS" ] && ready; then
  echo "Kafka $VERSION already running (pid $(cat "$PID_FILE"))"
  echo "KAFKA_BROKERS=127.0.0.1:$PORT"
  exit 0
fi

if [ ! -f "$JARS/.complete" ]; then
  command -v mvn >/dev/null || { echo "maven is required (apt-get install maven)" >&2; exit 1; }
  echo "resolving Kafka $VERSION jars from Maven Central into $JARS"
  rm -rf "$JARS"
  mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$JARS"
  touch "$JARS/.complete"
fi

mkdir -p "$RUN"
rm -rf "$RUN/data"
cat > "$RUN/server.properties" <<PROPS
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
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
PROPS
cat > "$RUN/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $LOG
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = info
logger.kafka.request.name = kafka.request.logger
logger.kafka.request.level = warn
PROPS
cat > "$RUN/log4j2-tools.properties" <<PROPS
status = error
rootLogger.level = error
PROPS

CLUSTER_ID="$(java -cp "$JARS/*" -Dlog4j2.configurationFile="$RUN/log4j2-tools.properties" kafka.tools.StorageTool random-uuid)"
java -cp "$JARS/*" -Dlog4j2.configurationFile="$RUN/log4j2-tools.properties" \
  kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$RUN/server.properties" >/dev/null

: > "$LOG"
nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$RUN/log4j2.properties" \
  -cp "$JARS/*" kafka.Kafka "$RUN/server.properties" >>"$RUN/kafka.out" 2>&1 &
echo $! > "$PID_FILE"

for _ in $(seq 1 "$TIMEOUT"); do
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "Kafka exited during start-up; last lines of its logs:" >&2
    tail -n 40 "$LOG" "$RUN/kafka.out" >&2 || true
    exit 1
  fi
  if ready; then
    echo "Kafka $VERSION ready on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    echo "KAFKA_BROKERS=127.0.0.1:$PORT"
    exit 0
  fi
  sleep 1
done
echo "Kafka did not become ready within ${TIMEOUT}s; last lines of its log:" >&2
tail -n 40 "$LOG" >&2 || true
exit 1
