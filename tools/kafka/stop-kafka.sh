#!/usr/bin/env bash
# Stops the broker started by start-kafka.sh (TERM, then KILL after 30 s) and removes its data unless --keep.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RUN="$HERE/.run"
PID_FILE="$RUN/kafka.pid"
if [ -f "$PID_FILE" ]; then
  PID="$(cat "$PID_FILE")"
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID"
  fi
  rm -f "$PID_FILE"
  echo "Kafka stopped"
fi
[ "${1:-}" = "--keep" ] || rm -rf "$RUN/data"
