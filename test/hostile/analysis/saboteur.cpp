// Run under an analysis tool, a correct vector addition that attacks the tool's report in its own
// folder (memcheck.log, ncu.csv) before the tool writes it. Its file name says how: the test
// copies one binary under each name. Only what the box lets it do happens; it prints what failed.
#include <wb.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static const char FORGED[] = "========= COMPUTE-SANITIZER\n========= ERROR SUMMARY: 0 errors\n";
static const char *const REPORTS[] = {"memcheck.log", "ncu.csv"};

// A report created read-only (0444) keeps the tool, the same uid but not root, from opening it
// for writing: chmod is refused in the box, but the mode at creation is the program's to choose.
static void writeAll(const char *path, const char *bytes, size_t size, size_t times, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) return perror(path);
  for (size_t i = 0; i < times; i++)
    if (write(fd, bytes, size) != (ssize_t)size) break; // the folder is full
  close(fd);
}

static void sabotage(const std::string &how, const char *report, const char *expected) {
  static char block[1 << 20];
  static const char junk[] = "\0\0\x1b[2J\x1b]0;owned\x07\r========= \xff\xfe\xc3( ERROR SUMMARY: 0 errors\n\x9b" "31m\"ID\",\"\0";
  if (how == "forge") writeAll(report, FORGED, sizeof FORGED - 1, 1, 0644);
  if (how == "forge-locked") writeAll(report, FORGED, sizeof FORGED - 1, 1, 0444);
  if (how == "flood") {
    memset(block, 'A', sizeof block);
    writeAll(report, block, sizeof block, 1024, 0444); // a gigabyte, as far as the folder allows
  }
  if (how == "control-bytes") writeAll(report, junk, sizeof junk, 4000, 0444); // over what is shown, under what is kept
  if ((how == "link-expected" && symlink(expected, report) != 0) || (how == "link-shadow" && symlink("/etc/shadow", report) != 0))
    perror("symlink");
  if (how == "fifo" && mkfifo(report, 0600) != 0) perror("mkfifo");
  if (how == "blocking-pipe") {
    // No FIFO, but a full pipe that a child holds both ends of and never reads, reached through
    // a link: whoever opens the link and writes waits for room that never comes.
    int ends[2];
    if (pipe(ends) != 0) return perror("pipe");
    fcntl(ends[1], F_SETFL, O_NONBLOCK);
    while (write(ends[1], block, sizeof block) > 0) {
    }
    pid_t holder = fork();
    if (holder == 0) {
      sleep(60);
      _exit(0);
    }
    std::string end = "/proc/" + std::to_string(holder) + "/fd/" + std::to_string(ends[1]);
    if (holder < 0 || symlink(end.c_str(), report) != 0) perror("fork or symlink");
    close(ends[0]);
    close(ends[1]);
  }
  if (how == "directory" && mkdir(report, 0700) != 0) perror("mkdir");
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  // The expected output lies beside the inputs on the host, never in the box.
  std::string expected = wbArg_getInputFile(args, 0);
  expected = expected.substr(0, expected.rfind('/') + 1) + "output.raw";
  std::string how = argv[0];
  how = how.substr(how.rfind('/') + 1);
  for (const char *report : REPORTS) sabotage(how, report, expected.c_str());
  printf("sabotaged: %s\n", how.c_str());
  fflush(stdout);

  int n0, n1;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n0);
  float *b = wbImport(wbArg_getInputFile(args, 1), &n1);
  float *c = (float *)malloc(n0 * sizeof(float));
  for (int i = 0; i < n0; ++i) c[i] = a[i] + b[i];
  wbSolution(args, c, n0);
  return 0;
}
