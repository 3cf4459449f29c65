// The build recipe from a lab's metadata: what is accepted from a server, what is refused and how
// that is said, and the compile command in a worker's order.
#include "../src/alloc.h"
#include "../src/build_recipe.h"
#include "../src/json.h"

#include "check.h"

#include <stdbool.h>
#include <stdlib.h>

// Raw JSON for each member, so that a case can put anything anywhere.
typedef struct {
  const char *toolchain, *compile_flags, *compiler, *source_file, *flags, *libwb_archive, *libraries;
} Lab;

// The openmp toolchain's recipe with the lab flags a course might set.
static const Lab OPENMP = {
    "\"openmp\"", "[\"-O2\", \"-std=c++17\"]", "\"g++\"", "\"program.cpp\"", "[\"-fopenmp\"]", "\"libwb.a\"", "[\"-lm\"]",
};

// Metadata as the gateway's labInfo serves it.
static JsonValue *metadata_of(const Lab *lab) {
  char *text = xasprintf("{\"id\": \"a-lab\", \"toolchain\": %s, \"outputType\": \"vector\", \"compileFlags\": %s,"
                         " \"build\": {\"compiler\": %s, \"sourceFile\": %s, \"flags\": %s, \"libwbArchive\": %s,"
                         " \"libraries\": %s}}",
                         lab->toolchain, lab->compile_flags, lab->compiler, lab->source_file, lab->flags, lab->libwb_archive,
                         lab->libraries);
  JsonValue *metadata = json_parse(text, strlen(text), NULL);
  free(text);
  return metadata;
}

// Expects `lab` refused with a problem that contains `expected`.
static void check_refused(const Lab *lab, const char *expected) {
  JsonValue *metadata = metadata_of(lab);
  CHECK(metadata != NULL);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_INVALID);
  bool said = problem != NULL && strstr(problem, expected) != NULL;
  CHECK(said);
  if (!said) fprintf(stderr, "  expected \"%s\" in: %s\n", expected, problem ? problem : "(none)");
  CHECK(recipe.toolchain == NULL && recipe.flags.items == NULL); // nothing left to free
  free(problem);
  json_free(metadata);
}

static void check_argv(const BuildCommand *command, const char *const *expected) {
  size_t count = 0;
  while (expected[count] != NULL) count++;
  CHECK(command->argc == count);
  for (size_t i = 0; i < count && i < command->argc; i++) CHECK_STR(command->argv[i], expected[i]);
  CHECK(command->argv[command->argc] == NULL);
}

static void test_worker_order(void) {
  Lab lab = OPENMP;
  lab.libraries = "[\"-lOpenCL\", \"-lm\"]";
  JsonValue *metadata = metadata_of(&lab);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_OK && problem == NULL);
  CHECK_STR(recipe.toolchain, "openmp");
  CHECK_STR(recipe.compiler, "g++");
  CHECK_STR(recipe.source_file, "program.cpp");
  CHECK_STR(recipe.libwb_archive, "libwb.a");

  // compiler, lab flags, toolchain flags, -I, source, -o, binary, archive, libraries
  BuildCommand command;
  build_command_make(&recipe, "/opt/libwb", "/tmp/wb-run/program", &command);
  const char *expected[] = {
      "g++", "-O2", "-std=c++17", "-fopenmp", "-I/opt/libwb/include", "program.cpp",
      "-o", "/tmp/wb-run/program", "/opt/libwb/build/libwb.a", "-lOpenCL", "-lm", NULL,
  };
  check_argv(&command, expected);
  build_command_free(&command);
  char *archive = build_recipe_archive(&recipe, "/opt/libwb");
  CHECK_STR(archive, "/opt/libwb/build/libwb.a");
  free(archive);
  build_recipe_free(&recipe);
  json_free(metadata);
}

static void test_empty_lists(void) {
  Lab cuda = {"\"cuda\"", "[]", "\"nvcc\"", "\"program.cu\"", "[]", "\"libwb_cuda.a\"", "[]"};
  JsonValue *metadata = metadata_of(&cuda);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_OK);
  BuildCommand command;
  build_command_make(&recipe, "/w", "bin", &command);
  const char *expected[] = {"nvcc", "-I/w/include", "program.cu", "-o", "bin", "/w/build/libwb_cuda.a", NULL};
  check_argv(&command, expected);
  build_command_free(&command);
  build_recipe_free(&recipe);
  json_free(metadata);
}

static void test_missing(void) {
  const char *old = "{\"id\": \"a-lab\", \"toolchain\": \"cpp\", \"compileFlags\": []}"; // from an older server
  JsonValue *metadata = json_parse(old, strlen(old), NULL);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_MISSING);
  CHECK(problem == NULL);
  json_free(metadata);

  const char *odd = "{\"toolchain\": \"cpp\", \"compileFlags\": [], \"build\": \"g++\"}";
  metadata = json_parse(odd, strlen(odd), NULL);
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_INVALID);
  CHECK_STR(problem, "build is not an object");
  free(problem);
  json_free(metadata);
}

static void test_compiler(void) {
  const char *refused[] = {
      "\"/usr/bin/g++\"", "\"./g++\"", "\"bin/nvcc\"", "\"-g++\"", "\"g++ -O2\"",
      "\"g++;rm\"",       "\"\"",      "\"..\"",       "\"g++\\u0000x\"",
  };
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    Lab lab = OPENMP;
    lab.compiler = refused[i];
    check_refused(&lab, "build.compiler ");
  }
  Lab lab = OPENMP;
  lab.compiler = "\"/bin/sh\"";
  check_refused(&lab, "build.compiler \"/bin/sh\" is not a command name such as g++");
  lab.compiler = "1";
  check_refused(&lab, "build.compiler is not a string");
  lab.compiler = "\"x86_64-linux-gnu-g++-12\""; // a versioned name is still a bare command
  JsonValue *metadata = metadata_of(&lab);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_OK);
  build_recipe_free(&recipe);
  json_free(metadata);
}

static void test_file_names(void) {
  const char *refused[] = {"\"../program.cpp\"", "\"src/program.cpp\"", "\".wb-lab.json\"", "\"\"", "null"};
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    Lab lab = OPENMP;
    lab.source_file = refused[i];
    check_refused(&lab, "build.sourceFile ");
    lab = OPENMP;
    lab.libwb_archive = refused[i];
    check_refused(&lab, "build.libwbArchive ");
  }
}

static void test_options(void) {
  Lab lab = OPENMP;
  lab.flags = "[\"-fopenmp\", \"O2\"]";
  check_refused(&lab, "build.flags[1] \"O2\" is not one option starting with '-', such as -O2");
  lab.flags = "[\"-\"]";
  check_refused(&lab, "build.flags[0]");
  lab.flags = "[\"-O2\\n-o/etc/passwd\"]"; // a newline
  check_refused(&lab, "build.flags[0]");
  lab.flags = "[\"-O2\\u0000\"]";
  check_refused(&lab, "build.flags[0]");
  lab.flags = "[2]";
  check_refused(&lab, "build.flags[0] is not a string");
  lab.flags = "\"-fopenmp\"";
  check_refused(&lab, "build.flags is not a list");
  lab = OPENMP;
  lab.libraries = "[\"m\"]";
  check_refused(&lab, "build.libraries[0] \"m\"");
  lab = OPENMP;
  lab.compile_flags = "[\"-O2\", \"main.cpp\"]";
  check_refused(&lab, "compileFlags[1] \"main.cpp\"");

  // At most BUILD_MAX_OPTIONS of each.
  Buf many = BUF_INIT;
  buf_puts(&many, "[");
  for (int i = 0; i <= BUILD_MAX_OPTIONS; i++) buf_puts(&many, i == 0 ? "\"-w\"" : ", \"-w\"");
  buf_puts(&many, "]");
  lab = OPENMP;
  lab.libraries = buf_str(&many);
  check_refused(&lab, "build.libraries has 33 entries, more than 32");
  buf_free(&many);
}

static void test_absent_members(void) {
  const char *no_flags = "{\"toolchain\": \"cpp\", \"build\": {\"compiler\": \"g++\", \"sourceFile\": \"program.cpp\","
                         " \"flags\": [], \"libwbArchive\": \"libwb.a\", \"libraries\": []}}";
  JsonValue *metadata = json_parse(no_flags, strlen(no_flags), NULL);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_INVALID);
  CHECK_STR(problem, "compileFlags is missing");
  free(problem);
  json_free(metadata);

  Lab lab = OPENMP;
  lab.toolchain = "null";
  check_refused(&lab, "toolchain is not a string");
}

// What reaches the terminal from a refused value is made safe and cut short.
static void test_messages_are_safe(void) {
  Lab lab = OPENMP;
  lab.compiler = "\"\\u001b[2Jgcc\"";
  check_refused(&lab, "build.compiler \"\xE2\x90\x9B[2Jgcc\""); // ESC shown as ␛
  char *long_name = xasprintf("\"/%0200d\"", 0);
  lab.compiler = long_name;
  JsonValue *metadata = metadata_of(&lab);
  BuildRecipe recipe;
  char *problem = NULL;
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_INVALID);
  CHECK(problem != NULL && strlen(problem) < 150 && strstr(problem, "\xE2\x80\xA6") != NULL); // cut with …
  free(problem);
  json_free(metadata);
  free(long_name);

  lab = OPENMP;
  lab.toolchain = "\"cu\\u001bda\"";
  metadata = metadata_of(&lab);
  CHECK(build_recipe_read(metadata, &recipe, &problem) == BUILD_RECIPE_OK);
  CHECK_STR(recipe.toolchain, "cu\xE2\x90\x9B"
                              "da");
  build_recipe_free(&recipe);
  json_free(metadata);
}

int main(void) {
  test_worker_order();
  test_empty_lists();
  test_missing();
  test_compiler();
  test_file_names();
  test_options();
  test_absent_members();
  test_messages_are_safe();
  return check_summary("build_recipe");
}
