# Starts and stops a private RabbitMQ node from Debian's rabbitmq-server in a temporary folder, so tests
# never touch a system broker. Source it, then: rabbit_start; ...; rabbit_stop.
# Exports HYPERBUS_TEST_RABBITMQ (amqp URL) and HYPERBUS_TEST_RABBITMQ_NODE (for rabbitmqctl -n).

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

rabbit_start() {
  RABBIT_DIR=$(mktemp -d /tmp/hyperbus-rabbit.XXXXXX)
  local port dist
  port=$(free_port); dist=$(free_port)
  export RABBIT_NODE="hyperbus-test-$$@localhost"
  mkdir -p "$RABBIT_DIR/mnesia" "$RABBIT_DIR/log" "$RABBIT_DIR/home"
  echo '[].' >"$RABBIT_DIR/enabled_plugins"
  cat >"$RABBIT_DIR/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users = none
consumer_timeout = 86400000
CONF
  # An Erlang cookie of our own so rabbitmqctl works for this node whoever runs it.
  echo "hyperbustestcookie$$" >"$RABBIT_DIR/home/.erlang.cookie"; chmod 400 "$RABBIT_DIR/home/.erlang.cookie"
  export HOME_BEFORE_RABBIT="$HOME"
  (
    export HOME="$RABBIT_DIR/home" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist" \
      RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DIR/log" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq" \
      RABBITMQ_PID_FILE="$RABBIT_DIR/rabbit.pid"
    nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$RABBIT_DIR/server.out" 2>&1 &
  )
  export RABBITMQ_CTL_HOME="$RABBIT_DIR/home"
  for _ in $(seq 1 60); do [ -f "$RABBIT_DIR/rabbit.pid" ] && break; sleep 0.5; done
  if ! HOME="$RABBIT_DIR/home" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$RABBIT_NODE" wait --timeout 60 "$RABBIT_DIR/rabbit.pid" >/dev/null 2>&1; then
    tail -20 "$RABBIT_DIR/server.out"; return 1
  fi
  export HYPERBUS_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$port/"
  export HYPERBUS_TEST_RABBITMQ_NODE="$RABBIT_NODE"
  export HYPERBUS_TEST_RABBITMQ_HOME="$RABBIT_DIR/home"
  echo "RabbitMQ node $RABBIT_NODE on port $port"
}

rabbit_stop() {
  [ -n "${RABBIT_DIR:-}" ] || return 0
  HOME="$RABBIT_DIR/home" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$RABBIT_NODE" shutdown >/dev/null 2>&1 || true
  # epmd came up with our node; stop it too unless another Erlang node still uses it.
  sleep 1
  pgrep -x beam.smp >/dev/null || epmd -kill >/dev/null 2>&1 || true
  rm -rf "$RABBIT_DIR"
  RABBIT_DIR=
}
