// wbArg_read and its accessors: -i in0,in1,... -o output -e expected -t type.
#include "errors.h"
#include "report.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

char *copyOf(const std::string &text) {
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  if (copy == nullptr) wb_internal::fatal("wbArg_read: out of memory");
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

void replace(char *&field, const char *value) {
  std::free(field);
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
  for (int i = 0; i < args.inputCount; ++i) std::free(args.inputFiles[i]);
  std::free(args.inputFiles);
  args.inputFiles = nullptr;
  args.inputCount = 0;
}

} // namespace

wbArg_t wbArg_read(int argc, char **argv) {
  // Every lab program starts here, so this is where the exit-time report gets armed.
  wb_internal::ensureReportAtExit();
  wbArg_t args{0, nullptr, nullptr, nullptr, nullptr};
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool takesValue = flag == "-i" || flag == "-o" || flag == "-e" || flag == "-t";
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
      args.inputFiles = static_cast<char **>(std::calloc(files.size() + 1, sizeof(char *)));
      if (args.inputFiles == nullptr) wb_internal::fatal("wbArg_read: out of memory");
      for (const std::string &file : files) args.inputFiles[args.inputCount++] = copyOf(file);
    } else if (flag == "-o") {
      replace(args.outputFile, value);
    } else if (flag == "-e") {
      replace(args.expectedOutput, value);
    } else {
      replace(args.type, value);
    }
  }
  return args;
}

void wbArg_delete(wbArg_t args) {
  freeInputs(args);
  std::free(args.outputFile);
  std::free(args.expectedOutput);
  std::free(args.type);
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
