# The worker's bubblewrap box for the cuda profile, in bash (the GPU machine has no Node.js).
# Mirrors apps/gpu-worker/src/sandbox/box-command.ts and box-layout.ts: change them together.
#
#   box_args WORK RUN  -> fills the array BOX: WORK read-only (binaries, datasets, the
#                         launcher), RUN read-write (the program's working folder)

box_args() {
  local work=$1 run=$2
  BOX=(--unshare-ipc --unshare-pid --unshare-net --unshare-uts --unshare-cgroup-try)
  if [ "$(id -u)" = 0 ]; then
    # No user namespace: the launcher itself becomes the sandbox uid, for real.
    BOX+=(--cap-drop ALL --cap-add CAP_SETUID --cap-add CAP_SETGID)
  else
    BOX+=(--unshare-user --disable-userns)
  fi
  BOX+=(--die-with-parent --new-session --clearenv
    --setenv HOME /tmp --setenv TMPDIR /tmp --setenv PATH /usr/bin:/bin --setenv LANG C.UTF-8
    --ro-bind /usr /usr)
  local top
  for top in /bin /sbin /lib /lib32 /lib64 /libx32; do
    if [ -L "$top" ]; then BOX+=(--symlink "$(readlink "$top")" "$top")
    elif [ -d "$top" ]; then BOX+=(--ro-bind "$top" "$top"); fi
  done
  BOX+=(--perms 0755 --dir /etc)
  local etc
  for etc in /etc/ld.so.cache /etc/OpenCL /etc/alternatives; do BOX+=(--ro-bind-try "$etc" "$etc"); done
  BOX+=(--proc /proc --dev /dev --perms 1777 --size $((64 * 1024 * 1024)) --tmpfs /tmp)
  # cuda: only the NVIDIA device nodes, and sysfs read-only for the PCI topology.
  local node
  for node in /dev/nvidia*; do [ -e "$node" ] && BOX+=(--dev-bind "$node" "$node"); done
  BOX+=(--ro-bind-try /sys /sys)
  BOX+=(--ro-bind "$work" "$work" --bind "$run" "$run")
}
