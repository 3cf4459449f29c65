# The worker's box for the cuda profile, in bash (the GPU machine has no Node.js): the launcher's
# own, as the worker asks for it. Mirrors apps/gpu-worker/src/sandbox/box-command.ts,
# box-layout.ts and cgroups/box-cgroups.ts: change them together.
#
#   box_args WORK RUN KIND  -> fills the array BOX with the launcher's box options. WORK
#                              read-only (binaries, datasets). KIND compile: RUN bound read-write.
#                              KIND run: RUN is where the launcher mounts the program's capped
#                              folder (its files are copied back into the host's RUN through
#                              --export-dir). BOX_ROOT: an empty folder outside WORK to mount on.
#   BOX_ENV                 -> the program's whole environment (the launcher's --setenv)
#   box_cgroup_setup        -> CGROUP_ROOTS: a parent cgroup per hierarchy for this check, or
#                              none (says why); box_cgroup NAME MB fills CGROUP_PROCS
#   SANDBOX_USER            -> set: the box as an unprivileged worker makes it (setpriv to that
#                              uid, the box's own user namespace)

BOX_ENV=(--setenv HOME /tmp --setenv TMPDIR /tmp --setenv PATH /usr/bin:/bin --setenv LANG C.UTF-8)

box_args() {
  local work=$1 run=$2 kind=$3
  BOX=(--root "$BOX_ROOT")
  # A root worker gives the box a uid of its own (--uid); one that is not root, a user namespace.
  if [ -n "${SANDBOX_USER:-}" ] || [ "$(id -u)" != 0 ]; then BOX+=(--user-namespace); fi
  BOX+=(--ro-bind /usr /usr)
  local top
  for top in /bin /sbin /lib /lib32 /lib64 /libx32; do
    if [ -L "$top" ]; then BOX+=(--symlink "$(readlink "$top")" "$top")
    elif [ -d "$top" ]; then BOX+=(--ro-bind "$top" "$top"); fi
  done
  BOX+=(--perms 0755 --dir /etc --ro-bind-try /etc/ld.so.cache /etc/ld.so.cache --proc /proc)
  # The box's own /dev: five devices and the stdio links, no devpts.
  BOX+=(--perms 0755 --dir /dev)
  local device
  for device in null zero full random urandom; do BOX+=(--dev-bind "/dev/$device" "/dev/$device"); done
  BOX+=(--symlink /proc/self/fd /dev/fd --symlink /proc/self/fd/0 /dev/stdin --symlink /proc/self/fd/1 /dev/stdout
    --symlink /proc/self/fd/2 /dev/stderr)
  BOX+=(--perms 1777 --size $((16 * 1024 * 1024)) --tmpfs /dev/shm --perms 1777 --size $((16 * 1024 * 1024)) --tmpfs /tmp)
  # cuda: the alternatives' links, only the NVIDIA device nodes, and sysfs read-only for the PCI topology.
  BOX+=(--ro-bind-try /etc/alternatives /etc/alternatives)
  local node
  for node in /dev/nvidia*; do [ -e "$node" ] && BOX+=(--dev-bind "$node" "$node"); done
  BOX+=(--ro-bind-try /sys /sys --ro-bind "$work" "$work")
  [ "$kind" = compile ] && BOX+=(--bind "$run" "$run")
  BOX+=(--remount-ro /)
}

# A cgroup per box, as the worker makes them: v2 where this process's cgroup offers memory and
# pids and may hand them down, else the v1 memory and pids hierarchies, else none.
CGROUP_ROOTS=()
CGROUP_VERSION=""
box_cgroup_setup() {
  local own v2 name="wb-gpu-check-$$"
  v2="$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)"
  own="/sys/fs/cgroup$v2"
  if [ -n "$v2" ] && grep -qw memory "$own/cgroup.controllers" 2>/dev/null && grep -qw pids "$own/cgroup.controllers" 2>/dev/null \
      && mkdir -p "$own/wb-check-leaf" 2>/dev/null && echo $$ >"$own/wb-check-leaf/cgroup.procs" 2>/dev/null \
      && echo "+memory +pids" >"$own/cgroup.subtree_control" 2>/dev/null && mkdir "$own/$name" 2>/dev/null \
      && echo "+memory +pids" >"$own/$name/cgroup.subtree_control" 2>/dev/null; then
    CGROUP_VERSION=v2; CGROUP_ROOTS=("$own/$name")
  else
    local controller dir
    for controller in memory pids; do
      dir="/sys/fs/cgroup/$controller$(awk -F: -v c="$controller" '$2 ~ "(^|,)"c"(,|$)" {print $3}' /proc/self/cgroup)"
      mkdir "$dir/$name" 2>/dev/null && CGROUP_ROOTS+=("$dir/$name")
    done
    [ "${#CGROUP_ROOTS[@]}" = 2 ] && CGROUP_VERSION=v1
  fi
  if [ -z "$CGROUP_VERSION" ]; then
    for dir in "${CGROUP_ROOTS[@]}"; do rmdir "$dir"; done
    CGROUP_ROOTS=()
    echo "cgroups: none writable here: the box's memory (shared, memfd) is not capped in this check (a worker would refuse CUDA)"
  else
    echo "cgroups: $CGROUP_VERSION under ${CGROUP_ROOTS[*]}"
    [ -n "${SANDBOX_USER:-}" ] && chown -R "$SANDBOX_USER" "${CGROUP_ROOTS[@]}"
  fi
}

# box_cgroup NAME MB: a fresh cgroup for one box, MB of memory and 300 pids; CGROUP_PROCS lists
# the files the launcher joins through (empty without cgroups).
BOX_CGROUPS=()
box_cgroup() {
  local name=$1 mb=$2 root dir
  CGROUP_PROCS=()
  BOX_MEMORY_CGROUP=""
  for root in "${CGROUP_ROOTS[@]}"; do
    dir="$root/$name"
    mkdir "$dir" || continue
    BOX_CGROUPS+=("$dir")
    if [ "$CGROUP_VERSION" = v2 ]; then
      echo $((mb * 1024 * 1024)) >"$dir/memory.max"; echo 300 >"$dir/pids.max"; echo 0 >"$dir/memory.swap.max" 2>/dev/null
      BOX_MEMORY_CGROUP=$dir
    elif [ -e "$dir/memory.limit_in_bytes" ]; then
      echo $((mb * 1024 * 1024)) >"$dir/memory.limit_in_bytes"
      BOX_MEMORY_CGROUP=$dir
    else
      echo 300 >"$dir/pids.max"
    fi
    [ -n "${SANDBOX_USER:-}" ] && chown -R "$SANDBOX_USER" "$dir"
    # v1: `tasks` moves the launcher's one thread without the kernel's grace-period wait.
    if [ "$CGROUP_VERSION" = v2 ]; then CGROUP_PROCS+=("$dir/cgroup.procs"); else CGROUP_PROCS+=("$dir/tasks"); fi
  done
}

box_cgroup_teardown() {
  local dir
  for dir in "${BOX_CGROUPS[@]}" "${CGROUP_ROOTS[@]}"; do rmdir "$dir" 2>/dev/null; done
}

# The OOM kills of the last box's memory cgroup (0 without one).
box_oom_kills() {
  local file
  [ -n "${BOX_MEMORY_CGROUP:-}" ] || { echo 0; return; }
  for file in "$BOX_MEMORY_CGROUP/memory.events" "$BOX_MEMORY_CGROUP/memory.oom_control"; do
    [ -r "$file" ] && { awk '$1 == "oom_kill" {print $2; found=1} END {if (!found) print 0}' "$file"; return; }
  done
  echo 0
}
