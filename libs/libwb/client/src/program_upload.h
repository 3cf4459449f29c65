// What save and submit share: the lab, a connection to the server and the local program as the
// JSON API wants it, and keeping .wb-lab.json's record in step with what the server now holds.
#ifndef WB_CLIENT_PROGRAM_UPLOAD_H
#define WB_CLIENT_PROGRAM_UPLOAD_H

#include "api.h"
#include "buf.h"
#include "local_lab.h"

typedef struct {
  LocalLab lab;
  Api api;
  // `{"program":"..."`: the caller adds its other members and the closing brace.
  Buf body;
  char *program;
  size_t length;
} ProgramUpload;

// Opens the pulled lab and the server connection, reads the program and starts the body with it.
// Returns the exit code (explained); on failure nothing is left open.
int program_upload_open(const char *lab, ProgramUpload *upload);
void program_upload_close(ProgramUpload *upload);
// After the server stored the program (submit saves it too): if the server's latest program is
// the same text, records its revision, so a later `wb save` is not refused as stale. Best effort:
// a failure only costs that convenience, and is not reported.
void program_upload_sync(Api *api, LocalLab *lab, const char *program, size_t length);

#endif
