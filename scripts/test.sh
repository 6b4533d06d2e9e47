#!/usr/bin/env bash
# The test command (`npm test`): makes sure the service binaries the tests start are installed (Debian packages
# nats-server, prometheus, openssl), then typechecks, lints, checks formatting and runs every test once. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if ((${#need[@]} > 0)); then
  if [ "$(id -u)" = 0 ]; then
    echo "test: installing ${need[*]} (Debian packages)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "test: missing ${need[*]}; install with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
npx tsc --noEmit -p tsconfig.json
npx eslint .
npx prettier --check "**/*.{ts,js,json}"
npx vitest run "$@"
