#!/usr/bin/env bash
# Shared by packaging/bin/lark-test and packaging/bin/lark-demo (source it; it defines functions only).

# Installs the Debian packages the sandbox needs, running apt-get update + install only when something is missing.
#   usage: lark_system_packages [extra-command:package ...]   e.g. lark_system_packages socat:socat
lark_system_packages() {
  local need=()
  command -v gcc >/dev/null || need+=(gcc)
  command -v ip >/dev/null || need+=(iproute2)
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
  command -v npm >/dev/null || need+=(npm)
  local extra
  for extra in "$@"; do
    command -v "${extra%%:*}" >/dev/null || need+=("${extra#*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing Debian packages: ${need[*]}"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
  fi
}

# Exports LARK_LINEAGE_ATLAS_URL/USER/PASSWORD of the sandbox's Atlas (when it has published its endpoints), so a
# DolphinScheduler started afterwards sends the Lark tasks' lineage there. Returns 1 when Atlas has no endpoints yet.
lark_lineage_env() {
  local atlas_run="${LARK_RUN_DIR:-${LARK_CACHE:-$HOME/.cache/lark}/run}/atlas"
  [ -f "$atlas_run/endpoints.properties" ] || return 1
  # values of a Java properties file: "http\://..." -> "http://..."
  LARK_LINEAGE_ATLAS_URL=$(sed -n 's/^restUrl=//p' "$atlas_run/endpoints.properties" | sed 's/\\//g')
  LARK_LINEAGE_ATLAS_USER=$(sed -n 's/^user=//p' "$atlas_run/endpoints.properties")
  LARK_LINEAGE_ATLAS_PASSWORD=$(cat "$atlas_run/admin.password" 2>/dev/null)
  export LARK_LINEAGE_ATLAS_URL LARK_LINEAGE_ATLAS_USER LARK_LINEAGE_ATLAS_PASSWORD
}
