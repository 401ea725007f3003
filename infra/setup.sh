#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what ServicePulse needs on a Debian/Ubuntu machine: Java 17+, Maven, the
# ClickHouse server package, Node.js/npm (the dashboards' queries are also checked on
# ClickHouse 26.x through chDB, an npm package), and Chromium with its driver and a CJK font (the
# review console's browser test). Idempotent: installs only what is missing and says what it did.
# Usage: infra/setup.sh [--quiet]   (--quiet: print only when something gets installed)
set -euo pipefail

quiet=false
if [[ "${1:-}" == "--quiet" ]]; then
  quiet=true
elif [[ $# -gt 0 ]]; then
  echo "Usage: $0 [--quiet]" >&2
  exit 2
fi

say() { echo "setup: $*"; }

java_major() {
  # "17.0.15" -> 17, "1.8.0_392" -> 8
  java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'
}

have_java17() { command -v java >/dev/null 2>&1 && [[ "$(java_major)" -ge 17 ]]; }

# The same places LocalStack looks for the server (Debian: /usr/sbin, upstream: /usr/bin).
have_clickhouse_server() {
  command -v clickhouse-server >/dev/null 2>&1 || [[ -x /usr/sbin/clickhouse-server ]] \
    || [[ -x /usr/bin/clickhouse-server ]] || [[ -x /usr/bin/clickhouse ]]
}

packages=()
have_java17 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
have_clickhouse_server || packages+=(clickhouse-server)
command -v clickhouse-client >/dev/null 2>&1 || [[ -x /usr/bin/clickhouse ]] || packages+=(clickhouse-client)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# The review console's browser test (review/, Selenium) drives Debian's Chromium headless; a CJK
# font makes its screenshots legible.
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
[[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]] || packages+=(fonts-wqy-zenhei)

if [[ ${#packages[@]} -eq 0 ]]; then
  $quiet || say "Java $(java_major), Maven, ClickHouse, npm and Chromium are installed; nothing to do."
  exit 0
fi

sudo=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { say "need root to install ${packages[*]}; run as root or install sudo." >&2; exit 1; }
  sudo=(sudo)
fi

say "installing ${packages[*]} with apt-get..."
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
for package in "${packages[@]}"; do
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    say "this distribution has no '$package' package." >&2
    say "Install ClickHouse from https://clickhouse.com/docs/install (any version >= 18.16) and rerun." >&2
    exit 1
  fi
done
# The packages try to start ClickHouse as a system service; in containers this prints
# "invoke-rc.d: policy-rc.d denied execution of start", which is fine: LocalStack runs its own server.
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"

have_java17 || { say "Java 17 is installed but 'java' is still $(java_major); run: update-alternatives --config java" >&2; exit 1; }
say "installed ${packages[*]}."
