#!/usr/bin/env bash
# Usage: stop.sh STATE_DIR
#
# Stops the private cluster that start.sh started in STATE_DIR and nothing
# else:
#   1. cancels the cluster's jobs (scancel: SIGTERM to the jobs) and gives
#      them up to 2 s to exit;
#   2. SIGKILLs what is left of those jobs: the slurmstepd processes of THIS
#      cluster (recognised by the marker SLURM_PRIVATE_CLUSTER=STATE_DIR that
#      start.sh puts in the daemons' environment and slurmstepd inherits) and
#      the process groups of their children (proctrack/pgid job containers);
#   3. sends TERM to exactly the PIDs start.sh recorded in STATE_DIR/pids,
#      one at a time (slurmd, slurmctld, munged), waits up to
#      SLURM_STOP_TIMEOUT (default 10) s for each, then KILL.
# A recorded PID is signalled only while it is still that daemon (same name,
# command line naming STATE_DIR/), so a recycled PID is never hit.
# Idempotent; STATE_DIR's files (logs, jobcomp.txt, ...) are left in place.
set -uo pipefail

log() { echo "slurm/stop: $*" >&2; }

[[ $# -eq 1 ]] || { log "usage: $0 STATE_DIR"; exit 2; }
STATE_DIR=${1%/}
[[ "$STATE_DIR" == /* ]] || { log "STATE_DIR must be an absolute path: $1"; exit 2; }
PID_DIR=$STATE_DIR/pids
CONF=$STATE_DIR/slurm.conf
GRACE=${SLURM_STOP_TIMEOUT:-10}
DAEMONS=(slurmd slurmctld munged)

# ours NAME: prints the recorded PID of daemon NAME if it is still that daemon.
ours() {
  local f=$PID_DIR/$1 pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]] || return 1
  { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$STATE_DIR/" || return 1
  echo "$pid"
}

# our_stepds: PIDs of this cluster's slurmstepd processes.
our_stepds() {
  local p
  for p in $(pgrep -x slurmstepd 2>/dev/null); do
    { tr '\0' '\n' <"/proc/$p/environ"; } 2>/dev/null |
      grep -qxF "SLURM_PRIVATE_CLUSTER=$STATE_DIR" && echo "$p"
  done
}

# job_pids: the job processes (children of our slurmstepds).
job_pids() {
  local s
  for s in $(our_stepds); do pgrep -P "$s" 2>/dev/null; done
}

if [[ ! -d $PID_DIR ]]; then
  log "nothing recorded in $PID_DIR; nothing to stop"
  exit 0
fi

# 1. Cancel jobs while slurmctld/slurmd are still up.
if ours slurmctld >/dev/null && [[ -f $CONF ]]; then
  jobs=$(SLURM_CONF=$CONF timeout 5 squeue -h -o '%A' 2>/dev/null | tr '\n' ' ')
  if [[ -n ${jobs// } ]]; then
    log "cancelling jobs: $jobs"
    # shellcheck disable=SC2086
    SLURM_CONF=$CONF timeout 5 scancel $jobs 2>/dev/null
    end=$((SECONDS + 2))
    while [[ -n $(job_pids) ]] && ((SECONDS < end)); do sleep 0.1; done
  fi
fi

# 2. Kill what is left of the jobs, then their slurmstepds.
for stepd in $(our_stepds); do
  for child in $(pgrep -P "$stepd" 2>/dev/null); do
    pgid=$(ps -o pgid= -p "$child" 2>/dev/null | tr -d ' ')
    if [[ $pgid == "$child" ]]; then kill -KILL -- "-$pgid" 2>/dev/null; else kill -KILL "$child" 2>/dev/null; fi
  done
  kill -KILL "$stepd" 2>/dev/null
done

# 3. The daemons, one at a time in this order (slurmd still reports to
#    slurmctld while shutting down, and both need munged): TERM, wait, KILL.
stopped=()
for name in "${DAEMONS[@]}"; do
  pid=$(ours "$name") || continue
  kill -TERM "$pid" 2>/dev/null && stopped+=("$name=$pid")
  end=$((SECONDS + GRACE))
  while ours "$name" >/dev/null && ((SECONDS < end)); do sleep 0.05; done
  if ours "$name" >/dev/null; then
    log "$name ($pid) ignored TERM for ${GRACE}s: sending KILL"
    kill -KILL "$pid" 2>/dev/null
  fi
done

for name in "${DAEMONS[@]}"; do rm -f "$PID_DIR/$name"; done
if ((${#stopped[@]})); then log "stopped ${stopped[*]} ($STATE_DIR)"; else log "nothing running in $STATE_DIR"; fi
exit 0
