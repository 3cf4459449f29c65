// wb's exit statuses: each kind of outcome has its own, so that scripts (and the course's
// autograder wrappers) can tell "your program is wrong" from "the server is down".
// Keep in sync with README.md and `wb --help`.
#ifndef WB_CLIENT_EXIT_CODES_H
#define WB_CLIENT_EXIT_CODES_H

enum {
  WB_EXIT_OK = 0,
  WB_EXIT_FAILED = 1,        // the program did not compile or failed a dataset; an attempt did not pass
  WB_EXIT_USAGE = 2,         // bad command line
  WB_EXIT_NOT_LOGGED_IN = 3, // no configuration yet: run wb login
  WB_EXIT_UNREACHABLE = 4,   // no HTTP answer from the server
  WB_EXIT_AUTH = 5,          // 401: the API key was refused
  WB_EXIT_NOT_FOUND = 6,     // 404: no such lab, attempt or grade
  WB_EXIT_RATE_LIMITED = 7,  // 429: too soon after the last submission
  WB_EXIT_TOO_LARGE = 8,     // 413: the program is over the lab's size limit
  WB_EXIT_REFUSED = 9,       // 400, 403 and other 4xx: the server's message says why
  WB_EXIT_CONFLICT = 10,     // 409 on save, or pull would overwrite local changes
  WB_EXIT_SERVER = 11,       // 5xx, or an answer that is not what the API promises
  WB_EXIT_TIMEOUT = 12,      // gave up waiting for an attempt or a grade
  WB_EXIT_LOCAL = 13,        // local files or tools: not pulled yet, unreadable, no compiler
  WB_EXIT_UNSUPPORTED = 14,  // the server does not offer this yet (e.g. grading)
};

#endif
