/*
 * A stand-in for compute-sanitizer and ncu, as far as the worker sees them: the tool's options
 * (`--log-file NAME` among them), then the program's path and arguments. It starts the program
 * as its child (fork and exec, as the real tools do), waits for it, then writes a report in the
 * real tool's format to NAME, following links and truncating as fopen does, and exits with the
 * program's status. The report names one error, so that a forged clean one is told apart.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char SANITIZER_REPORT[] =
    "========= COMPUTE-SANITIZER\n"
    "========= Invalid __global__ write of size 4 bytes\n"
    "=========     at vecAdd(float *, float *, float *, int)+0x70 in /box/program.cu:12\n"
    "=========     by thread (232,0,0) in block (3,0,0)\n"
    "=========     Address 0x7f3a5e000fa0 is out of bounds\n"
    "=========\n"
    "========= ERROR SUMMARY: 1 error\n";

static const char NCU_REPORT[] =
    "\"ID\",\"Process ID\",\"Process Name\",\"Kernel Name\",\"Section Name\",\"Metric Name\",\"Metric Unit\",\"Metric Value\"\n"
    "\"0\",\"2\",\"program\",\"vecAdd(float *, float *, float *, int)\",\"GPU Speed Of Light Throughput\",\"Duration\",\"usecond\",\"12.83\"\n";

int main(int argc, char **argv) {
  const char *log = NULL;
  int ncu = 0, at = 1;
  /* The program is the first absolute path: no option value of either tool starts with '/'. */
  for (; at < argc && argv[at][0] != '/'; at++) {
    if (strcmp(argv[at], "--csv") == 0) ncu = 1;
    if (strcmp(argv[at], "--log-file") == 0 && at + 1 < argc) log = argv[++at];
  }
  if (!log || at == argc) return 2;
  pid_t child = fork();
  if (child < 0) return 3;
  if (child == 0) {
    execv(argv[at], argv + at);
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  FILE *report = fopen(log, "w");
  if (!report) {
    perror("==ERROR== the tool cannot write its log file");
  } else {
    fputs(ncu ? NCU_REPORT : SANITIZER_REPORT, report);
    fclose(report);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
