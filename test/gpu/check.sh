#!/usr/bin/env bash
# The GPU check: what can only be tested on a machine with an NVIDIA GPU.
#
#   bash test/gpu/check.sh            (OUT=<dir> also keeps the log and tables there)
#
# Builds libwb (plain and CUDA) and the wb-sandbox launcher; compiles every CUDA lab's
# solution.cu and template.cu (mps/*/mp.yaml with toolchain: cuda) and this folder's own
# programs with nvcc; then runs them under the launcher's cuda profile, alone and inside the
# worker's box (the launcher's own namespaces and file system) where the machine lets it make one,
# in both of the worker's modes (root: a uid of the box's own; unprivileged: a user namespace, as
# `deploy/` runs it), with a cgroup
# per box where the machine lets this script make one, in libwb's local mode (-e expected), and
# prints a verdict table. It runs each CUDA lab's solution and two planted programs (an
# out-of-bounds write, a shared-memory race) under compute-sanitizer, and the solutions under
# ncu, in the launcher's cuda-sanitizer profile under --learn (what the tools lacked; their
# reports are kept in OUT/analysis/). It also records what CUDA needed that the profile lacks
# (the launcher's --learn mode: syscalls, and the ioctl requests the driver used) and, with strace, every
# syscall CUDA made. It needs nvcc, g++, make and python3; strace and libseccomp-dev are
# used when present, and the output says plainly what was missing.
#
# Exit status: 0 every solution passed and nothing was killed by the filter; 1 something
# failed; 3 no GPU here (everything was built and compiled, nothing could run).
# Environment: WB_CHECK_MPS (default mps/), WB_CHECK_BUDGET_S (default 270: runs stop there),
# WB_CHECK_RUN_WITHOUT_GPU=1 (run anyway, to test this script on a machine without a GPU).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/test/gpu"
MPS="${WB_CHECK_MPS:-$ROOT/mps}"
BUDGET_S="${WB_CHECK_BUDGET_S:-270}"
# The worker's run limits for the cuda profile (box-sandbox-options.ts); a longer wall clock,
# since a first CUDA start on a cold machine takes seconds.
WALL_S=20
DATA_MB=8192
LIMITS=(--cpu-s "$WALL_S" --fsize-mb 64 --nofile 64 --nproc 256 --stack-mb 8)
# The first uid of the worker's default range (SANDBOX_UID_BASE); the 2026-11-26 H200 run used 65534.
SANDBOX_UID=3000000
# The unprivileged worker's uid for the second mode (root only: setpriv drops to it).
WORKER_UID=3990999
# The program's capped folder in a box: the labs' output limit (16 MiB) and room for libwb's report.
SCRATCH_MB=20

TEE_PID=""
if [ -n "${OUT:-}" ]; then
  mkdir -p "$OUT"
  exec > >(tee "$OUT/check.log") 2>&1
  TEE_PID=$!
fi
WORK="$(mktemp -d /tmp/wb-gpu-check.XXXXXX)"
chmod 755 "$WORK"
# What each box mounts its root on (in its own mount namespace): empty, and outside WORK, which is bound.
BOX_ROOT="$(mktemp -d /tmp/wb-gpu-box-root.XXXXXX)"
chmod 755 "$BOX_ROOT"
finish() {
  box_cgroup_teardown 2>/dev/null
  rm -rf "$WORK"
  rmdir "$BOX_ROOT"
  # Let tee write the last lines to $OUT/check.log before the script is gone.
  if [ -n "$TEE_PID" ]; then exec 1>&- 2>&-; wait "$TEE_PID"; fi
}
trap finish EXIT
FAILURES=0
fail() { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); }
section() { printf '\n== %s\n' "$*"; }
over_budget() { [ "$SECONDS" -ge "$BUDGET_S" ]; }
# shellcheck source=lib/box.sh
. "$HERE/lib/box.sh"

section "machine"
uname -srm
for tool in nvcc g++ make python3 strace nvidia-smi; do
  if command -v "$tool" >/dev/null; then printf '%-11s %s\n' "$tool" "$(command -v "$tool")"; else printf '%-11s MISSING\n' "$tool"; fi
done
for tool in nvcc g++ make python3; do command -v "$tool" >/dev/null || { echo "$tool is required"; exit 1; }; done
nvcc --version | tail -n 2

section "build: libwb (plain and CUDA)"
make -s -j"$(nproc)" -C "$ROOT/libs/libwb" && make -s -j"$(nproc)" -C "$ROOT/libs/libwb" cuda || { echo "libwb does not build"; exit 1; }
LIBWB_CUDA="$ROOT/libs/libwb/build/libwb_cuda.a"

section "build: wb-sandbox"
SECCOMP_MODE="$(make -s -C "$ROOT/apps/gpu-worker/sandbox" print-seccomp)"
if ! make -s -j"$(nproc)" -C "$ROOT/apps/gpu-worker/sandbox"; then
  echo "the launcher does not build with SECCOMP=$SECCOMP_MODE; trying without seccomp"
  make -s -C "$ROOT/apps/gpu-worker/sandbox" clean
  SECCOMP_MODE=off
  make -s -C "$ROOT/apps/gpu-worker/sandbox" SECCOMP=off || { echo "the launcher does not build"; exit 1; }
fi
cp "$ROOT/apps/gpu-worker/sandbox/build/wb-sandbox" "$WORK/wb-sandbox"
LAUNCHER="$WORK/wb-sandbox"
"$LAUNCHER" --version
NO_SECCOMP=()
case "$SECCOMP_MODE" in
  libseccomp) echo "seccomp: ON (libseccomp-dev)";;
  own) echo "seccomp: ON (libseccomp.so.2 with the launcher's own declarations: libseccomp-dev is not installed)";;
  *) echo "seccomp: OFF: no libseccomp at all on this machine. Runs below are NOT filtered, so they say"
     echo "nothing about the cuda whitelist; the strace list at the end is the only syscall evidence."
     NO_SECCOMP=(--allow-no-seccomp);;
esac
# can_box [setpriv...]: whether the launcher makes a box here (as root, or as the user given).
can_box() {
  mkdir -p "$WORK/probe" && chmod 777 "$WORK/probe"
  local ids=(); [ "$#" = 0 ] && [ "$(id -u)" = 0 ] && ids=(--uid "$SANDBOX_UID" --gid "$SANDBOX_UID")
  SANDBOX_USER=$([ "$#" -gt 0 ] && echo "$WORKER_UID:$WORKER_UID") box_args "$WORK" "$WORK/probe" compile
  "$@" "$LAUNCHER" "${BOX[@]}" "${BOX_ENV[@]}" --profile compile --chdir "$WORK/probe" "${ids[@]}" -- /bin/true
}
USE_BOX=0
if can_box 2>"$WORK/box-probe.log"; then USE_BOX=1; echo "the box: usable"
else echo "the box: not usable here: runs use the launcher alone (no namespaces, no private /tmp): $(tail -n 2 "$WORK/box-probe.log")"; fi
USE_USER_MODE=0
if [ "$USE_BOX" = 1 ] && [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null \
    && can_box setpriv --reuid="$WORKER_UID" --regid="$WORKER_UID" --clear-groups 2>/dev/null; then
  USE_USER_MODE=1; echo "unprivileged worker mode: usable (uid $WORKER_UID, user namespaces)"
else echo "unprivileged worker mode: not usable here (needs root to drop to a uid, setpriv, user namespaces)"; fi
[ "$USE_BOX" = 1 ] && box_cgroup_setup

section "compile (nvcc, as the worker does: lab flags, -I libwb/include, libwb_cuda.a -lm)"
mkdir -p "$WORK/bin" "$WORK/datasets"
LABS="$(python3 "$HERE/lib/cuda-labs.py" "$MPS")"
[ -n "$LABS" ] || echo "no CUDA lab in $MPS yet: only this folder's programs run"
# compile NAME SOURCE FLAGS...: in the background, several at once; the results come in order.
# (Waits name their pids: a bare `wait` or `wait -n` would also wait for the tee above.)
COMPILES=()
PIDS=()
compile() {
  local name=$1 source=$2; shift 2
  COMPILES+=("$name")
  (
    t0=$SECONDS
    if nvcc "$@" -I"$ROOT/libs/libwb/include" "$source" -o "$WORK/bin/$name" "$LIBWB_CUDA" -lm >"$WORK/bin/$name.log" 2>&1; then
      echo "ok ($((SECONDS - t0))s)" >"$WORK/bin/$name.result"
    else
      echo "COMPILE ERROR" >"$WORK/bin/$name.result"
    fi
  ) &
  PIDS+=($!)
  if [ "${#PIDS[@]}" -ge "$(nproc)" ]; then
    wait "${PIDS[0]}"
    PIDS=("${PIDS[@]:1}")
  fi
}
compile smoke "$HERE/programs/smoke-vector-add.cu" -O2
compile fork-after-init "$HERE/programs/fork-after-init.cu" -O2
compile exec-after-init "$HERE/programs/exec-after-init.cu" -O2
compile shared-memory-after-init "$HERE/programs/shared-memory-after-init.cu" -O2
# The sanitizer check's planted errors, with -lineinfo as the worker compiles a check.
compile planted-out-of-bounds "$HERE/programs/planted-out-of-bounds.cu" -O2 -lineinfo
compile planted-race "$HERE/programs/planted-race.cu" -O2 -lineinfo
while IFS=$'\t' read -r lab type flags folders; do
  [ -n "$lab" ] || continue
  # shellcheck disable=SC2086 # the lab's flags are separate words
  compile "$lab.solution" "$MPS/$lab/solution.cu" $flags
  # shellcheck disable=SC2086
  compile "$lab.template" "$MPS/$lab/template.cu" $flags
  mkdir -p "$WORK/datasets/$lab"
  IFS=',' read -ra dirs <<<"$folders"
  for d in "${dirs[@]}"; do cp -r "$d" "$WORK/datasets/$lab/"; done
done <<<"$LABS"
[ "${#PIDS[@]}" -eq 0 ] || wait "${PIDS[@]}"
for name in "${COMPILES[@]}"; do
  result="$(cat "$WORK/bin/$name.result" 2>/dev/null || echo "COMPILE ERROR")"
  printf '%-40s %s\n' "$name" "$result"
  if [ "$result" = "COMPILE ERROR" ]; then
    sed 's/^/    /' "$WORK/bin/$name.log" | head -20
    fail "$name does not compile"
  fi
done
mkdir -p "$WORK/datasets/smoke" && cp -r "$ROOT/mps/vector-add-cpp/datasets/0" "$WORK/datasets/smoke/"
chmod -R a+rX "$WORK"

if [ "$USE_BOX" = 1 ]; then
  # nvcc inside the box, as the worker compiles (compile profile: rlimits and uid, no filter).
  # libwb copied under $WORK, which the box binds.
  mkdir -p "$WORK/compile" "$WORK/libwb/build" && cp "$HERE/programs/smoke-vector-add.cu" "$WORK/compile/program.cu"
  cp -r "$ROOT/libs/libwb/include" "$WORK/libwb/" && cp "$LIBWB_CUDA" "$WORK/libwb/build/" && chmod -R a+rX "$WORK/libwb"
  [ "$(id -u)" = 0 ] && chown -R "$SANDBOX_UID:$SANDBOX_UID" "$WORK/compile"
  NVCC_ROOT="$(dirname "$(dirname "$(readlink -f "$(command -v nvcc)")")")"
  box_args "$WORK" "$WORK/compile" compile
  case "$NVCC_ROOT" in /usr/*) ;; *) BOX+=(--ro-bind "$NVCC_ROOT" "$NVCC_ROOT");; esac
  IDS=(); [ "$(id -u)" = 0 ] && IDS=(--uid "$SANDBOX_UID" --gid "$SANDBOX_UID")
  if "$LAUNCHER" "${BOX[@]}" "${BOX_ENV[@]}" --profile compile --chdir "$WORK/compile" "${IDS[@]}" \
      --cpu-s 60 --as-mb 4096 --fsize-mb 256 --nofile 256 --nproc 128 --stack-mb 64 -- \
      env PATH="$PATH" nvcc -O2 -I"$WORK/libwb/include" program.cu -o program "$WORK/libwb/build/libwb_cuda.a" -lm >"$WORK/compile/log" 2>&1; then
    echo "nvcc inside the box (compile profile, 4 GiB address space): ok"
  else
    fail "nvcc inside the box: $(tail -n 5 "$WORK/compile/log")"
  fi
fi

section "GPU"
if nvidia-smi -L 2>/dev/null | grep -q GPU && ls /dev/nvidia[0-9]* >/dev/null 2>&1; then
  nvidia-smi -L
elif [ "${WB_CHECK_RUN_WITHOUT_GPU:-0}" = 1 ]; then
  echo "NO GPU, running anyway (WB_CHECK_RUN_WITHOUT_GPU=1): CUDA calls will fail; this only tests the script"
else
  echo "NO GPU on this machine (nvidia-smi -L lists none, or no /dev/nvidia0): everything is built and"
  echo "compiled; nothing can run. Run this script on a GPU worker."
  exit 3
fi

section "runs (cuda profile; RLIMIT_DATA ${DATA_MB} MiB as on the worker)"
printf 'lab\tprogram\tdataset\tmode\tverdict\tms\n' >"$WORK/verdicts.tsv"
# run_one MODE NAME DATASET_DIR TYPE [extra launcher args...]  -> prints a row; sets VERDICT.
# The run folder is $WORK/runs/NAME.DATASET.MODE$TAG (TAG=.learn: a learning run, not tabled).
# RUN_PROFILE (default cuda) and RUN_TOOL (a command line the program runs under, e.g.
# compute-sanitizer's) are for the analysis section below.
TAG=""
RUN_PROFILE=cuda
RUN_TOOL=()
run_one() {
  local mode=$1 name=$2 dataset=$3 type=$4; shift 4
  # A program that did not compile was reported above; its runs are not failures of their own.
  if [ ! -x "$WORK/bin/$name" ]; then VERDICT="not compiled"; echo "$name: not compiled, not run"; return; fi
  local run="$WORK/runs/$name.$(basename "$dataset").$mode$TAG"
  mkdir -p "$run" && chmod 755 "$run"
  local inputs expected
  inputs="$(find "$dataset" -maxdepth 1 -name 'input*' | sort -V | paste -sd, -)"
  expected="$(find "$dataset" -maxdepth 1 -name 'output.*' | head -n 1)"
  local ids=() as_user=() box=() handed=()
  case "$mode" in
    box-user) as_user=(setpriv --reuid="$WORKER_UID" --regid="$WORKER_UID" --clear-groups --inh-caps=-all)
              chown "$WORKER_UID:$WORKER_UID" "$run";;
    *) [ "$(id -u)" = 0 ] && { ids=(--uid "$SANDBOX_UID" --gid "$SANDBOX_UID"); chown "$SANDBOX_UID:$SANDBOX_UID" "$run"; };;
  esac
  local cgroup_fd fds=()
  BOX_MEMORY_CGROUP=""
  if [ "$mode" != launcher ]; then
    # As the worker: the program's folder a capped tmpfs, its files copied back through an fd of
    # the host folder; the box in a cgroup of its own (the run's memory plus its files).
    SANDBOX_USER=$([ "$mode" = box-user ] && echo "$WORKER_UID:$WORKER_UID") box_args "$WORK" "$run" run
    box=("${BOX[@]}")
    handed=(--scratch-mb "$SCRATCH_MB" --export-dir "$run" --inodes 1024)
    SANDBOX_USER=$([ "$mode" = box-user ] && echo "$WORKER_UID:$WORKER_UID") box_cgroup "$(basename "$run")" "${RUN_MEMORY_MB:-$((DATA_MB + 64))}"
    for procs in "${CGROUP_PROCS[@]}"; do exec {cgroup_fd}>"$procs"; fds+=("$cgroup_fd"); handed+=(--cgroup-fd "$cgroup_fd"); done
  fi
  local launch=("$LAUNCHER" "${box[@]}" "${BOX_ENV[@]}" --profile "$RUN_PROFILE" --status-fd 3 --chdir "$run" "${ids[@]}" "${LIMITS[@]}" "${NO_SECCOMP[@]}" "${handed[@]}" "$@" --
    "${RUN_TOOL[@]}" "$WORK/bin/$name" -i "$inputs" -e "$expected" -t "$type")
  local t0 ms rc
  t0=$(date +%s%N)
  timeout -s KILL "$((WALL_S + 5))" "${as_user[@]}" "${launch[@]}" >"$WORK/out.$$" 2>"$WORK/err.$$" 3>"$WORK/status.$$"
  rc=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  local fd; for fd in "${fds[@]}"; do exec {fd}>&-; done
  mv "$WORK/out.$$" "$run/stdout"; mv "$WORK/err.$$" "$run/stderr"; mv "$WORK/status.$$" "$run/status"
  VERDICT="$(python3 "$HERE/lib/run-verdict.py" "$run/status" "$run/stdout" "$rc" "$(box_oom_kills)")"
  local lab=${name%%.*} program=${name#*.}; [ "$lab" = "$name" ] && program=-
  local row
  row="$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$lab" "$program" "$(basename "$dataset")" "$mode" "$VERDICT" "$ms")"
  echo "$row"
  [ -z "$TAG" ] && echo "$row" >>"$WORK/verdicts.tsv"
  case "$VERDICT" in passed|failed) ;; *) sed 's/^/    | /' "$run/stderr" | tail -n 6;; esac
}
MODES=(launcher); [ "$USE_BOX" = 1 ] && MODES=(box launcher); [ "$USE_USER_MODE" = 1 ] && MODES=(box box-user launcher)
expect() { # what want verdict
  case "$3" in "$2"* | "not compiled") ;; *) fail "$1: expected $2, got $3";; esac
}
for mode in "${MODES[@]}"; do
  run_one "$mode" smoke "$WORK/datasets/smoke/0" vector --data-mb "$DATA_MB"
  expect "smoke ($mode)" passed "$VERDICT"
  if [ "$VERDICT" != passed ]; then
    run_one "$mode" smoke "$WORK/datasets/smoke/0" vector
    [ "$VERDICT" = passed ] && fail "CUDA works only WITHOUT RLIMIT_DATA=${DATA_MB} MiB: raise run.cuda.dataMb in box-sandbox-options.ts (and DATA_MB here)"
  fi
  for hostile in fork-after-init exec-after-init; do
    run_one "$mode" "$hostile" "$WORK/datasets/smoke/0" vector --data-mb "$DATA_MB"
    [ "$SECCOMP_MODE" = off ] || expect "$hostile ($mode)" sandbox_violation "$VERDICT"
  done
  # Shared memory after CUDA's start: RLIMIT_DATA does not count it; only the box's cgroup can.
  if [ "$mode" != launcher ] && [ -n "$CGROUP_VERSION" ]; then
    RUN_MEMORY_MB=512 run_one "$mode" shared-memory-after-init "$WORK/datasets/smoke/0" vector --data-mb 448
    expect "shared-memory-after-init ($mode)" memory_limit "$VERDICT"
  fi
done
# Every lab: the solution on every dataset in the worker's mode (the box when there is one),
# on dataset 0 in the other; the template on dataset 0, where only "not killed by the filter"
# matters (a template is expected to fail).
while IFS=$'\t' read -r lab type flags folders; do
  [ -n "$lab" ] || continue
  for dataset in "$WORK/datasets/$lab"/*; do
    over_budget && { echo "time budget (${BUDGET_S} s) spent: the remaining runs are skipped"; break 2; }
    for mode in "${MODES[@]}"; do
      [ "$mode" != "${MODES[0]}" ] && [ "$(basename "$dataset")" != 0 ] && continue
      run_one "$mode" "$lab.solution" "$dataset" "$type" --data-mb "$DATA_MB"
      expect "$lab solution, dataset $(basename "$dataset") ($mode)" passed "$VERDICT"
    done
  done
  for mode in "${MODES[@]}"; do
    run_one "$mode" "$lab.template" "$WORK/datasets/$lab/0" "$type" --data-mb "$DATA_MB"
    case "$VERDICT" in sandbox_violation* | internal_error*) fail "$lab template ($mode): $VERDICT";; esac
  done
done <<<"$LABS"

section "memory and race check, profile (compute-sanitizer, ncu; the cuda-sanitizer profile, under --learn)"
# As the worker runs "Check memory" and "Profile" (apps/gpu-worker/src/runner/analysis-runs.ts):
# the tool starts the program in the box, its report to a file in the program's folder. Each run
# is also a --learn run: what the tools needed beyond the cuda-sanitizer profile, which was
# written from the documentation and NOT yet from a trace, lands in analysis-learned.txt.
SANITIZER="$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)"
NCU="$(command -v ncu || echo /usr/local/cuda/bin/ncu)"
mkdir -p "$WORK/analysis"
: >"$WORK/analysis-learned.txt"
# analyse TOOL NAME DATASET TYPE: one run under the tool; prints the summary, sets FOUND (errors or kernels).
analyse() {
  local tool=$1 name=$2 dataset=$3 type=$4 log learned
  log="$tool.$( [ "$tool" = ncu ] && echo csv || echo log)"
  if [ "$tool" = ncu ]; then RUN_TOOL=("$NCU" --csv --page details --section SpeedOfLight --section Occupancy --section LaunchStats --launch-count 20 --log-file "$log")
  else RUN_TOOL=("$SANITIZER" --tool "$tool" --print-limit 200 --log-file "$log"); fi
  TAG=".$tool"
  learned="$WORK/runs/$name.$(basename "$dataset").${MODES[0]}$TAG/learned"
  local learn=(); [ "$SECCOMP_MODE" = off ] || learn=(--learn "$learned")
  # The tools' own state (shadow memory, replay buffers) beside the program's: twice its memory.
  RUN_PROFILE=cuda-sanitizer RUN_MEMORY_MB=$((DATA_MB * 2 + 64)) run_one "${MODES[0]}" "$name" "$dataset" "$type" --data-mb "$((DATA_MB * 2))" --allow-exec "$WORK/bin/$name" "${learn[@]}"
  RUN_TOOL=(); TAG=""
  local run="$WORK/runs/$name.$(basename "$dataset").${MODES[0]}.$tool"
  cat "$learned" >>"$WORK/analysis-learned.txt" 2>/dev/null
  cp "$run/$log" "$WORK/analysis/$name.$log" 2>/dev/null || { echo "    no report from $tool:"; sed 's/^/    | /' "$run/stdout" "$run/stderr" | tail -n 8; }
  local summary
  summary="$(python3 "$HERE/lib/analysis-summary.py" "$( [ "$tool" = ncu ] && echo ncu || echo sanitizer)" "$WORK/analysis/$name.$log" 2>/dev/null)"
  echo "$summary" | sed 's/^/    /'
  FOUND="$(echo "$summary" | awk '$1 == "errors" || $1 == "kernels" {print $2} /^counters forbidden/ {print "forbidden"}' | tail -n 1)"
}
if [ ! -x "$SANITIZER" ]; then
  fail "compute-sanitizer is not installed ($SANITIZER): the CUDA toolkit's sanitizer is needed for Check memory"
else
  "$SANITIZER" --version | tail -n 1
  analyse memcheck planted-out-of-bounds "$WORK/datasets/smoke/0" vector
  [ "${FOUND:-0}" -gt 0 ] 2>/dev/null || fail "memcheck did not find the planted out-of-bounds write"
  grep -q 'planted-out-of-bounds.cu:8' "$WORK/analysis/planted-out-of-bounds.memcheck.log" 2>/dev/null \
    || fail "memcheck's report does not name planted-out-of-bounds.cu:8 (-lineinfo)"
  analyse racecheck planted-race "$WORK/datasets/smoke/0" vector
  [ "${FOUND:-0}" -gt 0 ] 2>/dev/null || fail "racecheck did not find the planted shared-memory race"
  while IFS=$'\t' read -r lab type flags folders; do
    [ -n "$lab" ] || continue
    over_budget && { echo "time budget (${BUDGET_S} s) spent: the remaining analysis runs are skipped"; break; }
    tools=(memcheck); grep -q '__shared__' "$MPS/$lab/solution.cu" && tools=(memcheck racecheck synccheck)
    for tool in "${tools[@]}"; do
      analyse "$tool" "$lab.solution" "$WORK/datasets/$lab/0" "$type"
      [ "$FOUND" = 0 ] || fail "$lab solution: $tool found ${FOUND:-no report} error(s); a solution must be clean"
    done
  done <<<"$LABS"
fi
if [ ! -x "$NCU" ]; then
  fail "ncu is not installed ($NCU): Nsight Compute's CLI is needed for Profile"
else
  "$NCU" --version | tail -n 1
  while IFS=$'\t' read -r lab type flags folders; do
    [ -n "$lab" ] || continue
    over_budget && { echo "time budget (${BUDGET_S} s) spent: the remaining profiles are skipped"; break; }
    analyse ncu "$lab.solution" "$WORK/datasets/$lab/0" "$type"
    case "$FOUND" in
      forbidden) echo "    the driver keeps the performance counters for administrators (ERR_NVGPUCTRPERM): Profile says so on this host";;
      ''|0) grep -q '<<<' "$MPS/$lab/solution.cu" && fail "$lab solution: ncu profiled no kernel";;
    esac
  done <<<"$LABS"
fi
if [ "$SECCOMP_MODE" != off ]; then
  echo "syscalls the cuda-sanitizer profile lacks (empty: none), summed over the tools' runs:"
  grep '^syscall' "$WORK/analysis-learned.txt" | awk '{n[$2]+=$3} END {for (s in n) printf "  %-24s %d\n", s, n[s]}' | sort
  grep -q '^syscall' "$WORK/analysis-learned.txt" \
    && fail "the cuda-sanitizer profile lacks the syscalls above: add them for PROFILE_CUDA_SANITIZER in apps/gpu-worker/sandbox/src/profiles.c"
fi

section "what CUDA needed beyond the cuda profile (wb-sandbox --learn)"
if [ "$SECCOMP_MODE" = off ]; then
  echo "not available: the launcher has no seccomp"
else
  : >"$WORK/learned.txt"
  TAG=.learn
  learn_one() { # name dataset type: one run in the worker's mode, recording instead of killing
    local learned="$WORK/runs/$1.$(basename "$2").${MODES[0]}$TAG/learned"
    run_one "${MODES[0]}" "$1" "$2" "$3" --data-mb "$DATA_MB" --learn "$learned"
    cat "$learned" >>"$WORK/learned.txt" 2>/dev/null
  }
  learn_one smoke "$WORK/datasets/smoke/0" vector
  while IFS=$'\t' read -r lab type flags folders; do
    [ -n "$lab" ] && ! over_budget && learn_one "$lab.solution" "$WORK/datasets/$lab/0" "$type"
  done <<<"$LABS"
  TAG=""
  echo "syscalls the profile lacks (empty: none), with call counts summed over the programs:"
  grep '^syscall' "$WORK/learned.txt" | awk '{n[$2]+=$3} END {for (s in n) printf "  %-24s %d\n", s, n[s]}' | sort
  echo "ioctl requests the driver used (for the record; the cuda profile allows every ioctl):"
  grep '^ioctl' "$WORK/learned.txt" | awk '{n[$2]+=$3} END {for (s in n) printf "  %s %d\n", s, n[s]}' | sort
  grep -q '^syscall' "$WORK/learned.txt" && fail "the cuda profile lacks the syscalls above: add them to apps/gpu-worker/sandbox/src/profile-cuda.c"
fi

section "every syscall CUDA made (strace -f -c, smoke program, outside the sandbox)"
if command -v strace >/dev/null; then
  (cd "$WORK/datasets/smoke/0" && strace -f -c -o "$WORK/strace-summary.txt" "$WORK/bin/smoke" -i input0.raw,input1.raw -e output.raw -t vector >/dev/null 2>&1)
  cat "$WORK/strace-summary.txt"
else
  echo "strace is not installed"
fi

section "verdicts"
column -t -s $'\t' "$WORK/verdicts.tsv" 2>/dev/null || cat "$WORK/verdicts.tsv"
if [ -n "${OUT:-}" ]; then
  cp "$WORK/verdicts.tsv" "$OUT/"
  cp "$WORK/learned.txt" "$OUT/" 2>/dev/null
  cp "$WORK/strace-summary.txt" "$OUT/" 2>/dev/null
  # The tools' reports as printed: new fixtures for libs/common/src/analysis/*.spec.ts.
  cp "$WORK/analysis-learned.txt" "$OUT/" 2>/dev/null
  cp -r "$WORK/analysis" "$OUT/" 2>/dev/null
fi
section "result"
if [ "$FAILURES" -gt 0 ]; then echo "$FAILURES problem(s), listed above as FAIL"; exit 1; fi
echo "all good (seccomp: $SECCOMP_MODE, modes: ${MODES[*]}, cgroups: ${CGROUP_VERSION:-none}, $SECONDS s)"
