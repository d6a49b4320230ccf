# Sourced by the benches: wait_serving LOG... returns once every `hyperbus host` / `hyperbus worker` writing
# those logs has said it serves (after its start-up warm-up), then 2 s more for the bus to start; fails after 120 s.
wait_serving() {
  local began=$SECONDS log
  for log in "$@"; do
    until grep -qs "hyperbus host: serving\|hyperbus worker: \|worker .* serving .* from " "$log"; do
      [ $((SECONDS - began)) -lt 120 ] || { echo "not serving after 120 s: $log"; cat "$log"; return 1; }
      sleep 0.2
    done
  done
  sleep 2
}
