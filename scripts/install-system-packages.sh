#!/usr/bin/env bash
# The Debian packages wb needs on a developer machine, a worker or CI. Idempotent; run as root.
# `--check` installs nothing: it prints the missing packages, one per line, and exits 1 if any
# are missing (npm start and npm test ask it first; scripts/lib.js).
#   g++, make                       build libwb and compile the C++ labs' programs
#   python3                         node-gyp, which builds the similarity reports' tree-sitter grammars at npm ci
#   libcurl4-openssl-dev, pkg-config  build the `wb` command-line client
#   libseccomp-dev                  the worker's sandbox launcher, which makes each box's namespaces
#                                   itself and builds its seccomp filters with libseccomp
#   pocl-opencl-icd, ocl-icd-opencl-dev, opencl-headers   OpenCL labs on CPU workers (PoCL)
set -euo pipefail
packages=(g++ make python3 libcurl4-openssl-dev pkg-config libseccomp-dev pocl-opencl-icd ocl-icd-opencl-dev opencl-headers chromium)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${1:-}" = "--check" ]; then
  [ ${#missing[@]} -eq 0 ] && exit 0
  printf '%s\n' "${missing[@]}"
  exit 1
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "all Debian packages present: ${packages[*]}"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
