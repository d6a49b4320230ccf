#!/usr/bin/env bash
# Runs every HyperBus test: the .NET test projects and the Python SDK's pytest suite, against a real
# RabbitMQ node that this script starts (and stops) in a temporary folder. Installs the Debian packages
# the tests need when run as root. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
command -v /usr/lib/rabbitmq/bin/rabbitmq-server >/dev/null 2>&1 || need+=(rabbitmq-server)
/usr/bin/python3 -c 'import pika' 2>/dev/null || need+=(python3-pika)
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
/usr/bin/python3 -c 'import pytest' 2>/dev/null || need+=(python3-pytest)
command -v chromium >/dev/null 2>&1 || need+=(chromium)   # the dashboard's browser test
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
# Operating HyperBus (issue 20): a real Prometheus scrapes the host; the Python study client needs pandas;
# the pip install test makes a fresh venv.
command -v /usr/bin/prometheus >/dev/null 2>&1 || need+=(prometheus)
/usr/bin/python3 -c 'import pandas' 2>/dev/null || need+=(python3-pandas)
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)   # the Node.js example worker (ConformanceTests)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${need[*]}"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "missing packages: ${need[*]} (run: sudo apt-get install -y ${need[*]})"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# The Node.js example worker (examples/node-worker) that ConformanceTests drives: amqplib from npm, pinned by
# package-lock.json.
if command -v npm >/dev/null 2>&1; then
  (cd examples/node-worker && npm ci --no-audit --no-fund --loglevel=error >/tmp/hyperbus-npm.log 2>&1) || { tail -5 /tmp/hyperbus-npm.log; echo "npm ci in examples/node-worker failed"; }
fi

# One RabbitMQ node for the whole run; each test class makes its own vhost on it.
source "$root/tests/rabbitmq-node.sh"
rabbit_start || { echo "RabbitMQ did not start"; echo "0 passed, 1 failed"; exit 1; }
trap rabbit_stop EXIT

passed=0; failed=0; skipped=0; status=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

echo "== dotnet format --verify-no-changes"
if dotnet format HyperBus.sln --verify-no-changes >/tmp/hyperbus-format.log 2>&1; then add 1 0 0; else
  cat /tmp/hyperbus-format.log | tail -20; echo "format check failed"; add 0 1 0; status=1; fi

echo "== dotnet build"
if ! dotnet build HyperBus.sln -c Release -nologo -v q >/tmp/hyperbus-build.log 2>&1; then
  grep -E "error|Error" /tmp/hyperbus-build.log | sort -u | head -40
  echo "build failed"; add 0 1 0
  echo "$passed passed, $failed failed, $skipped skipped"; exit 1
fi

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  log="/tmp/hyperbus-$name.log"
  dotnet test "$project" -c Release --no-build -nologo >"$log" 2>&1
  code=$?
  line=$(grep -E "^(Passed|Failed)!" "$log" | tail -1)
  if [ -z "$line" ]; then tail -30 "$log"; echo "$name: no test summary (exit $code)"; add 0 1 0; status=1; continue; fi
  echo "$line"
  f=$(echo "$line" | sed -E 's/.*Failed: *([0-9]+).*/\1/'); p=$(echo "$line" | sed -E 's/.*Passed: *([0-9]+).*/\1/'); s=$(echo "$line" | sed -E 's/.*Skipped: *([0-9]+).*/\1/')
  add "$p" "$f" "$s"
  if [ "$code" != 0 ]; then grep -E "^\s+Failed |Error Message" -A3 "$log" | head -60; status=1; fi
done

if [ -d plugins/python/tests ]; then
  echo "== pytest plugins/python"
  log=/tmp/hyperbus-pytest.log
  (cd plugins/python && /usr/bin/python3 -m pytest -q -p no:cacheprovider tests) >"$log" 2>&1
  code=$?
  tail -15 "$log"
  line=$(tail -1 "$log")
  p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
  f=$(echo "$line" | grep -oE '[0-9]+ (failed|error|errors)' | awk '{s += $1} END {print s + 0}')
  s=$(echo "$line" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+' || echo 0)
  [ -z "$f" ] && f=0
  if [ "$code" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  add "${p:-0}" "$f" "${s:-0}"
  [ "$code" != 0 ] && status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
