// wb pull: the lab's program, description, public datasets and metadata into ./<lab>/.
#include "alloc.h"
#include "api.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"
#include "files.h"
#include "local_lab.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_file(const char *dir, const char *name, const char *data, size_t length) {
  char *path = path_join(dir, name);
  int failed = file_write_atomic(path, data, length, 0644);
  if (failed) diag_error("cannot write %s: %s", path, strerror(errno));
  free(path);
  return failed ? WB_EXIT_LOCAL : WB_EXIT_OK;
}

static int make_dir(const char *path) {
  if (dir_make_all(path, 0755) == 0) return WB_EXIT_OK;
  diag_error("cannot create %s: %s", path, strerror(errno));
  return WB_EXIT_LOCAL;
}

// Refuses to overwrite a program with changes the server does not have, unless forced; forced,
// the old file is kept beside it as <program>.bak.
static int protect_local_program(const LocalLab *lab, bool force) {
  ProgramState state = local_lab_program_state(lab);
  if (state == PROGRAM_ABSENT || state == PROGRAM_UNCHANGED) return WB_EXIT_OK;
  if (!force) {
    if (state == PROGRAM_CHANGED) {
      diag_error("%s has changes that are not saved on the server; pulling would overwrite them", lab->program_path);
      diag_hint("keep them: wb save %s   (then pull)", lab->name);
    } else {
      diag_error("%s exists and was not pulled by wb; pulling would overwrite it", lab->program_path);
    }
    diag_hint("or overwrite it anyway (a copy is kept as %s.bak): wb pull %s --force", lab->program_path, lab->name);
    return WB_EXIT_CONFLICT;
  }
  char *backup = xasprintf("%s.bak", lab->program_path);
  int failed = rename(lab->program_path, backup);
  if (failed) {
    diag_error("cannot keep a copy of %s as %s: %s", lab->program_path, backup, strerror(errno));
  } else {
    diag_note("your previous %s is kept as %s", lab->program_path, backup);
  }
  free(backup);
  return failed ? WB_EXIT_LOCAL : WB_EXIT_OK;
}

static int pull_description(Api *api, const LocalLab *lab) {
  char *path = xasprintf("/mp/%s/description", lab->name);
  ApiResponse response;
  int status = api_call(api, "GET", path, NULL, &response);
  if (status == WB_EXIT_OK && response.status != 200) status = api_explain(api, &response, "reading the description");
  if (status == WB_EXIT_OK) {
    // The contract is an HTML fragment; a JSON string holding it is accepted as well.
    const JsonValue *json = response.json;
    if (json != NULL && json_string(json) == NULL) {
      diag_error("the description of %s is not HTML", lab->name);
      status = WB_EXIT_SERVER;
    } else if (json != NULL) {
      status = write_file(lab->dir, "description.html", json_string(json), json_string_length(json));
    } else {
      status = write_file(lab->dir, "description.html", response.http.body.data, response.http.body.len);
    }
  }
  api_response_free(&response);
  free(path);
  return status;
}

static int pull_dataset(Api *api, const LocalLab *lab, long long id, const JsonValue *files) {
  char *dir = xasprintf("%s/datasets/%lld", lab->dir, id);
  int status = make_dir(dir);
  for (size_t i = 0; status == WB_EXIT_OK && i < json_array_length(files); i++) {
    const char *file = json_string(json_array_at(files, i));
    if (file == NULL || !is_safe_file_name(file)) {
      char *shown = text_single_line(file ? file : "(not a string)");
      diag_error("dataset %lld of %s lists a file named \"%s\"; refusing to write it", id, lab->name, shown);
      free(shown);
      status = WB_EXIT_SERVER;
      break;
    }
    char *path = xasprintf("/mp/%s/datasets/%lld/%s", lab->name, id, file);
    char *doing = xasprintf("downloading dataset %lld/%s", id, file);
    ApiResponse response;
    status = api_call(api, "GET", path, NULL, &response);
    if (status == WB_EXIT_OK && response.status != 200) status = api_explain(api, &response, doing);
    if (status == WB_EXIT_OK) status = write_file(dir, file, response.http.body.data, response.http.body.len);
    api_response_free(&response);
    free(doing);
    free(path);
  }
  free(dir);
  return status;
}

static int pull_datasets(Api *api, const LocalLab *lab, size_t *count) {
  *count = 0;
  char *path = xasprintf("/mp/%s/datasets", lab->name);
  ApiResponse response;
  int status = api_call_expect(api, "GET", path, NULL, 200, "listing the datasets", &response);
  free(path);
  if (status == WB_EXIT_OK && !json_is(response.json, JSON_ARRAY)) {
    diag_error("the server's list of datasets of %s is not a list", lab->name);
    status = WB_EXIT_SERVER;
  }
  for (size_t i = 0; status == WB_EXIT_OK && i < json_array_length(response.json); i++) {
    const JsonValue *dataset = json_array_at(response.json, i);
    long long id;
    if (!json_integer(json_get(dataset, "id"), &id) || id < 0) {
      diag_error("dataset %zu of %s has no valid id", i, lab->name);
      status = WB_EXIT_SERVER;
      break;
    }
    status = pull_dataset(api, lab, id, json_get(dataset, "files"));
    if (status == WB_EXIT_OK) (*count)++;
  }
  api_response_free(&response);
  return status;
}

static int pull(int argc, char **argv) {
  CliOption options[] = {{"--force", false, NULL, false}};
  const char *name;
  int status = command_parse_lab("wb pull", options, 1, argc, argv, &name);
  if (status != WB_EXIT_OK) return status;
  bool force = options[0].given;

  Api api;
  if ((status = api_open(&api)) != WB_EXIT_OK) return status;
  char *path = xasprintf("/mp/%s", name);
  ApiResponse meta;
  status = api_call_expect(&api, "GET", path, NULL, 200, "reading the lab", &meta);
  free(path);
  if (status == WB_EXIT_OK && !json_is(meta.json, JSON_OBJECT)) {
    diag_error("the server's description of lab %s is not a JSON object", name);
    status = WB_EXIT_SERVER;
  }
  if (status != WB_EXIT_OK) {
    api_response_free(&meta);
    api_close(&api);
    return status;
  }

  // Into the lab's existing folder (which may be the one we are in), else a new ./<lab>/.
  char *dir = local_lab_locate(name);
  if (dir == NULL) dir = xstrdup(name);
  LocalLab lab;
  JsonValue *metadata = meta.json;
  meta.json = NULL;
  api_response_free(&meta);
  status = local_lab_from_metadata(name, dir, metadata, &lab);
  JsonValue *previous = local_lab_read_state(dir);
  free(dir);
  if (status != WB_EXIT_OK) {
    json_free(previous);
    api_close(&api);
    return status;
  }
  const JsonValue *previous_sync = json_get(previous, "sync");
  if (previous_sync) json_object_set(lab.state, "sync", json_clone(previous_sync));
  json_free(previous);

  status = protect_local_program(&lab, force);
  ApiResponse program = {0};
  if (status == WB_EXIT_OK) {
    path = xasprintf("/mp/%s/program", name);
    status = api_call_expect(&api, "GET", path, NULL, 200, "reading your program", &program);
    free(path);
  }
  const JsonValue *text = json_get(program.json, "program");
  long long revision = 0;
  if (status == WB_EXIT_OK && (json_string(text) == NULL || !json_integer(json_get(program.json, "revision"), &revision))) {
    diag_error("the server's answer for your program of %s lacks the program or its revision", name);
    status = WB_EXIT_SERVER;
  }
  size_t datasets = 0;
  if (status == WB_EXIT_OK) status = make_dir(lab.dir);
  if (status == WB_EXIT_OK) status = pull_description(&api, &lab);
  if (status == WB_EXIT_OK) status = pull_datasets(&api, &lab, &datasets);
  if (status == WB_EXIT_OK) {
    char *file = strrchr(lab.program_path, '/') + 1;
    status = write_file(lab.dir, file, json_string(text), json_string_length(text));
  }
  if (status == WB_EXIT_OK) {
    status = local_lab_record_sync(&lab, api.config.server, revision, json_get_string(program.json, "savedAt", NULL),
                                   json_string(text), json_string_length(text));
  }
  if (status == WB_EXIT_OK) {
    bool template = false;
    json_bool(json_get(program.json, "fromTemplate"), &template);
    char *title = text_single_line(json_get_string(lab.state, "title", name));
    printf("Pulled %s (%s) into %s/\n", name, title, lab.dir);
    printf("  %-18s %s\n", strrchr(lab.program_path, '/') + 1,
           template ? "the lab's template (nothing saved on the server yet)" : "your latest saved program");
    char *saved_at = text_member_line(program.json, "savedAt", "?");
    if (!template) printf("  %-18s revision %lld, saved %s\n", "", revision, saved_at);
    free(saved_at);
    printf("  %-18s the lab's description\n", "description.html");
    printf("  %-18s %zu public dataset%s\n", "datasets/", datasets, datasets == 1 ? "" : "s");
    printf("Next: edit the program, then: wb run %s\n", name);
    free(title);
  }
  api_response_free(&program);
  local_lab_free(&lab);
  api_close(&api);
  return status;
}

const Command COMMAND_PULL = {
    "pull",
    "download a lab: your program, its description and public datasets",
    "usage: wb pull LAB [--force]\n"
    "\n"
    "Downloads into ./LAB/ (or the current folder, if it is LAB's):\n"
    "  program.cpp / program.cu   your latest saved program, or the lab's template\n"
    "  description.html           what the lab asks for\n"
    "  datasets/N/                the public datasets: input files and the expected output\n"
    "  .wb-lab.json               the lab's settings (how to build it too) and the revision you pulled\n"
    "\n"
    "wb refuses to overwrite a program you changed since it was pulled or saved.\n"
    "\n"
    "options:\n"
    "  --force   overwrite a changed program anyway; the old one is kept as program.<ext>.bak\n"
    "\n"
    "example:\n"
    "  $ wb pull vector-add\n"
    "  Pulled vector-add (Vector addition) into vector-add/\n",
    pull,
};
