#!/usr/bin/env bash
# Usage: start.sh STATE_DIR
#
# Starts a private single-node Slurm cluster (munged + slurmctld + slurmd)
# whose every file lives under STATE_DIR (absolute path, created if missing).
# Prints the environment a client needs as `export ...` lines on stdout and
# writes the same lines to STATE_DIR/env.sh. Progress goes to stderr.
# Waits until the node is idle and the scheduler has run once
# (SLURM_START_TIMEOUT seconds per wait, default 30).
#
# Re-running on a STATE_DIR whose cluster is still up only re-prints the
# environment. Any other start is a fresh cluster: previous controller state,
# slurmd spool and job completion log are wiped (the munge key is kept).
# See README.md for the configuration choices.
set -euo pipefail

log() { echo "slurm/start: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 STATE_DIR (absolute path)"
STATE_DIR=$1
[[ "$STATE_DIR" == /* ]] || die "STATE_DIR must be an absolute path: $STATE_DIR"
STATE_DIR=${STATE_DIR%/}
TIMEOUT=${SLURM_START_TIMEOUT:-30}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for bin in munged mungekey munge unmunge slurmctld slurmd sinfo sdiag; do
  command -v "$bin" >/dev/null || PATH=$PATH:/usr/sbin:/sbin
  command -v "$bin" >/dev/null || die "$bin not found; run $HERE/install.sh first"
done

CONF=$STATE_DIR/slurm.conf
MUNGE_DIR=$STATE_DIR/munge
MUNGE_SOCKET=$STATE_DIR/run/munge.socket  # dir must be o+x for clients
PID_DIR=$STATE_DIR/pids          # PIDs recorded by this script (used by stop.sh)
RUN_DIR=$STATE_DIR/run           # pid files the daemons write themselves
LOG_DIR=$STATE_DIR/log
CTLD_STATE=$STATE_DIR/slurmctld-state
SPOOL=$STATE_DIR/slurmd-spool
JOBCOMP=$STATE_DIR/jobcomp.txt
ENV_FILE=$STATE_DIR/env.sh

# Unix socket paths are limited to 107 bytes; slurmd also puts step sockets
# (<spool>/<node>_<jobid>.<stepid>) under its spool dir.
((${#MUNGE_SOCKET} < 100)) || die "STATE_DIR too long for a unix socket path: $MUNGE_SOCKET"
((${#SPOOL} < 70)) || die "STATE_DIR too long for slurmd step sockets: $SPOOL"

env_lines() {
  cat <<EOF
export SLURM_CONF=$CONF
export SLURM_STATE_DIR=$STATE_DIR
export SLURM_MUNGE_SOCKET=$MUNGE_SOCKET
export SLURM_JOBCOMP_LOC=$JOBCOMP
EOF
}

# pid_alive NAME: true when the PID recorded for daemon NAME is still that daemon.
pid_alive() {
  local f=$PID_DIR/$1 pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$STATE_DIR/"
}

node_state() {
  SLURM_CONF=$CONF timeout 5 sinfo -h -N -o '%t' 2>/dev/null | head -n1 || true
}

dump_logs() {
  # munged -F logs to stderr (munged.out); slurmctld/slurmd -D log to both
  # their LogFile and stderr, so show the .out only when the .log is empty.
  local n f
  for n in munged slurmctld slurmd; do
    f=$LOG_DIR/$n.log
    [[ -s $f ]] || f=$LOG_DIR/$n.out
    [[ -s $f ]] || continue
    echo "----- tail -n 30 $f -----" >&2
    tail -n 30 "$f" >&2
  done
}

fail() {
  log "ERROR: $*"
  dump_logs
  log "stopping what was started"
  "$HERE/stop.sh" "$STATE_DIR" >&2 || true
  exit 1
}

mkdir -p "$STATE_DIR"
chmod 0755 "$STATE_DIR"   # munged refuses group/other-writable parent dirs

# Already running? Then only re-print the environment.
if pid_alive munged && pid_alive slurmctld && pid_alive slurmd && [[ -f $CONF ]]; then
  st=$(node_state)
  if [[ $st == idle* || $st == alloc* || $st == mix* ]]; then
    log "cluster in $STATE_DIR already running (node $st)"
    env_lines | tee "$ENV_FILE"
    exit 0
  fi
fi
if pid_alive munged || pid_alive slurmctld || pid_alive slurmd; then
  log "stale/partial cluster in $STATE_DIR: stopping it first"
  "$HERE/stop.sh" "$STATE_DIR" >&2
fi

t0=$(date +%s.%N)
rm -rf "$PID_DIR" "$RUN_DIR" "$CTLD_STATE" "$SPOOL" "$JOBCOMP" "$ENV_FILE"
mkdir -p "$MUNGE_DIR" "$PID_DIR" "$RUN_DIR" "$LOG_DIR" "$CTLD_STATE" "$SPOOL"
chmod 0700 "$MUNGE_DIR"; chmod 0755 "$RUN_DIR"
: >"$LOG_DIR/slurmctld.log"; : >"$LOG_DIR/slurmd.log"

USER_NAME=$(id -un)
NODE=$(hostname -s 2>/dev/null || uname -n | cut -d. -f1)

# ---------------------------------------------------------------- ports
# Two free TCP ports (not bound by anything, in any state) in 20000-59999.
used_ports() {
  local hex
  awk 'FNR > 1 { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    while read -r hex; do echo $((16#$hex)); done | sort -un
}
pick_port() {
  local used p i
  used=$(used_ports)
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    grep -qx "$p" <<<"$used" && continue
    [[ " $* " == *" $p "* ]] && continue
    echo "$p"; return 0
  done
  return 1
}
CTLD_PORT=$(pick_port) || die "no free port"
SLURMD_PORT=$(pick_port "$CTLD_PORT") || die "no free port"

# ---------------------------------------------------------------- slurm.conf
# Node hardware as slurmd sees it ("NodeName=x CPUs=.. Boards=.. ... RealMemory=..").
NODE_HW=$(slurmd -C | head -n1 | sed -E 's/^NodeName=[^ ]+ //')

cat >"$CONF" <<EOF
# Private single-node cluster generated by scripts/slurm/start.sh. Do not edit:
# regenerated on every start. See scripts/slurm/README.md for the choices.
ClusterName=local
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=$USER_NAME
SlurmdUser=$USER_NAME

AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET

StateSaveLocation=$CTLD_STATE
SlurmdSpoolDir=$SPOOL
SlurmctldPidFile=$RUN_DIR/slurmctld.pid
SlurmdPidFile=$RUN_DIR/slurmd.pid
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info

# No cgroups here: track job processes by process group, no task binding.
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$JOBCOMP
MpiDefault=none
MailProg=/bin/true

SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
PriorityType=priority/basic

# Keep finished jobs visible in 'scontrol show job' for 5 minutes.
MinJobAge=300
# SIGTERM -> SIGKILL grace on scancel/timeout (default 30 s).
KillWait=5
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0

NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=$NODE $NODE_HW State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

# ---------------------------------------------------------------- launch helper
# start_daemon NAME CMD...: runs CMD in a new session (setsid), backgrounded,
# stdin from /dev/null, stdout/stderr to LOG_DIR/NAME.out; records its PID.
# The script has no job control, so the background child is not a process
# group leader and setsid execs in place: $! is the daemon's own PID.
start_daemon() {
  local name=$1; shift
  env SLURM_CONF="$CONF" SLURM_PRIVATE_CLUSTER="$STATE_DIR" \
    setsid "$@" </dev/null >"$LOG_DIR/$name.out" 2>&1 &
  local pid=$! i
  echo "$pid" >"$PID_DIR/$name"
  # Until the exec chain (subshell -> env -> setsid -> daemon) completes,
  # /proc/PID/comm is not the daemon's name; wait so pid_alive is meaningful.
  for ((i = 0; i < 100; i++)); do
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  fail "$name (pid $pid) did not start"
}

wait_for() {  # wait_for SECONDS DESCRIPTION CMD...: poll CMD every 0.1 s
  local secs=$1 what=$2; shift 2
  local end=$((SECONDS + secs))
  until "$@"; do
    ((SECONDS < end)) || fail "timed out after ${secs}s waiting for $what"
    for d in munged slurmctld slurmd; do
      if [[ -s $PID_DIR/$d ]] && ! pid_alive "$d"; then fail "$d exited while waiting for $what"; fi
    done
    sleep 0.1
  done
}

# ---------------------------------------------------------------- munge
if [[ ! -s $MUNGE_DIR/munge.key ]]; then
  mungekey --create --keyfile="$MUNGE_DIR/munge.key" 2>/dev/null ||
    dd if=/dev/urandom of="$MUNGE_DIR/munge.key" bs=1024 count=1 status=none
fi
chmod 0400 "$MUNGE_DIR/munge.key"
rm -f "$MUNGE_SOCKET" "$MUNGE_SOCKET.lock"
start_daemon munged munged --foreground \
  --socket="$MUNGE_SOCKET" --key-file="$MUNGE_DIR/munge.key" \
  --pid-file="$RUN_DIR/munged.pid" --log-file="$LOG_DIR/munged.log" \
  --seed-file="$MUNGE_DIR/munged.seed"
munge_ok() { [[ -S $MUNGE_SOCKET ]] && munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; }
wait_for 10 "munged socket" munge_ok

# ---------------------------------------------------------------- slurm daemons
# -D: foreground; -c (slurmctld): clear any previous state; -N: node name.
start_daemon slurmctld slurmctld -D -c -f "$CONF"
start_daemon slurmd slurmd -D -N "$NODE" -f "$CONF"

node_idle() { [[ $(node_state) == idle ]]; }
wait_for "$TIMEOUT" "node $NODE to become idle" node_idle

# slurmctld runs its first main-scheduler cycle ~3 s after start and only
# then starts pending jobs; wait for it so the first job a caller submits
# starts as fast as later ones. SLURM_START_NO_SCHED_WAIT=1 skips this.
sched_ran() {
  local n
  n=$(SLURM_CONF=$CONF timeout 5 sdiag 2>/dev/null | awk '/^Main schedule statistics/ { m = 1 } m && /Total cycles:/ { print $3; exit }')
  [[ ${n:-0} -ge 1 ]]
}
if [[ ${SLURM_START_NO_SCHED_WAIT:-0} != 1 ]]; then
  wait_for "$TIMEOUT" "the first scheduler cycle" sched_ran
fi

t1=$(date +%s.%N)
env_lines | tee "$ENV_FILE"
log "cluster up in $STATE_DIR: node $NODE idle, slurmctld port $CTLD_PORT, slurmd port $SLURMD_PORT," \
    "pids munged=$(<"$PID_DIR/munged") slurmctld=$(<"$PID_DIR/slurmctld") slurmd=$(<"$PID_DIR/slurmd")," \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
