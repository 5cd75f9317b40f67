#!/usr/bin/env bash
# Installs every Debian package fupin needs to build, test and read its output. Idempotent: when
# everything is present it changes nothing. Runs as root, or through sudo otherwise.
set -euo pipefail

packages=(
  build-essential cmake
  libboost-graph-dev libtbb-dev libyaml-cpp-dev libhdf5-dev zlib1g-dev hdf5-tools
  libcli11-dev libspdlog-dev libfmt-dev librandom123-dev libmuparser-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-h5py python3-pandas python3-xarray python3-h5netcdf
  time
  # tests of `fupin report`: the page rendered in headless Chromium, Chinese labels in its screenshots
  chromium fonts-wqy-microhei
  clang-14 libfuzzer-14-dev
  # scripts/format.sh (--check runs in CI) and scripts/tidy.sh
  clang-format clang-tidy
  # the MPI build of `fupin sweep` (-DFUPIN_MPI=ON, docs/cluster.md)
  libopenmpi-dev openmpi-bin
  # where the heap's peak goes (bench/README.md, "Memory per household")
  heaptrack
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "bootstrap: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "bootstrap: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
