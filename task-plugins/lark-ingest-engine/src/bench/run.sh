#!/usr/bin/env bash
# The ingestion benchmark in one command: MariaDB -> ClickHouse by Lark, SeaTunnel 2.3.4 and a plain JDBC copy, one
# after the other in one run (IngestBenchmarkIT), which rewrites docs/benchmarks/ingest.md.
#   usage: task-plugins/lark-ingest-engine/src/bench/run.sh [rows]      (default 10,000,000; run from anywhere)
# Online once (Maven Central) for the build and SeaTunnel's jars; the test itself runs offline inside the sandbox's
# network namespace (LARK_NETNS_NAME, default "lark"), starting MariaDB and ClickHouse if they are not up.
set -euo pipefail
rows=${1:-10000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cd "$root"
"$here/seatunnel/install.sh" >/dev/null
mvn -q -B install -pl packaging/lark-cli,task-plugins/lark-ingest-engine -am -DskipTests
packaging/bin/lark-netns mvn -o -B verify -Pit -DskipUTs=true -pl task-plugins/lark-ingest-engine \
  -Dit.test=IngestBenchmarkIT -Dlark.bench.rows="$rows" -Dlark.root="$root"
