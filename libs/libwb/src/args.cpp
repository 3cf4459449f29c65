// wbArg_read and its accessors: -i in0,in1,... -o output -e expected -t type [--tolerance x].
#include "errors.h"
#include "numbers.h"
#include "output_type.h"
#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace {

// Every block a wbArg_t holds, kept reachable from here: lab programs never call wbArg_delete,
// and a leak checker (-fsanitize=address) would otherwise blame libwb for the program's args.
// Leaked on purpose, like the report state, so that it outlives static destructors.
struct Blocks {
  std::mutex mutex;
  std::vector<void *> live;
};

Blocks &blocks() {
  static Blocks *instance = new Blocks();
  return *instance;
}

void *allocate(std::size_t size) {
  void *block = std::malloc(size);
  if (block == nullptr) wb_internal::fatal("wbArg_read: out of memory");
  std::lock_guard<std::mutex> lock(blocks().mutex);
  blocks().live.push_back(block);
  return block;
}

void release(void *block) {
  if (block == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(blocks().mutex);
    std::vector<void *> &live = blocks().live;
    live.erase(std::remove(live.begin(), live.end(), block), live.end());
  }
  std::free(block);
}

char *copyOf(const std::string &text) {
  char *copy = static_cast<char *>(allocate(text.size() + 1));
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

void replace(char *&field, const char *value) {
  release(field);
  field = copyOf(value);
}

// Empty pieces ("a,,b", a trailing comma) are dropped: they can only be typing slips.
std::vector<std::string> splitInputs(const char *list) {
  std::vector<std::string> files;
  std::string current;
  for (const char *p = list;; ++p) {
    if (*p == ',' || *p == '\0') {
      if (!current.empty()) files.push_back(current);
      current.clear();
      if (*p == '\0') break;
    } else {
      current += *p;
    }
  }
  return files;
}

void freeInputs(wbArg_t &args) {
  for (int i = 0; i < args.inputCount; ++i) release(args.inputFiles[i]);
  release(args.inputFiles);
  args.inputFiles = nullptr;
  args.inputCount = 0;
}

double parseTolerance(const char *text) {
  double tolerance = 0;
  if (!wb_internal::parseNumber(text, tolerance) || !std::isfinite(tolerance) || tolerance < 0)
    wb_internal::fatal(std::string("wbArg_read: --tolerance needs a number >= 0, got \"") + text + "\"");
  return tolerance;
}

void warnAboutType(const char *type) {
  if (wb_internal::outputTypeOf(type) != wb_internal::OutputType::Unknown) return;
  wbLogger_append(wbLogLevel_WARN,
                  std::string("wbArg_read: unknown output type \"") + type + "\" (known: " +
                      wb_internal::kOutputTypeNames + "); wbSolution compares by the data it is given",
                  "libwb", 0);
}

} // namespace

wbArg_t wbArg_read(int argc, char **argv) {
  // Every lab program starts here, so this is where the exit-time report gets armed.
  wb_internal::ensureReportAtExit();
  wbArg_t args{0, nullptr, nullptr, nullptr, nullptr, -1};
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool takesValue = flag == "-i" || flag == "-o" || flag == "-e" || flag == "-t" || flag == "--tolerance";
    if (!takesValue) {
      // The original ignored what it did not know; keep that, but say so.
      wbLogger_append(wbLogLevel_WARN, "wbArg_read: ignoring the argument \"" + flag + "\"", "libwb", 0);
      continue;
    }
    if (i + 1 >= argc) wb_internal::fatal("wbArg_read: " + flag + " needs a value");
    const char *value = argv[++i];
    if (flag == "-i") {
      freeInputs(args);
      const std::vector<std::string> files = splitInputs(value);
      args.inputFiles = static_cast<char **>(allocate((files.size() + 1) * sizeof(char *)));
      for (const std::string &file : files) args.inputFiles[args.inputCount++] = copyOf(file);
      args.inputFiles[args.inputCount] = nullptr;
    } else if (flag == "-o") {
      replace(args.outputFile, value);
    } else if (flag == "-e") {
      replace(args.expectedOutput, value);
    } else if (flag == "-t") {
      replace(args.type, value);
      warnAboutType(value);
    } else {
      args.tolerance = parseTolerance(value);
    }
  }
  return args;
}

void wbArg_delete(wbArg_t args) {
  freeInputs(args);
  release(args.outputFile);
  release(args.expectedOutput);
  release(args.type);
}

char *wbArg_getInputFile(wbArg_t args, int index) {
  if (index < 0 || index >= args.inputCount) {
    wb_internal::fatal("wbArg_getInputFile: input " + std::to_string(index) + " was asked for, but " +
                       std::to_string(args.inputCount) + " input file(s) were given with -i");
  }
  return args.inputFiles[index];
}

int wbArg_getInputCount(wbArg_t args) { return args.inputCount; }

char *wbArg_getOutputFile(wbArg_t args) { return args.outputFile; }

char *wbArg_getExpectedOutputFile(wbArg_t args) { return args.expectedOutput; }

char *wbArg_getType(wbArg_t args) { return args.type; }
