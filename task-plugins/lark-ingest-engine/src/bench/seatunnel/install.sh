#!/usr/bin/env bash
# Lays out a local SeaTunnel 2.3.4 (Zeta engine, `-e local`) from Maven Central jars in
# ${SEATUNNEL_HOME:-${LARK_CACHE:-~/.cache/lark}/seatunnel-2.3.4}: starter/, lib/, connectors/ (+ plugin-mapping),
# config/. Idempotent: a marker with the hash of pom.xml and this script skips a second run. Needs network only the
# first time (Maven resolves into ~/.m2; pass -o in MVN_FLAGS to stay offline). Prints SEATUNNEL_HOME.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${SEATUNNEL_HOME:-${LARK_CACHE:-$HOME/.cache/lark}/seatunnel-2.3.4}
stamp=$(cat "$here/pom.xml" "$0" | sha256sum | cut -c1-64)
if [[ -f "$home/resolved.sha256" && "$(cat "$home/resolved.sha256")" == "$stamp" ]]; then
  echo "$home"; exit 0
fi
mkdir -p "$home"
rm -rf "$home/starter" "$home/lib" "$home/connectors"
mvn -B -q ${MVN_FLAGS:-} -f "$here/pom.xml" validate -Dseatunnel.home="$home" >"$home/resolve.log" 2>&1 \
  || { echo "Maven could not resolve SeaTunnel 2.3.4, see $home/resolve.log:" >&2; tail -5 "$home/resolve.log" >&2; exit 1; }
rm -rf "$here/target"
# plugin name -> jar prefix (the entries of SeaTunnel 2.3.4's own plugin-mapping.properties for these connectors)
cat >"$home/connectors/plugin-mapping.properties" <<'MAP'
seatunnel.source.Jdbc = connector-jdbc
seatunnel.sink.Jdbc = connector-jdbc
seatunnel.source.Clickhouse = connector-clickhouse
seatunnel.sink.Clickhouse = connector-clickhouse
seatunnel.source.LocalFile = connector-file-local
seatunnel.sink.LocalFile = connector-file-local
seatunnel.sink.Console = connector-console
seatunnel.sink.Assert = connector-assert
seatunnel.source.FakeSource = connector-fake
MAP
mkdir -p "$home/config"
# Zeta in local mode starts an embedded Hazelcast member: loopback only, no REST API, checkpoints on local disk.
cat >"$home/config/hazelcast.yaml" <<'YAML'
hazelcast:
  cluster-name: lark-bench
  network:
    rest-api:
      enabled: false
    interfaces:
      enabled: true
      interfaces:
        - 127.0.0.1
    join:
      multicast:
        enabled: false
      tcp-ip:
        enabled: true
        member-list:
          - 127.0.0.1
    port:
      auto-increment: true
      port: 5801
  properties:
    hazelcast.logging.type: log4j2
    hazelcast.socket.bind.any: false
    hazelcast.phone.home.enabled: false
YAML
cat >"$home/config/hazelcast-client.yaml" <<'YAML'
hazelcast-client:
  cluster-name: lark-bench
  properties:
    hazelcast.logging.type: log4j2
  network:
    cluster-members:
      - 127.0.0.1:5801
YAML
cat >"$home/config/seatunnel.yaml" <<YAML
seatunnel:
  engine:
    backup-count: 0
    queue-type: blockingqueue
    print-execution-info-interval: 10
    print-job-metrics-info-interval: 10
    slot-service:
      dynamic-slot: true
    checkpoint:
      interval: 600000
      timeout: 600000
      storage:
        type: hdfs
        max-retained: 1
        plugin-config:
          namespace: $home/checkpoint/
          storage.type: hdfs
          fs.defaultFS: file:///
YAML
cat >"$home/config/log4j2_client.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
appender.out.name = out
appender.out.type = CONSOLE
appender.out.target = SYSTEM_OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = %d{HH:mm:ss} %-5p [%c{1}] - %m%n
logger.hz.name = com.hazelcast
logger.hz.level = WARN
LOG
echo "$stamp" >"$home/resolved.sha256"
echo "$home"
