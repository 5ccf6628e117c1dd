#!/usr/bin/env bash
# Copies the Lark plugin jar into every DolphinScheduler 3.1.x server of one installation and removes an older Lark
# jar there. The API server (validates task params), the master (parses them) and the worker (runs them) all need it.
#   usage: ./install.sh <DS_HOME>      (DS_HOME = the unpacked apache-dolphinscheduler-3.1.x-bin directory)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ds_home=${1:-${DOLPHINSCHEDULER_HOME:-}}
if [ -z "$ds_home" ] || [ ! -d "$ds_home" ]; then
  echo "usage: $0 <DS_HOME>  (the DolphinScheduler installation directory; got '${ds_home}')" >&2
  exit 2
fi
shopt -s nullglob
jars=("$here"/libs/*.jar)
if [ ${#jars[@]} -eq 0 ]; then
  echo "no jars in $here/libs: this bundle is incomplete" >&2
  exit 1
fi
installed=0
for libs in api-server/libs master-server/libs worker-server/libs standalone-server/libs/standalone-server; do
  target="$ds_home/$libs"
  [ -d "$target" ] || continue
  rm -f "$target"/lark-dolphinscheduler-plugins-*.jar
  cp "${jars[@]}" "$target/"
  echo "installed into $target"
  installed=$((installed + 1))
done
if [ "$installed" -eq 0 ]; then
  echo "no api-server/libs, master-server/libs, worker-server/libs or standalone-server/libs/standalone-server under $ds_home" >&2
  exit 1
fi
echo "restart the DolphinScheduler servers to load the plugins"
