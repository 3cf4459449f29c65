/*
 * The rest of a box made ahead's command line (options.h, --request-fd): written by the worker
 * once a run is asked for, NUL-separated, ended by closing the pipe.
 */
#ifndef WB_REQUEST_H
#define WB_REQUEST_H

#include "options.h"

/* Reads and parses the request into `options`. Returns 0, 1 when it was empty (the box is not
 * needed), -1 with `why` on a request that cannot be read or parsed. */
int read_request(struct options *options, const char **why);

#endif
