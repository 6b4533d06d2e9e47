#!/usr/bin/env bash
# Starts the cluster-mode services gansweep talks to, on loopback, for development and CI:
#   nats-server with JetStream (apt-get install nats-server) and s3rver (npm, speaks S3 for the minio client).
# Usage: scripts/services.sh up|down|env|status
#   up     start both in the background (pid files and logs under .tmp/services), wait until they accept
#          connections, then print the environment to export
#   down   stop both (SIGTERM, then SIGKILL after 5 s)
#   env    print the environment only:  eval "$(scripts/services.sh env)"
# Ports: GANSWEEP_NATS_PORT (default 4222), GANSWEEP_S3_PORT (default 9000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.tmp/services"
NATS_PORT="${GANSWEEP_NATS_PORT:-4222}"
S3_PORT="${GANSWEEP_S3_PORT:-9000}"
S3_BUCKET="${GANSWEEP_S3_BUCKET:-gansweep}"

print_env() {
  cat <<ENV
export GANSWEEP_NATS_URL=nats://127.0.0.1:$NATS_PORT
export GANSWEEP_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export GANSWEEP_S3_ACCESS_KEY=S3RVER
export GANSWEEP_S3_SECRET_KEY=S3RVER
export GANSWEEP_S3_REGION=us-east-1
export GANSWEEP_STORE=s3://$S3_BUCKET/artifacts
ENV
}

running() { # pidfile
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

wait_port() { # name port pidfile log
  local i
  for i in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    if ! running "$3"; then
      echo "services.sh: $1 exited before listening on 127.0.0.1:$2; last log lines from $4:" >&2
      tail -n 20 "$4" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  echo "services.sh: $1 did not listen on 127.0.0.1:$2 within 20 s; see $4" >&2
  return 1
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

up() {
  mkdir -p "$STATE/nats" "$STATE/s3"
  if ! command -v nats-server >/dev/null; then
    echo "services.sh: nats-server not found: install it with apt-get install nats-server" >&2
    exit 1
  fi
  if running "$STATE/nats.pid"; then
    echo "services.sh: nats-server already running (pid $(cat "$STATE/nats.pid"))" >&2
  else
    if port_busy "$NATS_PORT"; then
      echo "services.sh: port $NATS_PORT is taken by another process; set GANSWEEP_NATS_PORT" >&2
      exit 1
    fi
    nohup nats-server -js -sd "$STATE/nats" -a 127.0.0.1 -p "$NATS_PORT" >"$STATE/nats.log" 2>&1 &
    echo $! >"$STATE/nats.pid"
    wait_port nats-server "$NATS_PORT" "$STATE/nats.pid" "$STATE/nats.log"
  fi
  if running "$STATE/s3.pid"; then
    echo "services.sh: s3rver already running (pid $(cat "$STATE/s3.pid"))" >&2
  else
    if port_busy "$S3_PORT"; then
      echo "services.sh: port $S3_PORT is taken by another process; set GANSWEEP_S3_PORT" >&2
      exit 1
    fi
    # cd on its own line: with `cd && node &` the pid recorded would be a subshell's, not node's.
    cd "$ROOT"
    nohup node --import tsx test/support/s3rver-main.ts --port "$S3_PORT" --dir "$STATE/s3" >"$STATE/s3.log" 2>&1 &
    echo $! >"$STATE/s3.pid"
    wait_port s3rver "$S3_PORT" "$STATE/s3.pid" "$STATE/s3.log"
  fi
  print_env
}

stop_one() { # name pidfile
  local pid
  if ! running "$2"; then rm -f "$2"; return 0; fi
  pid="$(cat "$2")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$2"; echo "services.sh: stopped $1 (pid $pid)" >&2; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$2"
  echo "services.sh: killed $1 (pid $pid) after 5 s" >&2
}

down() {
  stop_one nats-server "$STATE/nats.pid"
  stop_one s3rver "$STATE/s3.pid"
}

status() {
  local name
  for name in nats s3; do
    if running "$STATE/$name.pid"; then echo "$name: running (pid $(cat "$STATE/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) print_env ;;
  status) status ;;
  *) echo "usage: scripts/services.sh up|down|env|status" >&2; exit 2 ;;
esac
