#!/usr/bin/env bash
# Reads a run's Parquet outputs with pandas and pyarrow (tools/pandas/check_parquet.py): predictions, metrics,
# embeddings, coordinates and history, checked against each other and the linear-eval summary.
#
#   bash scripts/check-parquet-pandas.sh [FOLDER...]                 # default: artifacts/cache
#   bash scripts/check-parquet-pandas.sh --chroot DIR [FOLDER...]    # run it in a Debian sid chroot in DIR
#
# Uses python3 when it imports pandas and pyarrow. Debian 12 packages neither pyarrow nor a working fastparquet,
# so with --chroot it first builds (once) a minimal Debian sid tree in DIR with debootstrap and installs
# python3-pandas and python3-pyarrow there with apt (about 1 GB, several minutes; needs root and the Debian
# mirror), then runs the check inside it on a copy of the Parquet files and manifests. Not part of CI: the
# end-to-end tests read the same files with DuckDB (DuckDB.NET, in-process).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

chroot_dir=""
if [[ ${1:-} == --chroot ]]; then
  [[ $# -ge 2 ]] || { echo "check-parquet-pandas: --chroot needs a directory" >&2; exit 2; }
  chroot_dir="$(realpath -m "$2")"
  shift 2
fi
folders=("$@")
[[ ${#folders[@]} -gt 0 ]] || folders=("$repo/artifacts/cache")
for f in "${folders[@]}"; do
  [[ -d $f ]] || { echo "check-parquet-pandas: no such folder: $f" >&2; exit 2; }
done

if [[ -z $chroot_dir ]]; then
  if ! python3 -c 'import pandas, pyarrow' 2>/dev/null; then
    echo "check-parquet-pandas: this python3 cannot import pandas and pyarrow; use --chroot DIR (Debian sid)" >&2
    exit 2
  fi
  exec python3 "$repo/tools/pandas/check_parquet.py" "${folders[@]}"
fi

((EUID == 0)) || { echo "check-parquet-pandas: --chroot needs root (debootstrap, chroot)" >&2; exit 2; }
if ! chroot "$chroot_dir" python3 -c 'import pandas, pyarrow' 2>/dev/null; then
  command -v debootstrap >/dev/null || {
    apt-get -o DPkg::Lock::Timeout=900 update
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends debootstrap
  }
  if [[ ! -x $chroot_dir/usr/bin/apt-get ]]; then
    echo "check-parquet-pandas: debootstrap sid into $chroot_dir"
    debootstrap --variant=minbase sid "$chroot_dir" http://deb.debian.org/debian
  fi
  # apt, not debootstrap --include: debootstrap does not resolve virtual packages (libarrow needs one of re2's).
  echo "check-parquet-pandas: apt-get install python3-pandas python3-pyarrow in $chroot_dir"
  # The mirror served here is a snapshot whose sid Release file has expired; apt would refuse it.
  chroot "$chroot_dir" apt-get -o DPkg::Lock::Timeout=900 -o Acquire::Check-Valid-Until=false update
  chroot "$chroot_dir" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends python3-pandas python3-pyarrow
fi

work="$(mktemp -d "$chroot_dir/tmp/parquet-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"
cp "$repo/tools/pandas/check_parquet.py" "$work/"
for f in "${folders[@]}"; do
  (cd "$f" && find . \( -name '*.parquet' -o -name manifest.json \) -exec cp --parents {} "$work/data/" \;)
done
chroot "$chroot_dir" python3 "/tmp/$(basename "$work")/check_parquet.py" "/tmp/$(basename "$work")/data"
