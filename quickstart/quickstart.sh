#!/usr/bin/env bash
# Spillway quickstart: a local Kafka broker, a distributed Connect worker with the Spillway plugin
# archives, and a local PostgreSQL as the demo warehouse. It produces a sample "orders" stream
# (JSON, repeated headers, updates and deletes) into shop.orders, a topic standing in for a remote
# cluster, posts the Kafka source and the PostgreSQL sink configs of config-examples/, waits until
# the table is final and prints it.
#
#   quickstart/quickstart.sh              start everything (distributed worker) and show the table
#   quickstart/quickstart.sh standalone   the same with connect-standalone and properties files
#   quickstart/quickstart.sh stop         stop what it started (by process id) and delete its files
#
# Needs Java 17 and Maven only: Kafka and PostgreSQL 17 (server binaries for this OS/architecture)
# come through Maven; no root, no system package. SPILLWAY_PG_BIN=/usr/lib/postgresql/15/bin runs
# an installed PostgreSQL server instead. Ports: Kafka 19092/19093, Connect REST 18083, PostgreSQL
# 15432. Files: $SPILLWAY_QUICKSTART_DIR (/tmp/spillway-quickstart).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${SPILLWAY_QUICKSTART_DIR:-/tmp/spillway-quickstart}"
KAFKA_PORT=19092
CONTROLLER_PORT=19093
REST_PORT=18083
PG_PORT=15432
MODE="${1:-start}"

log() { printf '\033[1m[quickstart]\033[0m %s\n' "$*"; }
die() { printf '[quickstart] ERROR: %s\n' "$*" >&2; exit 1; }

# The PostgreSQL launcher (quickstart/src/main/java: the test kit's LocalPostgres, binaries from Maven).
PG_CP="$ROOT/quickstart/target/classes:$ROOT/quickstart/target/postgres-libs/*"
pg() { java -cp "$PG_CP" io.spillway.quickstart.QuickstartPostgres "$@"; }

stop_all() {
  for name in worker broker; do
    if [ -f "$WORK/$name.pid" ]; then
      local pid
      pid=$(cat "$WORK/$name.pid")
      if kill -0 "$pid" 2>/dev/null; then
        log "stopping $name (pid $pid)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$WORK/$name.pid"
    fi
  done
  if [ -f "$WORK/pg/data/postmaster.pid" ]; then
    log "stopping PostgreSQL"
    if ! pg stop "$WORK/pg"; then # the launcher is gone (mvn clean?): a fast shutdown by signal
      local pid
      pid=$(head -1 "$WORK/pg/data/postmaster.pid")
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
  fi
}

if [ "$MODE" = stop ]; then
  stop_all
  rm -rf "$WORK"
  log "stopped and removed $WORK"
  exit 0
fi
[ "$MODE" = start ] || [ "$MODE" = standalone ] || die "usage: $0 [start|standalone|stop]"
if [ -f "$WORK/pg/data/postmaster.pid" ] \
  || { [ -f "$WORK/broker.pid" ] && kill -0 "$(cat "$WORK/broker.pid")" 2>/dev/null; }; then
  die "already running: $0 stop first"
fi

# --- prerequisites ---------------------------------------------------------------------------
command -v java >/dev/null || die "Java 17 is needed"
command -v mvn >/dev/null || die "Maven is needed"
rm -rf "$WORK"
mkdir -p "$WORK"/{plugins,logs}

# --- build the plugin archives; the quickstart module brings Kafka and PostgreSQL through Maven ---
cd "$ROOT"
archive() { find "$ROOT/$1/target" -maxdepth 1 -type d -name "$1-*" 2>/dev/null | head -1; }
if [ -z "$(archive connector-kafka-source)" ] || [ -z "$(archive connector-redshift-sink)" ] \
  || [ ! -d "$ROOT/quickstart/target/kafka-libs" ] || [ ! -d "$ROOT/quickstart/target/postgres-libs" ]; then
  log "building the plugin archives and fetching Kafka 4.3.1 and PostgreSQL 17 (mvn package, tests skipped)"
  mvn -B -q -pl connector-kafka-source,connector-redshift-sink,quickstart -am package -DskipTests
fi
for module in connector-kafka-source connector-redshift-sink; do
  cp -r "$(archive $module)/$module" "$WORK/plugins/"
done
LIBS="$ROOT/quickstart/target/kafka-libs/*"
cat > "$WORK/log4j2.properties" <<EOF
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = \${sys:spillway.log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
logger.connect.name = org.apache.kafka.connect.runtime.Worker
logger.connect.level = INFO
logger.spillway.name = io.spillway
logger.spillway.level = INFO
EOF
run_java() { # name main-class args...
  local name=$1; shift
  nohup java -Xmx1g -Dlog4j2.configurationFile="$WORK/log4j2.properties" \
    -Dspillway.log.file="$WORK/logs/$name.log" -cp "$LIBS" "$@" \
    > "$WORK/logs/$name.out" 2>&1 &
  echo $! > "$WORK/$name.pid"
}

# --- PostgreSQL ------------------------------------------------------------------------------
log "starting PostgreSQL on port $PG_PORT"
pg start "$WORK/pg" "$PG_PORT" shop

# --- Kafka broker (KRaft, one node) -----------------------------------------------------------
log "starting a Kafka 4.3.1 broker on port $KAFKA_PORT"
cat > "$WORK/broker.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$CONTROLLER_PORT
listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/kafka-logs
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics come from the connectors (topic.creation.*), never from a consumer asking for one.
auto.create.topics.enable=false
EOF
CLUSTER_ID=$(java -cp "$LIBS" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
java -Dlog4j2.configurationFile="$WORK/log4j2.properties" -Dspillway.log.file="$WORK/logs/format.log" \
  -cp "$LIBS" kafka.tools.StorageTool format --standalone -t "$CLUSTER_ID" \
  -c "$WORK/broker.properties" >/dev/null
run_java broker kafka.Kafka "$WORK/broker.properties"
wait_for() { # description seconds command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  die "$what did not come up in ${seconds}s (logs: $WORK/logs)"
}
topics() { java -cp "$LIBS" -Dlog4j2.configurationFile="$WORK/log4j2.properties" \
  -Dspillway.log.file="$WORK/logs/tools.log" org.apache.kafka.tools.TopicCommand \
  --bootstrap-server "localhost:$KAFKA_PORT" "$@"; }
wait_for "the broker" 60 topics --list
topics --create --topic shop.orders --partitions 3 >/dev/null

# --- sample orders: repeated headers, updates, deletes ----------------------------------------
log "producing sample orders into shop.orders"
{
  for i in $(seq 1 20); do
    printf 'source:web,source:checkout,trace:t-%s\torder-%s\t{"id":%s,"customer":"customer-%s","status":"new","amount":%s.50,"items":[{"sku":"sku-%s","qty":%s}]}\n' \
      "$i" "$i" "$i" "$((i % 7))" "$((i * 3))" "$i" "$((i % 3 + 1))"
  done
  for i in $(seq 1 20 | awk 'NR%2==0'); do
    printf 'source:backoffice\torder-%s\t{"id":%s,"customer":"customer-%s","status":"paid","amount":%s.50,"items":[{"sku":"sku-%s","qty":%s}]}\n' \
      "$i" "$i" "$((i % 7))" "$((i * 3))" "$i" "$((i % 3 + 1))"
  done
  for i in 3 9 15; do printf 'source:backoffice\torder-%s\tNULL\n' "$i"; done
} > "$WORK/orders.txt"
java -cp "$LIBS" -Dlog4j2.configurationFile="$WORK/log4j2.properties" \
  -Dspillway.log.file="$WORK/logs/tools.log" org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "localhost:$KAFKA_PORT" --topic shop.orders \
  --reader-property parse.key=true --reader-property parse.headers=true \
  --reader-property null.marker=NULL \
  < "$WORK/orders.txt"
EXPECTED_ROWS=17  # 20 orders, 3 deleted (odd ones); the 10 even ones updated to "paid"

# --- Connect worker ---------------------------------------------------------------------------
export SPILLWAY_SOURCE_BOOTSTRAP="localhost:$KAFKA_PORT"
export POSTGRES_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/shop"
export POSTGRES_USER=spillway
export POSTGRES_PASSWORD=spillway
common_worker() {
  cat <<EOF
bootstrap.servers=localhost:$KAFKA_PORT
plugin.path=$WORK/plugins
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
offset.flush.interval.ms=2000
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
config.providers.env.param.allowlist.pattern=SPILLWAY_.*|POSTGRES_.*
listeners=http://localhost:$REST_PORT
EOF
}
rest() { curl -sS -f "$@"; }
if [ "$MODE" = standalone ]; then
  log "starting a standalone Connect worker with the two connectors' .properties files"
  { common_worker; echo "offset.storage.file.filename=$WORK/connect.offsets"; } > "$WORK/worker.properties"
  run_java worker org.apache.kafka.connect.cli.ConnectStandalone "$WORK/worker.properties" \
    "$ROOT/config-examples/kafka-source/local-orders.properties" \
    "$ROOT/config-examples/redshift-sink/postgresql-latest.properties"
  wait_for "the Connect worker" 90 rest "http://localhost:$REST_PORT/connectors/postgresql-latest-sink/status"
else
  log "starting a distributed Connect worker (REST on port $REST_PORT)"
  { common_worker; cat <<EOF
group.id=spillway-quickstart
config.storage.topic=spillway-quickstart-configs
offset.storage.topic=spillway-quickstart-offsets
status.storage.topic=spillway-quickstart-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
EOF
  } > "$WORK/worker.properties"
  run_java worker org.apache.kafka.connect.cli.ConnectDistributed "$WORK/worker.properties"
  wait_for "the Connect worker" 90 rest "http://localhost:$REST_PORT/connector-plugins"
  for config in kafka-source/local-orders.json redshift-sink/postgresql-latest.json; do
    log "POST /connectors  config-examples/$config"
    rest -X POST -H 'Content-Type: application/json' \
      --data @"$ROOT/config-examples/$config" "http://localhost:$REST_PORT/connectors" >/dev/null
  done
fi

# --- wait for the final table -----------------------------------------------------------------
log "waiting for $EXPECTED_ROWS final rows in PostgreSQL table shop.public.orders"
for second in $(seq 1 120); do
  counts=$(pg rows "$WORK/pg" shop \
    "SELECT count(*), count(*) FILTER (WHERE value_status = 'paid') FROM orders" 2>/dev/null \
    || echo "0 0")
  read -r rows paid <<< "$counts"
  printf '\r[quickstart] %3ss: %s rows, %s paid' "$second" "${rows:-0}" "${paid:-0}"
  if [ "${rows:-0}" = "$EXPECTED_ROWS" ] && [ "${paid:-0}" = 10 ]; then break; fi
  [ "$second" = 120 ] && { echo; die "the table did not reach its final state (logs: $WORK/logs)"; }
  sleep 1
done
echo
pg table "$WORK/pg" shop 'SELECT key, value_status AS status, value_amount AS amount,
  value_customer AS customer, headers, "partition", "offset" FROM orders ORDER BY value_id'
for connector in local-orders-source postgresql-latest-sink; do
  rest "http://localhost:$REST_PORT/connectors/$connector/status"; echo
done
log "running; Connect REST http://localhost:$REST_PORT, PostgreSQL 127.0.0.1:$PG_PORT (spillway/spillway, database shop)"
log "stop and clean up with: $0 stop"
