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

