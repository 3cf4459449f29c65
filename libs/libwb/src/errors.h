// How libwb reports a problem the program cannot recover from.
#ifndef WB_SRC_ERRORS_H
#define WB_SRC_ERRORS_H

#include <stdexcept>
#include <string>

namespace wb_internal {

// Thrown by the format and file helpers; the public entry points catch it and call fatal(),
// which adds who failed ("wbImport: ...") so helpers stay reusable.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Lab programs have no way to handle an unreadable dataset or a bad call, and a NULL they
// dereference would only hide the reason behind a segfault. So: record the message as a FATAL
// log (it reaches the report), print it on stderr, and exit(1), which writes the report.
[[noreturn]] void fatal(const std::string &message);

} // namespace wb_internal

#endif
