// Expected: killed by SIGSYS. No second exec in the cuda profile either.
#include <cstdio>
#include <unistd.h>

int main() {
  cudaFree(0);
  char sh[] = "/bin/sh", dash_c[] = "-c", script[] = "echo ESCAPED: exec worked";
  char *argv[] = {sh, dash_c, script, nullptr};
  execv("/bin/sh", argv);
  std::printf("execv returned\n");
  return 0;
}
