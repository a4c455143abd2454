#!/usr/bin/env bash
# shellcheck disable=SC2030,SC2031  # each (...) block counts its own failures and returns them
# Usage: selftest.sh [BASE_DIR]
#
# End-to-end check of install.sh/start.sh/stop.sh: starts two private
# clusters (BASE_DIR/a and BASE_DIR/b; default: a fresh mktemp dir), runs
# jobs on both (trivial job, scancel of a sleep, afterok dependency, failed
# dependency), stops both and verifies that no process they started is left.
# Prints timings. Exit status 0 = all checks passed.
# SLURM_SELFTEST_TIMEOUT_JOB=1 additionally checks a --time=0:01 job is
# killed by the time limit (takes about 90 s).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE=${1:-$(mktemp -d /tmp/slurm-selftest.XXXXXX)}
A=$BASE/a
B=$BASE/b
failures=0

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
ok() { echo "ok   - $*"; }
bad() { echo "FAIL - $*"; failures=$((failures + 1)); }

cleanup() {
  "$HERE/stop.sh" "$A" 2>/dev/null || true
  "$HERE/stop.sh" "$B" 2>/dev/null || true
}
trap cleanup EXIT

# job_state DIR ID: the job's state via scontrol (e.g. COMPLETED).
job_state() {
  SLURM_CONF=$1/slurm.conf scontrol show job "$2" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p'
}
# wait_state DIR ID STATE SECONDS
wait_state() {
  local end=$((SECONDS + $4))
  while ((SECONDS < end)); do
    [[ $(job_state "$1" "$2") == "$3" ]] && return 0
    sleep 0.05
  done
  return 1
}

t=$(now); "$HERE/install.sh"; echo "# install.sh: $(elapsed "$t") s"

t=$(now); "$HERE/start.sh" "$A" >/dev/null; echo "# start.sh $A: $(elapsed "$t") s"
t=$(now); "$HERE/start.sh" "$B" >/dev/null; echo "# start.sh $B: $(elapsed "$t") s"
mine=$(for d in "$A" "$B"; do cat "$d"/pids/munged "$d"/pids/slurmctld "$d"/pids/slurmd; done | tr '\n' ' ')

(
  failures=0
  # shellcheck disable=SC1091
  source "$A/env.sh"
  cd "$A"

  # 1. trivial job
  t=$(now)
  id=$(sbatch --parsable -o "$A/hi.out" --wrap 'echo hi')
  if wait_state "$A" "$id" COMPLETED 20; then ok "trivial job $id COMPLETED in $(elapsed "$t") s"; else bad "trivial job $id: $(job_state "$A" "$id")"; fi
  [[ $(cat "$A/hi.out") == hi ]] && ok "job output" || bad "job output: $(cat "$A/hi.out")"
  sleep 0.2
  if sacct -c -j "$id" -n -o state | grep -q COMPLETED; then ok "sacct -c shows COMPLETED"; else bad "sacct -c: $(sacct -c -j "$id")"; fi

  # 2. scancel kills the job's processes
  marker="sleep 100.$RANDOM"   # unique command line to find the process by
  id=$(sbatch --parsable -o /dev/null --wrap "$marker")
  wait_state "$A" "$id" RUNNING 20 || bad "sleep job $id did not start"
  end=$((SECONDS + 5)); until pgrep -f "^$marker" >/dev/null || ((SECONDS >= end)); do sleep 0.05; done
  pgrep -f "^$marker" >/dev/null && ok "sleep job $id running (pid $(pgrep -f "^$marker"))" || bad "sleep process not found"
  t=$(now); scancel "$id"
  end=$((SECONDS + 10)); while pgrep -f "^$marker" >/dev/null && ((SECONDS < end)); do sleep 0.05; done
  if pgrep -f "^$marker" >/dev/null; then bad "sleep still running after scancel"; else ok "scancel killed the sleep in $(elapsed "$t") s"; fi
  wait_state "$A" "$id" CANCELLED 10 && ok "job $id CANCELLED" || bad "job $id: $(job_state "$A" "$id")"

  # 3. afterok dependency
  j1=$(sbatch --parsable -o "$A/dep1.out" --wrap 'sleep 1; date +%s.%N')
  j2=$(sbatch --parsable -o "$A/dep2.out" --dependency=afterok:"$j1" --wrap 'date +%s.%N')
  [[ $(job_state "$A" "$j2") == PENDING ]] && ok "dependent job $j2 PENDING" || bad "dependent job $j2: $(job_state "$A" "$j2")"
  if wait_state "$A" "$j2" COMPLETED 30 && [[ $(job_state "$A" "$j1") == COMPLETED ]] &&
     awk 'NR==FNR { a = $1; next } { exit !($1 > a) }' "$A/dep1.out" "$A/dep2.out"; then
    ok "job $j2 ran after $j1 ($(awk 'NR==FNR { a = $1; next } { printf "%.2f", $1 - a }' "$A/dep1.out" "$A/dep2.out") s later)"
  else
    bad "dependency: $j1=$(job_state "$A" "$j1") $j2=$(job_state "$A" "$j2")"
  fi

  # 4. afterok on a failed job never runs
  f=$(sbatch --parsable -o /dev/null --wrap 'exit 3')
  d=$(sbatch --parsable -o /dev/null --dependency=afterok:"$f" --wrap true)
  wait_state "$A" "$f" FAILED 20 && ok "job $f FAILED (exit 3)" || bad "job $f: $(job_state "$A" "$f")"
  sleep 1.5
  reason=$(squeue -h -j "$d" -o '%T %r')
  [[ $reason == "PENDING DependencyNeverSatisfied" ]] && ok "job $d: $reason" || bad "job $d: $reason"
  exit "$failures"
) || failures=$((failures + $?))

(
  failures=0
  # shellcheck disable=SC1091
  source "$B/env.sh"
  cd "$B"
  id=$(sbatch --parsable -o "$B/hi.out" --wrap 'echo hi from b')
  if wait_state "$B" "$id" COMPLETED 20; then ok "cluster b: job $id COMPLETED"; else bad "cluster b: job $id $(job_state "$B" "$id")"; fi
  n=$(squeue -h -t all | wc -l)
  [[ $n == 1 ]] && ok "cluster b sees only its own job" || bad "cluster b sees $n jobs"
  exit "$failures"
) || failures=$((failures + $?))

if [[ ${SLURM_SELFTEST_TIMEOUT_JOB:-0} == 1 ]]; then
  (
    failures=0
    # shellcheck disable=SC1091
    source "$B/env.sh"
    id=$(sbatch --parsable -o /dev/null --time=0:01 --wrap 'sleep 300')
    t=$(now)
    if wait_state "$B" "$id" TIMEOUT 150; then ok "job $id TIMEOUT after $(elapsed "$t") s"; else bad "job $id: $(job_state "$B" "$id")"; fi
    exit "$failures"
  ) || failures=$((failures + $?))
fi

t=$(now); "$HERE/stop.sh" "$A"; "$HERE/stop.sh" "$B"; echo "# stop.sh both: $(elapsed "$t") s"
sleep 0.5
left=""
for p in $mine; do
  # a zombie (not yet reaped by init) has an empty cmdline: gone
  if [[ -n $(tr -d '\0' <"/proc/$p/cmdline" 2>/dev/null) ]]; then left+=" $p"; fi
done
for p in $(pgrep -x slurmstepd || true); do
  if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qE "^SLURM_PRIVATE_CLUSTER=($A|$B)$"; then left+=" stepd:$p"; fi
done
if [[ -z $left ]]; then ok "no daemon or slurmstepd of ours left"; else bad "left running:$left"; fi

echo "# state dirs: $A $B"
if ((failures)); then echo "# $failures check(s) failed"; exit 1; fi
echo "# all checks passed"
