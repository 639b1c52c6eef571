#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages Stepwise builds and tests with; only what is
# missing, so running it again is cheap. `make` calls it before the first build.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libsimdjson-dev        # JSON parsing
  libgtest-dev libgmock-dev googletest   # unit tests
  libbenchmark-dev       # microbenchmarks
  time                   # /usr/bin/time: peak memory of both engines in make bench
  libcli11-dev           # command-line parsing
  libssl-dev             # hashes (MD5, SHA-*) and, later, TLS
  libboost-dev           # Boost.Asio: the scheduler's event loop and worker pool
  libjemalloc-dev        # the program's allocator
  libsqlite3-dev         # the service's embedded store
  libpcre2-dev           # JSONata's regular expressions (JavaScript semantics)
  awscli python3-boto3   # the service's tests with real AWS clients
  wrk curl               # make bench: StartExecution requests per second over HTTP
  clang libclang-rt-14-dev   # libFuzzer and sanitizer runtimes for the fuzz targets
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
