#include "build_recipe.h"

#include "alloc.h"
#include "files.h"
#include "text.h"
#include "version.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

// How much of a refused value a message quotes.
#define SHOWN_COLUMNS 60

// The string, or NULL when `value` is not one or holds a NUL (from \u0000), which would silently
// cut it short on a command line.
static const char *plain_string(const JsonValue *value) {
  const char *text = json_string(value);
  return text != NULL && strlen(text) == json_string_length(value) ? text : NULL;
}

// A bare name, looked up in PATH: the server may pick among the commands installed here, never
// run a file of its choosing (such as one it just wrote as a dataset), nor pass an option as one.
static bool is_command_name(const char *name) {
  size_t n = strlen(name);
  if (n == 0 || n > BUILD_MAX_COMMAND_BYTES || name[0] == '-' || name[0] == '.') return false;
  return strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+._-") == n;
}

// One compiler or linker option: the leading '-' keeps it from being taken for one more file to
// compile or link, and without control characters it shows as it is in --verbose.
static bool is_option(const char *text) {
  size_t n = strlen(text);
  if (n < 2 || n > BUILD_MAX_OPTION_BYTES || text[0] != '-') return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

// "build.flags[1] \"O2\" is not one option ..." — the value made safe to print and cut short.
static char *refusal(const char *where, const JsonValue *value, const char *expected) {
  if (value == NULL) return xasprintf("%s is missing", where);
  if (json_string(value) == NULL) return xasprintf("%s is not a string", where);
  char *safe = text_single_line_n(json_string(value), json_string_length(value));
  char *shown = text_cut(safe, SHOWN_COLUMNS);
  char *problem = xasprintf("%s \"%s\" is not %s", where, shown, expected);
  free(shown);
  free(safe);
  return problem;
}

// Reads the string `key` of `object` into `out`; NULL, or why it is refused.
static char *read_name(const JsonValue *object, const char *where, const char *key, bool (*valid)(const char *),
                       const char *expected, const char **out) {
  const JsonValue *value = json_get(object, key);
  *out = plain_string(value);
  if (*out != NULL && valid(*out)) return NULL;
  char *place = xasprintf("%s%s", where, key);
  char *problem = refusal(place, value, expected);
  free(place);
  return problem;
}

// Reads the array `key` of `object`, every item one option, into `out`; NULL, or why it is refused.
static char *read_options(const JsonValue *object, const char *where, const char *key, BuildOptions *out) {
  const JsonValue *array = json_get(object, key);
  if (!json_is(array, JSON_ARRAY)) return xasprintf("%s%s is %s", where, key, array == NULL ? "missing" : "not a list");
  size_t count = json_array_length(array);
  if (count > BUILD_MAX_OPTIONS) return xasprintf("%s%s has %zu entries, more than %d", where, key, count, BUILD_MAX_OPTIONS);
  out->items = xcalloc(count, sizeof(char *));
  for (size_t i = 0; i < count; i++) {
    const JsonValue *item = json_array_at(array, i);
    const char *option = plain_string(item);
    if (option == NULL || !is_option(option)) {
      char *place = xasprintf("%s%s[%zu]", where, key, i);
      char *problem = refusal(place, item, "one option starting with '-', such as -O2");
      free(place);
      return problem;
    }
    out->items[out->count++] = option;
  }
  return NULL;
}

static bool any_text(const char *text) { return text[0] != '\0'; }

// The name only appears in messages: any text will do, made safe to print.
static char *read_toolchain(const JsonValue *metadata, char **out) {
  const char *name;
  char *problem = read_name(metadata, "", "toolchain", any_text, "a toolchain's name", &name);
  if (problem != NULL) return problem;
  char *safe = text_single_line(name);
  *out = text_cut(safe, SHOWN_COLUMNS);
  free(safe);
  return NULL;
}

// What is_command_name and is_safe_file_name accept, as a refusal says it.
#define COMMAND_NAME "a command name such as g++"
#define FILE_NAME "a plain file name (letters, digits, '.', '_', '-')"

// The checks in order; the first refusal is the answer.
static char *read_recipe(const JsonValue *metadata, const JsonValue *build, BuildRecipe *out) {
  if (!json_is(build, JSON_OBJECT)) return xstrdup("build is not an object");
  char *problem = read_toolchain(metadata, &out->toolchain);
  if (problem == NULL) problem = read_name(build, "build.", "compiler", is_command_name, COMMAND_NAME, &out->compiler);
  if (problem == NULL) problem = read_name(build, "build.", "sourceFile", is_safe_file_name, FILE_NAME, &out->source_file);
  if (problem == NULL) problem = read_name(build, "build.", "libwbArchive", is_safe_file_name, FILE_NAME, &out->libwb_archive);
  if (problem == NULL) problem = read_options(metadata, "", "compileFlags", &out->lab_flags);
  if (problem == NULL) problem = read_options(build, "build.", "flags", &out->flags);
  if (problem == NULL) problem = read_options(build, "build.", "libraries", &out->libraries);
  return problem;
}

BuildRecipeStatus build_recipe_read(const JsonValue *metadata, BuildRecipe *out, char **problem) {
  memset(out, 0, sizeof *out);
  *problem = NULL;
  const JsonValue *build = json_get(metadata, "build");
  if (build == NULL) return BUILD_RECIPE_MISSING;
  *problem = read_recipe(metadata, build, out);
  if (*problem == NULL) return BUILD_RECIPE_OK;
  build_recipe_free(out);
  return BUILD_RECIPE_INVALID;
}

void build_recipe_free(BuildRecipe *recipe) {
  free(recipe->toolchain);
  free(recipe->lab_flags.items);
  free(recipe->flags.items);
  free(recipe->libraries.items);
  memset(recipe, 0, sizeof *recipe);
}

char *build_recipe_archive(const BuildRecipe *recipe, const char *libwb_dir) {
  return xasprintf("%s/build/%s", libwb_dir, recipe->libwb_archive);
}

static void append_options(BuildCommand *command, const BuildOptions *options) {
  for (size_t i = 0; i < options->count; i++) command->argv[command->argc++] = options->items[i];
}

void build_command_make(const BuildRecipe *recipe, const char *libwb_dir, const char *binary, BuildCommand *out) {
  // compiler, -I, source, -o, binary, archive and the final NULL: 7 besides the options
  size_t size = 7 + recipe->lab_flags.count + recipe->flags.count + recipe->libraries.count;
  out->argv = xcalloc(size, sizeof(char *));
  out->argc = 0;
  out->include = xasprintf("-I%s/include", libwb_dir);
  out->archive = build_recipe_archive(recipe, libwb_dir);
  out->argv[out->argc++] = recipe->compiler;
  append_options(out, &recipe->lab_flags);
  append_options(out, &recipe->flags);
  out->argv[out->argc++] = out->include;
  out->argv[out->argc++] = recipe->source_file;
  out->argv[out->argc++] = "-o";
  out->argv[out->argc++] = binary;
  out->argv[out->argc++] = out->archive;
  append_options(out, &recipe->libraries);
  out->argv[out->argc] = NULL;
}

void build_command_free(BuildCommand *command) {
  free(command->argv);
  free(command->include);
  free(command->archive);
  memset(command, 0, sizeof *command);
}

char *libwb_locate(const char *option, const char **source) {
  if (option != NULL && option[0] != '\0') {
    *source = "--libwb";
    return path_absolute(option);
  }
  const char *env = getenv("WB_LIBWB");
  if (env != NULL && env[0] != '\0') {
    *source = "WB_LIBWB";
    return path_absolute(env);
  }
  *source = "the folder this wb was built for";
  return xstrdup(WB_LIBWB_DIR);
}

char *libwb_check(const char *dir, const BuildRecipe *recipe) {
  char *header = xasprintf("%s/include/wb.h", dir);
  char *archive = build_recipe_archive(recipe, dir);
  char *missing = NULL;
  if (!file_exists(header)) {
    missing = xasprintf("%s is missing", header);
  } else if (!file_exists(archive)) {
    // libwb's Makefile builds libwb.a by default; the CUDA build (timers that synchronize the
    // device) has its own target.
    const char *target = strcmp(recipe->libwb_archive, "libwb_cuda.a") == 0 ? " cuda" : "";
    missing = xasprintf("%s is missing (build it with: make -C %s%s)", archive, dir, target);
  }
  free(header);
  free(archive);
  return missing;
}
