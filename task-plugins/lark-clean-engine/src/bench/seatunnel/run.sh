#!/usr/bin/env bash
# Side by side on the same records: SeaTunnel 2.3.4 transforms (Zeta engine, local mode, parallelism 1) cleaning the
# files the Flink side uses (same generator, BenchData). Needs the engine's test classes (see ../flink/run.sh) and
# SeaTunnel's jars, which lark-ingest-engine/src/bench/seatunnel/install.sh lays out in ~/.cache/lark/seatunnel-2.3.4
# (Maven Central, first time only). Zeta starts an embedded Hazelcast member on 127.0.0.1:5801+, so the JVM runs in
# the sandbox's loopback-only network namespace (packaging/bin/lark-netns; LARK_NETNS_NAME picks which).
#   usage: src/bench/seatunnel/run.sh [records] [names]    (from task-plugins/lark-clean-engine)
set -euo pipefail
n=${1:-500000}
only=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
st=$("$module/../lark-ingest-engine/src/bench/seatunnel/install.sh")
work="$module/target/bench-seatunnel"
data="$module/target/bench-flink/data"
mkdir -p "$work/classes" "$data"
cd "$module"
if [[ "$(wc -l <"$data/flat.txt" 2>/dev/null || echo 0)" -ne "$n" ]]; then
  cp=$(mvn -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
  java -cp "target/test-classes:target/classes:$cp" dev.lark.clean.bench.BenchData "$data" "$n"
fi
javac -d "$work/classes" -cp "$st/starter/*:$st/lib/*" "$here/SeaTunnelCleanBench.java"
# same JVM options as lark-ingest-engine/src/bench/seatunnel/seatunnel.sh
"$module/../../packaging/bin/lark-netns" java -Xmx1g --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -DSEATUNNEL_HOME="$st" -Dseatunnel.config="$st/config/seatunnel.yaml" -Dhazelcast.config="$st/config/hazelcast.yaml" \
  -Dhazelcast.client.config="$st/config/hazelcast-client.yaml" -Dlog4j2.configurationFile="$st/config/log4j2_client.properties" \
  -cp "$work/classes:$st/lib/*:$st/starter/*" SeaTunnelCleanBench "$data" "$n" "$work" "$only" >"$work/run.log" 2>&1 || true
grep -E 'RESULT|Exception|Caused|ERROR' "$work/run.log" | grep -v '^\s*at ' | head -20
