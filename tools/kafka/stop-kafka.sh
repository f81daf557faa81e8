#!/usr/bin/env bash
# Stops the broker started by start-kafka.sh: SIGTERM (clean shutdown), SIGKILL after KAFKA_STOP_TIMEOUT
# seconds (30). Removes the run data (topics, offsets) unless --keep is given, so the next start is fresh.
# Succeeds when no broker is running.
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
RUN="$HERE/.run"
PID_FILE="$RUN/kafka.pid"
TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KEEP=false
for arg in "$@"; do
  case "$arg" in
    --keep) KEEP=true ;;
    *) echo "usage: $0 [--keep]" >&2; exit 2 ;;
  esac
done

PID="$(cat "$PID_FILE" 2>/dev/null || true)"
# Only signal the pid if it is still our broker (the pid may have been reused since).
if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null &&
  tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null | grep -q "kafka.Kafka $RUN/server.properties"; then
  kill -TERM "$PID"
  for _ in $(seq 1 "$TIMEOUT"); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$PID" 2>/dev/null; then
    echo "Kafka (pid $PID) ignored SIGTERM for ${TIMEOUT}s; killing it"
    kill -KILL "$PID"
    while kill -0 "$PID" 2>/dev/null; do sleep 0.2; done
  fi
  echo "Kafka stopped (pid $PID)"
else
  echo "Kafka is not running"
fi
rm -f "$PID_FILE"
if [ "$KEEP" = false ]; then
  rm -rf "$RUN/data"
fi
