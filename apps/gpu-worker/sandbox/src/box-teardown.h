/*
 * What the supervisor does once the program has ended, before it reports: end whatever else of
 * the box still runs, see whether the program filled the space it may write, and copy the files
 * it left in its folder out to the worker's run folder.
 */
#ifndef WB_BOX_TEARDOWN_H
#define WB_BOX_TEARDOWN_H

#include <stdbool.h>

#include "options.h"

/*
 * As the box's pid 1 only: kills every other process of the box's pid namespace (a linker PoCL
 * started, say) and reaps them, so nothing can change the program's files while they are read.
 */
void end_other_processes(void);

/* Whether the scratch folder, /tmp or /dev/shm has no byte or no file left. */
bool writable_space_full(const struct options *options);

/*
 * Copies each regular file with one link at the top of the scratch folder into the export
 * folder, no more bytes in all than the folder's size (sparse files). Links, folders, pipes and
 * devices stay behind. Returns -1 with `why` on failure.
 */
int export_files(const struct options *options, const char **why);

#endif
