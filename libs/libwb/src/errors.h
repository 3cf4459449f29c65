// How libwb reports a problem the program cannot recover from.
#ifndef WB_SRC_ERRORS_H
#define WB_SRC_ERRORS_H

#include <stdexcept>
#include <string>

namespace wb_internal {

// Thrown by the format and file helpers with what is wrong, but not which file: the public entry
// points catch it and call fatalFile(), so helpers stay reusable and every message has one shape.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Lab programs have no way to handle an unreadable dataset or a bad call, and a NULL they
// dereference would only hide the reason behind a segfault. So: record the message as a FATAL
// log (it reaches the report), print "libwb: <message>" on stderr, and exit(1), which writes the
// report.
[[noreturn]] void fatal(const std::string &message);

// fatal("<path>: <problem>"): the shape of every error about a file.
[[noreturn]] void fatalFile(const std::string &path, const std::string &problem);

} // namespace wb_internal

#endif
