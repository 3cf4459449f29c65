// Messages to the person at the terminal, on stderr so that stdout stays the command's output.
#ifndef WB_CLIENT_DIAG_H
#define WB_CLIENT_DIAG_H

// "wb: error: ..." — what went wrong.
void diag_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
// "wb: warning: ..." — worth knowing, the command goes on.
void diag_warn(const char *format, ...) __attribute__((format(printf, 1, 2)));
// "  hint: ..." — what to do about the error just printed.
void diag_hint(const char *format, ...) __attribute__((format(printf, 1, 2)));
// A plain progress line ("compiling ...").
void diag_note(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
