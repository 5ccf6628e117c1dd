#!/usr/bin/env bash
# Screenshots of the Atlas web UI for a table Lark's lineage hook delivered: its lineage graph and its DataQuality
# business metadata, written to docs/images/ (atlas-lineage.png, atlas-data-quality.png).
#   1. Debian's chromium, only if missing (apt-get)
#   2. playwright-core, pinned by package-lock.json, into ~/.cache/lark/atlas-screenshots (npm ci; online, once)
#   3. with --emit: AtlasLineageIT's chain test delivers a fresh MariaDB -> ingest -> ClickHouse ODS -> load ->
#      ClickHouse DWD chain with column lineage and a failing quality check to the sandbox Atlas (needs the build:
#      mvn install -DskipTests)
#   4. shot.mjs inside the loopback-only network namespace "lark", where the sandbox Atlas listens
#
#   usage: packaging/tools/atlas-screenshots/run.sh [--emit] [shot.mjs options]
#          shot.mjs options: --guid G | --type T --qualified-name QN, --status PASSED|FAILED, --out-dir DIR
#   Atlas must be up: packaging/bin/lark-netns packaging/bin/lark sandbox up --with atlas
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
source "$root/packaging/bin/lib.sh"

emit=false
if [ "${1:-}" = "--emit" ]; then
  emit=true
  shift
fi

lark_system_packages chromium:chromium
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "atlas-screenshots: playwright-core needs Node.js 20 or newer, this is $(node --version)" >&2
  exit 1
fi

deps="${LARK_CACHE:-$HOME/.cache/lark}/atlas-screenshots"
mkdir -p "$deps"
if ! cmp -s "$here/package-lock.json" "$deps/package-lock.json" || [ ! -d "$deps/node_modules/playwright-core" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$deps/"
  (cd "$deps" && npm ci --no-audit --no-fund --loglevel=error)
fi

if $emit; then
  packaging/bin/lark-netns mvn -o -B -ntp verify -Pit -DskipUTs=true -pl packaging/lark-it \
    -Dit.test='AtlasLineageIT#lineageApiReturnsTheChainThroughTheTaskProcessesWithExecutionsColumnsAndQuality'
fi

exec packaging/bin/lark-netns env LARK_SCREENSHOTS_DEPS="$deps" node "$here/shot.mjs" "$@"
