// Text files (.txt, the "Text" type) and flag files.
#include "harness.h"

#include <cstdlib>
#include <cstring>

using namespace wbtest;

TEST_CASE(textImport, "text: .txt and \"Text\" import return the bytes, NUL-terminated, with their length") {
  const std::string contents = "Hello, GPU\r\nline two\n\xC3\xA9\n";
  writeFile("hello.txt", contents);
  int length = -1, cols = -1;
  char *text = reinterpret_cast<char *>(wbImport("hello.txt", &length));
  CHECK_EQ(length, static_cast<int>(contents.size()));
  CHECK_EQ(std::string(text), contents);
  std::free(text);
  // Whatever the type asked for: a .txt file is text.
  text = static_cast<char *>(wbImport("hello.txt", &length, &cols, "Integer"));
  CHECK_EQ(cols, 1);
  CHECK_EQ(std::string(text, static_cast<std::size_t>(length)), contents);
  std::free(text);
  // And "Text" reads any file as text.
  writeFile("numbers.raw", "2\n1 2\n");
  text = static_cast<char *>(wbImport("numbers.raw", &length, "Text"));
  CHECK_EQ(std::string(text), std::string("2\n1 2\n"));
  std::free(text);
  writeFile("empty.txt", "");
  text = static_cast<char *>(wbImport("empty.txt", &length, "Text"));
  CHECK_EQ(length, 0);
  CHECK_EQ(text[0], '\0');
  std::free(text);

  const Run missing = runProgram([] {
    int n;
    wbImport("missing.txt", &n);
  });
  CHECK_EQ(missing.exitCode, 1);
  CHECK_CONTAINS(missing.err, "libwb: missing.txt: cannot open: No such file or directory\n");
}

TEST_CASE(textExport, "text: export writes the bytes as they are and reads back") {
  const char text[] = "a\0b\nc";
  wbExport("out.txt", text, 5);
  CHECK(readFile("out.txt") == std::string(text, 5));
  int length = -1;
  char *back = reinterpret_cast<char *>(wbImport("out.txt", &length));
  CHECK_EQ(length, 5);
  CHECK(std::memcmp(back, text, 5) == 0);
  std::free(back);
  wbExport("empty.txt", static_cast<const char *>(nullptr), 0);
  CHECK_EQ(readFile("empty.txt"), std::string());
  const Run negative = runProgram([] { wbExport("x.txt", "abc", -1); });
  CHECK_CONTAINS(negative.err, "libwb: wbExport: negative length -1");
}

TEST_CASE(flagImport, "wbImport_flag reads one integer") {
  writeFile("flag.txt", "1\n");
  CHECK_EQ(wbImport_flag("flag.txt"), 1);
  writeFile("flag.raw", "  -7  \r\n\n");
  CHECK_EQ(wbImport_flag("flag.raw"), -7);
  struct Bad {
    const char *file;
    const char *contents;
    const char *message;
  };
  const Bad cases[] = {
      {"empty", "", "libwb: empty: expected one integer (a flag), the file is empty\n"},
      {"two", "1 2\n", "libwb: two: expected one integer (a flag), found \"1 2\"\n"},
      {"word", "yes\n", "libwb: word: expected one integer (a flag), found \"yes\"\n"},
      {"missing", nullptr, "libwb: missing: cannot open: No such file or directory\n"},
  };
  for (const Bad &bad : cases) {
    if (bad.contents != nullptr) writeFile(bad.file, bad.contents);
    const Run run = runProgram([&] { wbImport_flag(bad.file); });
    CHECK_EQ(run.exitCode, 1);
    CHECK_CONTAINS(run.err, bad.message);
  }
}
