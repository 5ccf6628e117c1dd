#!/usr/bin/env bash
# The whole side-by-side cleaning run on the same records: Lark + raw Jackson + Flink SQL (flink/run.sh), then
# SeaTunnel 2.3.4 transforms (seatunnel/run.sh). Prints one RESULT line per engine and shape.
#   usage: src/bench/run.sh [records]      (from task-plugins/lark-clean-engine; default 500,000 per shape)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/flink/run.sh" "${1:-500000}"
"$here/seatunnel/run.sh" "${1:-500000}"
