// What touches this machine: atomic files, the configuration, the local datasets, a pulled lab's
// state and build recipe, and running a process with a time limit that stops its whole group.
#include "../src/alloc.h"
#include "../src/build_recipe.h"
#include "../src/config.h"
#include "../src/exit_codes.h"
#include "../src/files.h"
#include "../src/local_build.h"
#include "../src/local_datasets.h"
#include "../src/local_lab.h"
#include "../src/process.h"

#include "check.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *scratch;

// Writes scratch/<relative>, creating its folder.
static void write_text(const char *relative, const char *text) {
  char *path = path_join(scratch, relative);
  char *folder = strdup(path);
  *strrchr(folder, '/') = '\0';
  CHECK(dir_make_all(folder, 0755) == 0);
  CHECK(file_write_atomic(path, text, strlen(text), 0644) == 0);
  free(folder);
  free(path);
}

static void test_files(void) {
  char *nested = path_join(scratch, "a/b/c");
  CHECK(dir_make_all(nested, 0755) == 0);
  CHECK(dir_exists(nested));
  CHECK(dir_make_all(nested, 0755) == 0); // already there
  free(nested);

  write_text("a/secret", "first");
  char *path = path_join(scratch, "a/secret");
  CHECK(file_write_atomic(path, "second", 6, 0600) == 0);
  struct stat info;
  CHECK(stat(path, &info) == 0 && (info.st_mode & 0777) == 0600);
  size_t length = 0;
  char *text = file_read(path, 100, &length);
  CHECK_STR(text, "second");
  CHECK(length == 6);
  free(text);
  CHECK(file_read(path, 5, &length) == NULL && errno == EFBIG);
  text = file_read(path, 6, &length); // exactly at the limit is fine
  CHECK(text != NULL);
  free(text);
  free(path);

  char *missing = path_join(scratch, "nope");
  CHECK(file_read(missing, 100, &length) == NULL && errno == ENOENT);
  free(missing);
  char *joined = path_join("dir/", "file");
  CHECK_STR(joined, "dir/file");
  free(joined);
}

static void test_config(void) {
  char *home = path_join(scratch, "config-home");
  setenv("XDG_CONFIG_HOME", home, 1);
  WbConfig config;
  char *problem = NULL;
  CHECK(config_load(&config, &problem) == CONFIG_MISSING);
  WbConfig saved = {"https://wb.example.edu", "wb_key123"};
  CHECK(config_save(&saved) == 0);
  char *path = config_path();
  char *expected = path_join(home, "wb/config");
  CHECK_STR(path, expected);
  struct stat info;
  CHECK(stat(path, &info) == 0 && (info.st_mode & 0777) == 0600);
  CHECK(config_load(&config, &problem) == CONFIG_OK);
  CHECK_STR(config.server, "https://wb.example.edu");
  CHECK_STR(config.api_key, "wb_key123");
  config_free(&config);

  char *broken = "server = https://wb.example.edu\nthis line is wrong\n";
  CHECK(file_write_atomic(path, broken, strlen(broken), 0600) == 0);
  CHECK(config_load(&config, &problem) == CONFIG_INVALID);
  CHECK(problem != NULL && strstr(problem, ":2:") != NULL);
  free(problem);

  setenv("XDG_CONFIG_HOME", "relative/ignored", 1); // the XDG spec says to ignore a relative one
  setenv("HOME", scratch, 1);
  char *fallback = config_path();
  char *home_config = path_join(scratch, ".config/wb/config");
  CHECK_STR(fallback, home_config);
  free(fallback);
  free(home_config);
  free(expected);
  free(path);
  free(home);
}

static void test_datasets(void) {
  char *lab = path_join(scratch, "lab");
  LocalDatasets none;
  CHECK(local_datasets_list(lab, &none) && none.count == 0); // not pulled: no datasets, no error
  local_datasets_free(&none);

  write_text("lab/datasets/10/input0.raw", "1\n1\n");
  write_text("lab/datasets/10/output.raw", "1\n2\n");
  write_text("lab/datasets/2/input10.raw", "x");
  write_text("lab/datasets/2/input2.raw", "x");
  write_text("lab/datasets/2/output.ppm", "x");
  write_text("lab/datasets/2/notes.txt", "x");
  char *ignored = path_join(scratch, "lab/datasets/extra");
  dir_make_all(ignored, 0755);
  free(ignored);

  LocalDatasets list;
  CHECK(local_datasets_list(lab, &list));
  CHECK(list.count == 2);
  CHECK(list.items[0].id == 2 && list.items[1].id == 10); // numeric order, not "10" < "2"
  char *inputs = local_dataset_input_list(&list.items[0]);
  CHECK_STR(inputs, "datasets/2/input2.raw,datasets/2/input10.raw");
  free(inputs);
  CHECK_STR(list.items[0].expected, "datasets/2/output.ppm");
  CHECK(local_datasets_find(&list, 10) == &list.items[1]);
  CHECK(local_datasets_find(&list, 3) == NULL);
  local_datasets_free(&list);
  free(lab);
}

// .wb-lab.json as `wb pull` writes it, for the openmp toolchain, with `build` as given (raw JSON).
static void write_lab_state(const char *lab, const char *build) {
  char *relative = xasprintf("%s/.wb-lab.json", lab);
  char *state = xasprintf("{\"id\": \"%s\", \"toolchain\": \"openmp\", \"compileFlags\": [\"-O2\"]%s%s}", lab,
                          build ? ", \"build\": " : "", build ? build : "");
  write_text(relative, state);
  free(state);
  free(relative);
}

#define OPENMP_BUILD                                                                                                        \
  "{\"compiler\": \"g++\", \"sourceFile\": \"program.cpp\", \"flags\": [\"-fopenmp\"], \"libwbArchive\": \"libwb.a\", "       \
  "\"libraries\": [\"-lm\"]}"

static void test_lab_state(void) {
  char *previous = getcwd(NULL, 0);
  CHECK(chdir(scratch) == 0); // labs are opened as ./<lab>/
  write_lab_state("fresh", OPENMP_BUILD);
  LocalLab lab;
  CHECK(local_lab_open("fresh", &lab) == WB_EXIT_OK);
  CHECK_STR(lab.program_path, "fresh/program.cpp");
  CHECK_STR(lab.build.compiler, "g++");
  CHECK(lab.build.flags.count == 1 && lab.build.lab_flags.count == 1);
  local_lab_free(&lab);

  fprintf(stderr, "(the next messages are expected)\n");
  write_lab_state("old", NULL); // kept by an older wb: pulling again fixes it
  CHECK(local_lab_open("old", &lab) == WB_EXIT_LOCAL);
  CHECK(lab.state == NULL && lab.program_path == NULL); // freed
  write_lab_state("slash", "{\"compiler\": \"/tmp/g++\", \"sourceFile\": \"program.cpp\", \"flags\": [], "
                           "\"libwbArchive\": \"libwb.a\", \"libraries\": []}");
  CHECK(local_lab_open("slash", &lab) == WB_EXIT_LOCAL);
  write_lab_state("flag", "{\"compiler\": \"g++\", \"sourceFile\": \"program.cpp\", \"flags\": [\"fopenmp\"], "
                          "\"libwbArchive\": \"libwb.a\", \"libraries\": []}");
  CHECK(local_lab_open("flag", &lab) == WB_EXIT_LOCAL);

  // The same answer from the server, for wb pull, is the server's fault.
  const char *old = "{\"id\": \"old\", \"toolchain\": \"cpp\", \"compileFlags\": []}";
  CHECK(local_lab_from_metadata("old", "old", json_parse(old, strlen(old), NULL), &lab) == WB_EXIT_SERVER);
  CHECK(chdir(previous) == 0);
  free(previous);
}

// A compiler that is not installed is a local problem, said as such, whatever the toolchain.
static void test_build_without_compiler(void) {
  const char *text = "{\"id\": \"new\", \"toolchain\": \"future\", \"compileFlags\": [], \"build\": {\"compiler\": "
                     "\"wb-no-such-compiler\", \"sourceFile\": \"program.fut\", \"flags\": [], \"libwbArchive\": "
                     "\"libwb.a\", \"libraries\": []}}";
  LocalLab lab;
  CHECK(local_lab_from_metadata("new", scratch, json_parse(text, strlen(text), NULL), &lab) == WB_EXIT_OK);
  char *program = path_join(scratch, "program.fut");
  CHECK_STR(lab.program_path, program);
  free(program);
  fprintf(stderr, "(the next messages are expected)\n");
  CHECK(local_build(&lab, "/nonexistent/libwb", "/nonexistent/binary", false) == WB_EXIT_LOCAL);
  local_lab_free(&lab);
}

static void test_libwb_check(void) {
  BuildRecipe cuda = {0};
  cuda.libwb_archive = "libwb_cuda.a";
  char *libwb = path_join(scratch, "libwb");
  char *missing = libwb_check(libwb, &cuda);
  CHECK(missing != NULL && strstr(missing, "include/wb.h is missing") != NULL);
  free(missing);
  write_text("libwb/include/wb.h", "");
  missing = libwb_check(libwb, &cuda);
  CHECK(missing != NULL && strstr(missing, "build/libwb_cuda.a is missing") != NULL);
  char *make_cuda = xasprintf("make -C %s cuda)", libwb); // the archive names the target, not the toolchain
  CHECK(missing != NULL && strstr(missing, make_cuda) != NULL);
  free(make_cuda);
  free(missing);
  BuildRecipe cpp = {0};
  cpp.libwb_archive = "libwb.a";
  missing = libwb_check(libwb, &cpp);
  char *make_default = xasprintf("make -C %s)", libwb);
  CHECK(missing != NULL && strstr(missing, make_default) != NULL);
  free(make_default);
  free(missing);
  write_text("libwb/build/libwb.a", "");
  CHECK(libwb_check(libwb, &cpp) == NULL);
  free(libwb);
}

static void test_process(void) {
  const char *echo[] = {"sh", "-c", "echo out; echo err >&2; echo $WB_TEST_VAR; pwd; exit 3", NULL};
  const char *env[] = {"WB_TEST_VAR=from-wb", NULL};
  ProcessSpec spec = {echo, "/", env, 5, 1024};
  ProcessResult result;
  CHECK(process_run(&spec, &result));
  CHECK(result.exit_code == 3 && result.signal == 0 && !result.timed_out);
  CHECK(strstr(buf_str(&result.output), "out\n") != NULL);
  CHECK(strstr(buf_str(&result.output), "err\n") != NULL);
  CHECK(strstr(buf_str(&result.output), "from-wb\n") != NULL);
  CHECK(strstr(buf_str(&result.output), "/\n") != NULL); // ran in cwd "/"
  process_result_free(&result);

  // A program that starts a child and hangs: at the limit, both are stopped, promptly.
  char *marker = path_join(scratch, "survivor");
  char *script = malloc(256);
  snprintf(script, 256, "(sleep 1; touch %s) & sleep 30", marker);
  const char *hang[] = {"sh", "-c", script, NULL};
  ProcessSpec hanging = {hang, NULL, NULL, 0.3, 1024};
  CHECK(process_run(&hanging, &result));
  CHECK(result.timed_out);
  CHECK(result.elapsed_ms >= 300 && result.elapsed_ms < 2000);
  process_result_free(&result);
  sleep(2);
  CHECK(!file_exists(marker)); // the background child went with its group
  free(script);
  free(marker);

  const char *chatty[] = {"sh", "-c", "yes | head -c 100000", NULL};
  ProcessSpec capped = {chatty, NULL, NULL, 5, 1000};
  CHECK(process_run(&capped, &result));
  CHECK(result.output.len == 1000 && result.dropped_bytes == 99000);
  process_result_free(&result);

  const char *crash[] = {"sh", "-c", "kill -SEGV $$", NULL};
  ProcessSpec crashing = {crash, NULL, NULL, 5, 1000};
  CHECK(process_run(&crashing, &result));
  CHECK(result.signal == 11);
  char *how = process_describe(&result, 5);
  CHECK(strstr(how, "signal 11") != NULL);
  free(how);
  process_result_free(&result);

  const char *absent[] = {"wb-no-such-command-here", NULL};
  ProcessSpec missing = {absent, NULL, NULL, 5, 1000};
  CHECK(!process_run(&missing, &result) && errno == ENOENT);
}

int main(void) {
  char template[] = "/tmp/wb-client-test-XXXXXX";
  scratch = mkdtemp(template);
  if (scratch == NULL) return 1;
  test_files();
  test_config();
  test_datasets();
  test_lab_state();
  test_build_without_compiler();
  test_libwb_check();
  test_process();
  dir_remove_tree(scratch);
  return check_summary("local");
}
