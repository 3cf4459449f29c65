#include "local_lab.h"

#include "alloc.h"
#include "diag.h"
#include "exit_codes.h"
#include "files.h"
#include "fingerprint.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

// .wb-lab.json is written by wb; anything near this size is not one.
#define LAB_STATE_MAX_BYTES ((size_t)4 * 1024 * 1024)

bool lab_name_valid(const char *lab) { return is_safe_file_name(lab); }

static JsonValue *read_state(const char *dir, char **problem) {
  char *path = path_join(dir, LAB_STATE_FILE);
  size_t length;
  char *text = file_read(path, LAB_STATE_MAX_BYTES, &length);
  JsonValue *state = NULL;
  if (text == NULL) {
    if (problem) *problem = xasprintf("cannot read %s: %s", path, strerror(errno));
  } else {
    JsonError error;
    state = json_parse(text, length, &error);
    if (state == NULL && problem) *problem = xasprintf("%s:%d:%d: %s", path, error.line, error.column, error.message);
    if (state != NULL && !json_is(state, JSON_OBJECT)) {
      if (problem) *problem = xasprintf("%s is not a JSON object", path);
      json_free(state);
      state = NULL;
    }
  }
  free(text);
  free(path);
  return state;
}

JsonValue *local_lab_read_state(const char *dir) { return read_state(dir, NULL); }

char *local_lab_locate(const char *lab) {
  char *state_path = path_join(lab, LAB_STATE_FILE);
  bool own_folder = file_exists(state_path);
  free(state_path);
  if (own_folder) return xstrdup(lab);
  if (!file_exists(LAB_STATE_FILE)) return NULL;
  JsonValue *here = read_state(".", NULL);
  const char *id = json_get_string(here, "id", "");
  char *found = strcmp(id, lab) == 0 ? xstrdup(".") : NULL;
  json_free(here);
  return found;
}

// The state kept in the lab's folder lacks a usable recipe: written by an older wb (or edited),
// and the server's current metadata replaces it.
static int explain_local_recipe(const char *lab, const char *dir, BuildRecipeStatus status, const char *problem) {
  char *path = path_join(dir, LAB_STATE_FILE);
  if (status == BUILD_RECIPE_MISSING) {
    diag_error("%s has no build recipe: it was written by an older wb, or pulled from an older server", path);
  } else {
    diag_error("%s: %s", path, problem);
  }
  diag_hint("run wb pull %s again to update it", lab);
  diag_hint("if it refuses over unsaved changes, wb pull %s --force keeps a copy of your program (.bak)", lab);
  free(path);
  return WB_EXIT_LOCAL;
}

// The server's answer to `wb pull` lacks a usable recipe: pulling again would not help.
static int explain_server_recipe(const char *lab, BuildRecipeStatus status, const char *problem) {
  if (status == BUILD_RECIPE_MISSING) {
    diag_error("the server's description of lab %s has no build recipe, which this wb needs", lab);
    diag_hint("the server runs an older version of the platform; ask the course's staff to update it");
  } else {
    diag_error("the server's description of lab %s is not usable: %s", lab, problem);
  }
  return WB_EXIT_SERVER;
}

static int fill(LocalLab *out, const char *lab, const char *dir, JsonValue *state, bool from_server) {
  memset(out, 0, sizeof *out);
  out->name = xstrdup(lab);
  out->dir = xstrdup(dir);
  out->state = state;
  char *problem = NULL;
  BuildRecipeStatus read = build_recipe_read(state, &out->build, &problem);
  if (read != BUILD_RECIPE_OK) {
    int status = from_server ? explain_server_recipe(lab, read, problem) : explain_local_recipe(lab, dir, read, problem);
    free(problem);
    local_lab_free(out);
    return status;
  }
  out->program_path = path_join(dir, out->build.source_file);
  return WB_EXIT_OK;
}

int local_lab_open(const char *lab, LocalLab *out) {
  memset(out, 0, sizeof *out);
  char *dir = local_lab_locate(lab);
  if (dir == NULL) {
    diag_error("lab %s has not been pulled here: there is no ./%s/%s", lab, lab, LAB_STATE_FILE);
    diag_hint("run: wb pull %s", lab);
    return WB_EXIT_LOCAL;
  }
  char *problem = NULL;
  JsonValue *state = read_state(dir, &problem);
  if (state == NULL) {
    diag_error("%s", problem);
    diag_hint("run wb pull %s again to rewrite it", lab);
    free(problem);
    free(dir);
    return WB_EXIT_LOCAL;
  }
  int status = fill(out, lab, dir, state, false);
  free(dir);
  return status;
}

int local_lab_from_metadata(const char *lab, const char *dir, JsonValue *metadata, LocalLab *out) {
  return fill(out, lab, dir, metadata, true);
}

void local_lab_free(LocalLab *lab) {
  free(lab->name);
  free(lab->dir);
  json_free(lab->state);
  build_recipe_free(&lab->build);
  free(lab->program_path);
  memset(lab, 0, sizeof *lab);
}

int local_lab_read_program(const LocalLab *lab, char **text, size_t *length) {
  *text = file_read(lab->program_path, LAB_PROGRAM_MAX_BYTES, length);
  if (*text == NULL) {
    diag_error("cannot read %s: %s", lab->program_path, errno == EFBIG ? "larger than 16 MiB" : strerror(errno));
    return WB_EXIT_LOCAL;
  }
  size_t bad;
  if (!utf8_valid(*text, *length, &bad)) {
    int line = 1;
    for (size_t i = 0; i < bad; i++) line += (*text)[i] == '\n';
    diag_error("%s:%d: not valid UTF-8 (byte %zu); the server stores programs as UTF-8 text", lab->program_path, line, bad);
    diag_hint("save the file as UTF-8 in your editor");
    free(*text);
    *text = NULL;
    return WB_EXIT_LOCAL;
  }
  return WB_EXIT_OK;
}

ProgramState local_lab_program_state(const LocalLab *lab) {
  size_t length;
  char *text = file_read(lab->program_path, LAB_PROGRAM_MAX_BYTES, &length);
  if (text == NULL) return errno == ENOENT ? PROGRAM_ABSENT : PROGRAM_UNTRACKED;
  const char *recorded = json_get_string(json_get(lab->state, "sync"), "programHash", NULL);
  char actual[FINGERPRINT_SIZE];
  fingerprint(text, length, actual);
  free(text);
  if (recorded == NULL) return PROGRAM_UNTRACKED;
  return strcmp(recorded, actual) == 0 ? PROGRAM_UNCHANGED : PROGRAM_CHANGED;
}

long long local_lab_revision(const LocalLab *lab) {
  long long revision;
  return json_integer(json_get(json_get(lab->state, "sync"), "revision"), &revision) ? revision : -1;
}

int local_lab_record_sync(LocalLab *lab, const char *server, long long revision, const char *saved_at, const char *program,
                          size_t length) {
  char hash[FINGERPRINT_SIZE];
  fingerprint(program, length, hash);
  JsonValue *sync = json_new_object();
  json_object_set(sync, "server", json_new_string(server));
  json_object_set(sync, "revision", json_new_number((double)revision));
  json_object_set(sync, "savedAt", saved_at ? json_new_string(saved_at) : json_new_null());
  json_object_set(sync, "programFile", json_new_string(lab->build.source_file));
  json_object_set(sync, "programHash", json_new_string(hash));
  json_object_set(lab->state, "sync", sync);

  Buf text = BUF_INIT;
  json_write(&text, lab->state, 2);
  buf_putc(&text, '\n');
  char *path = path_join(lab->dir, LAB_STATE_FILE);
  int failed = file_write_atomic(path, text.data, text.len, 0644);
  if (failed) diag_error("cannot write %s: %s", path, strerror(errno));
  free(path);
  buf_free(&text);
  return failed ? WB_EXIT_LOCAL : WB_EXIT_OK;
}

const char *local_lab_output_type(const LocalLab *lab) { return json_get_string(lab->state, "outputType", NULL); }

const char *local_lab_dataset_name(const LocalLab *lab, long dataset) {
  const JsonValue *datasets = json_get(lab->state, "datasets");
  for (size_t i = 0; i < json_array_length(datasets); i++) {
    long long id;
    const JsonValue *entry = json_array_at(datasets, i);
    if (json_integer(json_get(entry, "id"), &id) && id == dataset) return json_get_string(entry, "name", NULL);
  }
  return NULL;
}
