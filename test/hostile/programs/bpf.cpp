// expect: sandbox_violation
// eBPF: kernel attack surface with no use in a lab.
#include <cstring>
#include <linux/bpf.h>
#include <sys/syscall.h>
#include <unistd.h>

int main() {
  union bpf_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.map_type = BPF_MAP_TYPE_ARRAY;
  attr.key_size = 4;
  attr.value_size = 4;
  attr.max_entries = 1;
  syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
  return 0;
}
