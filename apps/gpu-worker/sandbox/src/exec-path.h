/*
 * How execve is allowed exactly once.
 *
 * A seccomp filter cannot count, and cannot read the path string (it sees only the pointer).
 * So the launcher copies the program's path to a page at a random address and the filter
 * allows execve only with that exact pointer value. After the exec the program has a fresh
 * address space in which that address means nothing; to exec again it would have to guess
 * it (one of 2^33 pages, and a wrong guess kills it, as every filtered call does). Combined
 * with fork being refused, the program can never start a second program, not even /bin/sh.
 */
#ifndef WB_EXEC_PATH_H
#define WB_EXEC_PATH_H

/* Returns the copy of `path` at a random address, or NULL (errno set). */
const char *place_exec_path(const char *path);

#endif
