#!/usr/bin/env bash
# Installs the Debian packages a make target needs, and only the missing ones.
# Usage: scripts/deps.sh build|test|screenshots
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail

build=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
       libxinerama-dev libxi-dev libxxf86vm-dev)
test=("${build[@]}" libxml2-utils xvfb xauth xdotool poppler-utils imagemagick)
shots=("${test[@]}" chromium)

case "${1:-}" in
  build) want=("${build[@]}") ;;
  test) want=("${test[@]}") ;;
  screenshots) want=("${shots[@]}") ;;
  *) echo "usage: $0 build|test|screenshots" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Lanemap needs these Debian packages. Run as root:" >&2
  echo "  apt-get update && $cmd" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd -qq
