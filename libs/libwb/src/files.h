// Whole-file reads and writes, and the kind of file an extension names.
#ifndef WB_SRC_FILES_H
#define WB_SRC_FILES_H

#include <string>

namespace wb_internal {

// How libwb reads and writes a file, chosen by its extension (case-insensitive) as the
// platform's comparator does: anything unknown is raw.
enum class FileKind { Raw, Csv, Tsv, Ppm, Text };

FileKind fileKindOf(const std::string &path);
const char *fileKindName(FileKind kind); // "raw", "csv", ... for messages

// The file's bytes. Throws FormatError ("cannot open: <reason>") without naming the path: the
// caller names it, as it knows what the file is for.
std::string readWholeFile(const std::string &path);

// Replaces the file's contents. Throws FormatError like readWholeFile.
void writeWholeFile(const std::string &path, const std::string &contents);

// The text without a leading UTF-8 byte order mark, which spreadsheet programs put in csv files
// and which the platform's comparator (JavaScript's trim) ignores.
std::string withoutByteOrderMark(std::string text);

} // namespace wb_internal

#endif
