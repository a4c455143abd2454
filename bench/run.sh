#!/usr/bin/env bash
# One benchmark command: builds Release and prints every figure of docs/benchmarks.md, each the median of
# several runs, with the machine's core count, and beside it the same work in PyTorch / torchvision /
# scikit-learn when Debian's python3-torch, python3-torchvision, python3-sklearn are installed.
#
#   bash bench/run.sh                 # full (about 15-25 min on 2 cores)
#   bash bench/run.sh --quick         # fewer repetitions (about 5-8 min)
#   bash bench/run.sh --install-baselines   # first apt-get install the Python comparison packages + OpenBLAS
#
# Debian's numpy and torch use the slow reference BLAS unless OpenBLAS is installed; when
# libopenblas0-pthread is present its folder is put first on LD_LIBRARY_PATH. Only the Python processes use a
# system BLAS (libtorch bundles its own, our t-SNE uses none), so this changes the baselines, not our figures.
# Nothing here asserts on time; it prints numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --install-baselines)
            sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
            "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 update
            DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends \
                python3-torch python3-torchvision python3-sklearn libopenblas0-pthread
            ;;
        *) echo "unknown argument '$arg'; use --quick or --install-baselines" >&2; exit 2 ;;
    esac
done

# The comparisons use Debian's python3 (python3-torch and python3-sklearn install there), not a pyenv/venv one.
export PATH="/usr/bin:$PATH"

openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [[ -d $openblas ]]; then
    export LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    blas="OpenBLAS ($openblas first on LD_LIBRARY_PATH for the Python baselines)"
else
    blas="reference BLAS (install libopenblas0-pthread for a fair Python comparison)"
fi

runs=5; tsne_repeats=3
if [[ $quick == 1 ]]; then runs=3; tsne_repeats=1; fi

echo "== build (Release)"
for p in orchestrator/Pipeline.Orchestrator.csproj bench/Pipeline.Bench bench/Pipeline.Bench.Train bench/Pipeline.Bench.Augment bench/Pipeline.Bench.Tsne; do
    dotnet build -c Release --nologo -v quiet "$p" >/dev/null
done
dll() { find "$1/bin/Release" -name "$2.dll" -path '*net10.0*' | head -n 1; }

echo
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
# The model name alone ("AMD EPYC" on a VM) hides what matters most for libtorch here: the vector extensions.
simd=$(grep -m1 -o -w 'avx512f\|avx2' /proc/cpuinfo | head -n 1 || true)
[[ $(grep -m1 -c -w avx512f /proc/cpuinfo) -gt 0 ]] && simd="AVX-512" || simd="${simd:+AVX2, }no AVX-512"
echo "   CPU family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ') model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), $simd"
echo "   .NET $(dotnet --version), TorchSharp 0.107.0 (libtorch 2.10, CPU), BLAS for Python: $blas"
python3 -c 'import torch; print("   PyTorch", torch.__version__)' 2>/dev/null || echo "   PyTorch: not installed (bash bench/run.sh --install-baselines)"
python3 -c 'import sklearn; print("   scikit-learn", sklearn.__version__)' 2>/dev/null || echo "   scikit-learn: not installed"

echo
echo "== training step, pretrain epoch, resident memory across epochs (bench/Pipeline.Bench.Train)"
dotnet "$(dll bench/Pipeline.Bench.Train Pipeline.Bench.Train)" --runs "$runs" --batch 128 --epoch-steps 8 --rss-epochs 6

echo
echo "== SimCLR augmentation at 96 px (bench/Pipeline.Bench.Augment)"
dotnet "$(dll bench/Pipeline.Bench.Augment Pipeline.Bench.Augment)" --runs "$runs"

echo
echo "== t-SNE, 8,000 x 512 to 3-D (bench/Pipeline.Bench.Tsne)"
tsne_args=(--repeats "$tsne_repeats")
python3 -c "import sklearn" 2>/dev/null && tsne_args+=(--sklearn)
[[ $quick == 1 ]] && tsne_args+=(--quick)
dotnet "$(dll bench/Pipeline.Bench.Tsne Pipeline.Bench.Tsne)" "${tsne_args[@]}"

echo
echo "== orchestration: validate/plan, sweeps, download, smoke pipeline, evaluation stages (bench/Pipeline.Bench)"
bench_args=(--orchestrator "$(dll orchestrator Pipeline.Orchestrator)")
[[ $quick == 1 ]] && bench_args+=(--quick)
dotnet "$(dll bench/Pipeline.Bench Pipeline.Bench)" "${bench_args[@]}"
