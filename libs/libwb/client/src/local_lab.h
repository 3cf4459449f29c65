// A lab's local folder, ./<lab>/ as `wb pull` makes it: program.<ext>, description.html,
// datasets/<n>/, and .wb-lab.json — the lab's metadata from the server plus a "sync" record of
// the revision and fingerprint the local program last matched on the server.
#ifndef WB_CLIENT_LOCAL_LAB_H
#define WB_CLIENT_LOCAL_LAB_H

#include "build_recipe.h"
#include "json.h"

#include <stdbool.h>
#include <stddef.h>

#define LAB_STATE_FILE ".wb-lab.json"
// Larger than any lab's program limit; only guards against reading a wrong, huge file.
#define LAB_PROGRAM_MAX_BYTES ((size_t)16 * 1024 * 1024)

typedef struct {
  char *name;        // the lab's id
  char *dir;         // "<lab>" or "." (when run inside the lab's folder)
  JsonValue *state;  // the contents of .wb-lab.json
  BuildRecipe build;  // from `state`
  char *program_path; // dir/<build.sourceFile>
} LocalLab;

typedef enum {
  PROGRAM_ABSENT,    // no program file
  PROGRAM_UNCHANGED, // as last pulled or saved
  PROGRAM_CHANGED,   // edited since
  PROGRAM_UNTRACKED, // there, but wb has no record of it
} ProgramState;

// A lab id that is safe as a folder name and a URL path segment (so it is never escaped).
bool lab_name_valid(const char *lab);
// Where the lab's folder is: ./<lab>/ when it holds .wb-lab.json, else "." when ./.wb-lab.json is
// this lab's; NULL when neither (caller frees).
char *local_lab_locate(const char *lab);
// The parsed .wb-lab.json in `dir`, or NULL (quietly) when there is none or it is unreadable.
JsonValue *local_lab_read_state(const char *dir);
// Opens the pulled lab; explains what is wrong ("run wb pull first") and returns the exit code.
// A .wb-lab.json without a valid build recipe (kept by an older wb) is WB_EXIT_LOCAL: pulling
// again rewrites it.
int local_lab_open(const char *lab, LocalLab *out);
// Builds one from the server's metadata for `wb pull`. Takes `metadata` (freed on failure too);
// metadata without a valid build recipe is WB_EXIT_SERVER.
int local_lab_from_metadata(const char *lab, const char *dir, JsonValue *metadata, LocalLab *out);
void local_lab_free(LocalLab *lab);

// Reads the program (valid UTF-8, as the JSON API needs); explains and returns the exit code.
int local_lab_read_program(const LocalLab *lab, char **text, size_t *length);
ProgramState local_lab_program_state(const LocalLab *lab);
// The revision the local program was last in sync with; -1 when unknown.
long long local_lab_revision(const LocalLab *lab);
// Records that the program text `program` is revision `revision` on the server, and writes
// .wb-lab.json. Returns the exit code (explained on failure).
int local_lab_record_sync(LocalLab *lab, const char *server, long long revision, const char *saved_at, const char *program,
                          size_t length);

// From the state: the output type for -t, a dataset's name (NULL if unknown).
const char *local_lab_output_type(const LocalLab *lab);
const char *local_lab_dataset_name(const LocalLab *lab, long dataset);

#endif
