#include "json_check.h"

#include <cctype>

namespace {

class Checker {
public:
  explicit Checker(const std::string &text) : s_(text) {}

  bool run(std::string *error) {
    skipSpace();
    const bool ok = value(0) && (skipSpace(), pos_ == s_.size() || fail("trailing characters"));
    if (!ok && error != nullptr) *error = "at offset " + std::to_string(pos_) + ": " + reason_;
    return ok;
  }

private:
  bool fail(const char *reason) {
    reason_ = reason;
    return false;
  }
  bool atEnd() const { return pos_ >= s_.size(); }
  unsigned char peek() const { return atEnd() ? 0 : static_cast<unsigned char>(s_[pos_]); }
  void skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }
  bool literal(const char *word) {
    for (const char *p = word; *p != '\0'; ++p, ++pos_)
      if (peek() != static_cast<unsigned char>(*p)) return fail("bad literal");
    return true;
  }

  bool value(int depth) {
    if (depth > 64) return fail("nested too deeply");
    switch (peek()) {
    case '{': return object(depth);
    case '[': return array(depth);
    case '"': return string();
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    default: return number();
    }
  }

  bool object(int depth) {
    ++pos_;
    skipSpace();
    if (peek() == '}') return ++pos_, true;
    for (;;) {
      skipSpace();
      if (peek() != '"') return fail("expected a key");
      if (!string()) return false;
      skipSpace();
      if (peek() != ':') return fail("expected ':'");
      ++pos_;
      skipSpace();
      if (!value(depth + 1)) return false;
      skipSpace();
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(int depth) {
    ++pos_;
    skipSpace();
    if (peek() == ']') return ++pos_, true;
    for (;;) {
      skipSpace();
      if (!value(depth + 1)) return false;
      skipSpace();
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool digits() {
    if (!std::isdigit(peek())) return fail("expected a digit");
    while (std::isdigit(peek())) ++pos_;
    return true;
  }

  bool number() {
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return false;
    }
    return true;
  }

  // One UTF-8 encoded code point, checked for every way it can be malformed.
  bool utf8() {
    const unsigned char lead = peek();
    int extra;
    unsigned long codePoint;
    if (lead >= 0xF0 && lead <= 0xF7) { extra = 3; codePoint = lead & 0x07u; }
    else if (lead >= 0xE0) { extra = 2; codePoint = lead & 0x0Fu; }
    else if (lead >= 0xC0) { extra = 1; codePoint = lead & 0x1Fu; }
    else return fail("stray UTF-8 continuation byte");
    if (lead > 0xF7) return fail("invalid UTF-8 lead byte");
    ++pos_;
    for (int i = 0; i < extra; ++i, ++pos_) {
      if ((peek() & 0xC0) != 0x80) return fail("truncated UTF-8 sequence");
      codePoint = (codePoint << 6) | (peek() & 0x3Fu);
    }
    static const unsigned long minimum[] = {0, 0x80, 0x800, 0x10000};
    if (codePoint < minimum[extra]) return fail("overlong UTF-8");
    if (codePoint >= 0xD800 && codePoint <= 0xDFFF) return fail("UTF-8 encoded surrogate");
    if (codePoint > 0x10FFFF) return fail("code point past U+10FFFF");
    return true;
  }

  bool string() {
    ++pos_;
    for (;;) {
      if (atEnd()) return fail("unterminated string");
      const unsigned char c = peek();
      if (c == '"') return ++pos_, true;
      if (c < 0x20) return fail("raw control character in a string");
      if (c >= 0x80) {
        if (!utf8()) return false;
        continue;
      }
      ++pos_;
      if (c != '\\') continue;
      const unsigned char e = peek();
      ++pos_;
      if (e == 'u') {
        for (int i = 0; i < 4; ++i, ++pos_)
          if (!std::isxdigit(peek())) return fail("bad \\u escape");
      } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
        return fail("bad escape");
      }
    }
  }

  const std::string &s_;
  std::size_t pos_ = 0;
  const char *reason_ = "";
};

} // namespace

bool isValidJson(const std::string &text, std::string *error) { return Checker(text).run(error); }
