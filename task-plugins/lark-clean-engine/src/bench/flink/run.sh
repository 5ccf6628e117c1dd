#!/usr/bin/env bash
# Side by side on the same records: Lark (one thread) vs Flink SQL built-ins (batch, parallelism 1), four shapes.
# Needs the Flink 1.20.3 distribution the sandbox caches in ~/.cache/lark/flink (lark sandbox up flink resolves it)
# and the engine's test classes: mvn -B -pl task-plugins/lark-clean-engine -am install -DskipUTs=true
#   usage: src/bench/flink/run.sh [records]      (from task-plugins/lark-clean-engine)
set -euo pipefail
n=${1:-500000}
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
flink=${FLINK_HOME:-$HOME/.cache/lark/flink}
work="$module/target/bench-flink"
mkdir -p "$work/classes" "$work/data"
cd "$module"
cp=$(mvn -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -cp "target/test-classes:target/classes:$cp" dev.lark.clean.bench.BenchData "$work/data" "$n"
java -Xmx1g -cp "target/test-classes:target/classes:$cp" dev.lark.clean.bench.LarkFileBench "$work/data"
javac -d "$work/classes" -cp "$flink/lib/*" "$here/FlinkSqlCleanBench.java"
java -Xmx1g --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  -Dlog4j2.level=WARN -cp "$work/classes:$flink/lib/*" FlinkSqlCleanBench "$work/data" "$n" 2>&1 \
  | grep -v 'MiniCluster is not yet running' | grep -E "RESULT|CHECK|Exception|Caused" || true
# (the collect() of the nested check logs "MiniCluster is not yet running" after its batch job ends: harmless)
