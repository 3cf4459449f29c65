// wbSolution: local mode checks against -e; graded mode writes -o for the worker to check.
#include "wb.h"

#include "compare.h"
#include "errors.h"
#include "export.h"
#include "files.h"
#include "output_type.h"
#include "report.h"

#include <cstdio>
#include <string>
#include <type_traits>

namespace {

using wb_internal::OutputType;
using wb_internal::Verdict;

// What the program handed over, for messages about a mismatch with -t.
enum class Produced { Numbers, Image, Text };

// -t names the lab's output; handing over another kind of data is a programming error the
// platform would only report as an unreadable output, so stop here and say what to pass.
void requireMatchingType(wbArg_t args, Produced produced) {
  const OutputType type = wb_internal::outputTypeOf(args.type);
  const bool matches = type == OutputType::Unspecified || type == OutputType::Unknown || type == OutputType::None ||
                       (produced == Produced::Numbers && wb_internal::isNumericType(type)) ||
                       (produced == Produced::Image && type == OutputType::Image) ||
                       (produced == Produced::Text && type == OutputType::Text);
  if (matches) return;
  const char *wanted = type == OutputType::Image  ? "an image: call wbSolution(args, image) with a wbImage_t"
                       : type == OutputType::Text ? "text: call wbSolution(args, text, length) with a char *"
                                                  : "numbers: call wbSolution(args, data, rows) or "
                                                    "wbSolution(args, data, rows, cols)";
  wb_internal::fatal(std::string("wbSolution: this lab's output (-t ") + args.type + ") is " + wanted);
}

// The expected output, parsed by `parse`; an unreadable one stops the program naming the file.
template <typename Parse> auto readExpected(const char *path, Parse parse) -> decltype(parse(std::string())) {
  try {
    return parse(wb_internal::readWholeFile(path));
  } catch (const wb_internal::FormatError &e) {
    wb_internal::fatalFile(path, e.what());
  }
}

// Prints the verdict (local mode), records the outcome and writes the report.
wbBool finish(bool written, const Verdict *verdict) {
  const bool checked = verdict != nullptr;
  if (checked) {
    std::printf("%s\n", verdict->message.c_str());
    std::fflush(stdout);
  } else if (!written) {
    std::fprintf(stderr, "libwb: wbSolution: the solution was not checked: give -e (expected output) or -o (output file)\n");
  }
  {
    auto lock = wb_internal::lockState();
    wb_internal::SolutionRecord &record = wb_internal::state(lock).solution;
    record.produced = written || checked;
    record.checked = checked;
    record.correct = checked && verdict->correct;
    record.message = checked ? verdict->message : std::string();
  }
  // Now, not only at exit: a program that crashes while cleaning up still gets graded.
  wb_internal::writeReport();
  return checked ? verdict->correct : written;
}

double toleranceOr(wbArg_t args, double fallback) { return args.tolerance >= 0 ? args.tolerance : fallback; }

template <typename T> wbBool numericSolution(wbArg_t args, const T *data, int rows, int cols, bool matrix) {
  if (rows < 0 || cols < 0) {
    wb_internal::fatal("wbSolution: negative size " + std::to_string(rows) +
                       (matrix ? " x " + std::to_string(cols) : std::string()));
  }
  if (data == nullptr && rows > 0 && cols > 0) wb_internal::fatal("wbSolution: the data pointer is NULL");
  requireMatchingType(args, Produced::Numbers);

  // Written in both modes when -o is given: graded mode needs it, and locally it is handy.
  const bool written = args.outputFile != nullptr;
  if (written) wb_internal::exportNumbers("wbSolution", args.outputFile, data, rows, cols, matrix);
  if (args.expectedOutput == nullptr) return finish(written, nullptr);

  const OutputType type = wb_internal::outputTypeOf(args.type);
  Verdict verdict = wb_internal::correctVerdict();
  if (type != OutputType::None) {
    // With -t the lab's type decides, as it does for the worker; by hand, the call does.
    const bool typed = wb_internal::isNumericType(type);
    const wb_internal::NumericRule rule{
        typed ? wb_internal::isIntegralType(type) : std::is_integral<T>::value,
        toleranceOr(args, wb_internal::kDefaultTolerance),
        typed ? type == OutputType::Matrix : matrix,
    };
    const wb_internal::FileKind kind = wb_internal::fileKindOf(args.expectedOutput);
    const wb_internal::NumericFile expected = readExpected(
        args.expectedOutput, [kind](std::string text) { return wb_internal::NumericFile::parse(std::move(text), kind); });
    try {
      verdict = wb_internal::compareNumbers(expected, data, wb_internal::Shape{rows, cols, matrix}, rule);
    } catch (const wb_internal::FormatError &e) { // a value of the expected file that is not a number
      wb_internal::fatalFile(args.expectedOutput, e.what());
    }
  }
  return finish(written, &verdict);
}

wbBool textSolution(wbArg_t args, const char *text, int length) {
  if (length < 0) wb_internal::fatal("wbSolution: negative length " + std::to_string(length));
  if (text == nullptr && length > 0) wb_internal::fatal("wbSolution: the text pointer is NULL");
  requireMatchingType(args, Produced::Text);
  const bool written = args.outputFile != nullptr;
  if (written) wb_internal::exportText("wbSolution", args.outputFile, text, length);
  if (args.expectedOutput == nullptr) return finish(written, nullptr);
  Verdict verdict = wb_internal::correctVerdict();
  if (wb_internal::outputTypeOf(args.type) != OutputType::None) {
    const std::string expected = readExpected(args.expectedOutput, [](std::string bytes) { return bytes; });
    verdict = wb_internal::compareText(expected, std::string_view(text == nullptr ? "" : text, static_cast<std::size_t>(length)));
  }
  return finish(written, &verdict);
}

bool untypedAs(wbArg_t args, OutputType wanted) { return wb_internal::outputTypeOf(args.type) == wanted; }

} // namespace

wbBool wbSolution(wbArg_t args, const float *data, int rows) { return numericSolution(args, data, rows, 1, false); }
wbBool wbSolution(wbArg_t args, const float *data, int rows, int cols) { return numericSolution(args, data, rows, cols, true); }
wbBool wbSolution(wbArg_t args, const int *data, int rows) { return numericSolution(args, data, rows, 1, false); }
wbBool wbSolution(wbArg_t args, const int *data, int rows, int cols) { return numericSolution(args, data, rows, cols, true); }
wbBool wbSolution(wbArg_t args, const unsigned int *data, int rows) { return numericSolution(args, data, rows, 1, false); }
wbBool wbSolution(wbArg_t args, const unsigned int *data, int rows, int cols) {
  return numericSolution(args, data, rows, cols, true);
}
wbBool wbSolution(wbArg_t args, const unsigned char *data, int rows) { return numericSolution(args, data, rows, 1, false); }
wbBool wbSolution(wbArg_t args, const unsigned char *data, int rows, int cols) {
  return numericSolution(args, data, rows, cols, true);
}

wbBool wbSolution(wbArg_t args, const char *text, int length) { return textSolution(args, text, length); }

wbBool wbSolution(wbArg_t args, wbImage_t img) {
  if (img == nullptr) wb_internal::fatal("wbSolution: the image is NULL");
  requireMatchingType(args, Produced::Image);
  const bool written = args.outputFile != nullptr;
  if (written) {
    wb_internal::exportImage("wbSolution", args.outputFile, img);
  } else {
    wb_internal::warnAboutNaNs("wbSolution", img); // the check below sees NaN as 0, as the worker will
  }
  if (args.expectedOutput == nullptr) return finish(written, nullptr);
  Verdict verdict = wb_internal::correctVerdict();
  if (!untypedAs(args, OutputType::None)) {
    // Whatever its name, the expected output of an image is a PPM, as for the worker.
    const wb_internal::PpmImage expected = readExpected(args.expectedOutput, wb_internal::parsePpm);
    verdict = wb_internal::compareImage(expected, *img, toleranceOr(args, wb_internal::kDefaultImageTolerance));
  }
  return finish(written, &verdict);
}

// The original's untyped form: -t says what the buffer holds.
wbBool wbSolution(wbArg_t args, const void *data, int rows) {
  if (untypedAs(args, OutputType::Text)) return textSolution(args, static_cast<const char *>(data), rows);
  if (untypedAs(args, OutputType::IntegralVector) || untypedAs(args, OutputType::Histogram))
    return numericSolution(args, static_cast<const int *>(data), rows, 1, false);
  return numericSolution(args, static_cast<const float *>(data), rows, 1, false);
}

wbBool wbSolution(wbArg_t args, const void *data, int rows, int cols) {
  if (untypedAs(args, OutputType::IntegralVector) || untypedAs(args, OutputType::Histogram))
    return numericSolution(args, static_cast<const int *>(data), rows, cols, true);
  return numericSolution(args, static_cast<const float *>(data), rows, cols, true);
}
