// What save, submit and grade share: the local program as the JSON API wants it, and keeping
// .wb-lab.json's record in step with what the server now holds.
#ifndef WB_CLIENT_PROGRAM_UPLOAD_H
#define WB_CLIENT_PROGRAM_UPLOAD_H

#include "api.h"
#include "buf.h"
#include "local_lab.h"

// Reads the program and starts a JSON body with it: `{"program":"..."` — the caller adds its
// other members and the closing brace. Returns the exit code (explained).
int program_upload_body(const LocalLab *lab, Buf *body, char **program, size_t *length);
// After the server stored the program (submit saves it too): if the server's latest program is
// the same text, records its revision, so a later `wb save` is not refused as stale. Best effort:
// a failure only costs that convenience, and is not reported.
void program_upload_sync(Api *api, LocalLab *lab, const char *program, size_t length);

#endif
