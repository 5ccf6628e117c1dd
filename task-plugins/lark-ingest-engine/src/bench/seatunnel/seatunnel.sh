#!/usr/bin/env bash
# Runs one SeaTunnel 2.3.4 job in local mode (the Zeta engine inside this one JVM), as the distribution's
# bin/seatunnel.sh does, from the jars install.sh lays out.
#   usage: seatunnel.sh job.conf [extra JVM options...]        heap: SEATUNNEL_HEAP (default 512m)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$("$here/install.sh")
conf=$1; shift
# -Dchc_compress=false: the ClickHouse connector's clickhouse-http-client 0.3.2-patch11 asks for compressed
# responses and rejects what ClickHouse 26.7 sends ("Magic is not correct - expect [-126] but got [-96]"). Its
# schema lookup ignores `clickhouse.config`, so the option's JVM-wide default (system property chc_<option>) is the
# only switch that reaches it.
# The --add-* options are the ones Hazelcast (Zeta's cluster layer) asks for on Java 9+.
exec java -Xms256m -Xmx"${SEATUNNEL_HEAP:-512m}" -Dchc_compress=false \
  --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  "$@" \
  -DSEATUNNEL_HOME="$home" -Dseatunnel.config="$home/config/seatunnel.yaml" \
  -Dhazelcast.config="$home/config/hazelcast.yaml" -Dhazelcast.client.config="$home/config/hazelcast-client.yaml" \
  -Dlog4j2.configurationFile="$home/config/log4j2_client.properties" \
  -cp "$home/lib/*:$home/starter/*" org.apache.seatunnel.core.starter.seatunnel.SeaTunnelClient \
  --config "$conf" -m local
