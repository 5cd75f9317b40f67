#!/usr/bin/env bash
# Formats fupin's C++ (sim/ models/ output/ app/ tests/ bench/) with clang-format and the
# repository's .clang-format.
#   bash scripts/format.sh           rewrite the files in place
#   bash scripts/format.sh --check   change nothing; list the files that would change, exit 1 if any
#   bash scripts/format.sh FILE...   only these files (also with --check)
# Uses /usr/bin/clang-format (Debian 12: clang-format 14; `apt-get install clang-format`). Other
# clang-format versions may format a few constructs differently, so use this one.
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format=${CLANG_FORMAT:-/usr/bin/clang-format}
if [[ ! -x $clang_format ]]; then
  echo "format: $clang_format not found; install it with: apt-get install clang-format" >&2
  exit 2
fi

check=0
if [[ ${1:-} == --check ]]; then
  check=1
  shift
fi

files=()
if (($# > 0)); then
  files=("$@")
else
  while IFS= read -r -d '' f; do files+=("$f"); done < <(
    find sim models output app tests bench -type f \
      \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) -print0 | sort -z)
fi

if ((check == 0)); then
  "$clang_format" -i --style=file "${files[@]}"
  echo "format: formatted ${#files[@]} files"
  exit 0
fi

unformatted=()
for f in "${files[@]}"; do
  # --dry-run --Werror fails on the first would-be change; its messages are not needed here.
  if ! report=$("$clang_format" --style=file --dry-run --Werror "$f" 2>&1); then
    unformatted+=("$f")
  fi
done
if ((${#unformatted[@]} > 0)); then
  printf '%s\n' "${unformatted[@]}"
  echo "format: ${#unformatted[@]} of ${#files[@]} files are not formatted (run bash scripts/format.sh)" >&2
  exit 1
fi
echo "format: all ${#files[@]} files are formatted"
