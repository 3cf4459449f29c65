#include "local_datasets.h"

#include "alloc.h"
#include "buf.h"
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

// The number in a name made only of digits ("12"), else -1.
static long all_digits(const char *name) {
  if (name[0] == '\0' || strlen(name) > 9) return -1;
  for (const char *p = name; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
  }
  return strtol(name, NULL, 10);
}

// k for "input<k>.<ext>", else -1.
static long input_index(const char *name) {
  if (strncmp(name, "input", 5) != 0) return -1;
  const char *dot = strchr(name + 5, '.');
  if (dot == NULL || dot == name + 5 || dot - (name + 5) > 6) return -1;
  char digits[8];
  memcpy(digits, name + 5, (size_t)(dot - (name + 5)));
  digits[dot - (name + 5)] = '\0';
  return all_digits(digits);
}

typedef struct {
  long index;
  char *path;
} Input;

static int by_index(const void *a, const void *b) {
  long x = ((const Input *)a)->index, y = ((const Input *)b)->index;
  return (x > y) - (x < y);
}

static int by_id(const void *a, const void *b) {
  long x = ((const LocalDataset *)a)->id, y = ((const LocalDataset *)b)->id;
  return (x > y) - (x < y);
}

static bool read_dataset(const char *lab_dir, long id, LocalDataset *dataset) {
  memset(dataset, 0, sizeof *dataset);
  dataset->id = id;
  char *relative = xasprintf("datasets/%ld", id);
  char *folder = path_join(lab_dir, relative);
  DIR *dir = opendir(folder);
  free(folder);
  if (dir == NULL) {
    free(relative);
    return false;
  }
  Input *inputs = NULL;
  size_t count = 0;
  for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
    const char *name = entry->d_name;
    long index = input_index(name);
    if (index >= 0) {
      inputs = xrealloc(inputs, (count + 1) * sizeof(Input));
      inputs[count++] = (Input){index, xasprintf("%s/%s", relative, name)};
    } else if (strncmp(name, "output.", 7) == 0 && name[7] != '\0' && dataset->expected == NULL) {
      dataset->expected = xasprintf("%s/%s", relative, name);
    }
  }
  closedir(dir);
  free(relative);
  qsort(inputs, count, sizeof(Input), by_index);
  dataset->inputs = xcalloc(count, sizeof(char *));
  for (size_t i = 0; i < count; i++) dataset->inputs[i] = inputs[i].path;
  dataset->input_count = count;
  free(inputs);
  return true;
}

bool local_datasets_list(const char *lab_dir, LocalDatasets *out) {
  memset(out, 0, sizeof *out);
  char *folder = path_join(lab_dir, "datasets");
  DIR *dir = opendir(folder);
  free(folder);
  if (dir == NULL) return errno == ENOENT;
  for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
    long id = all_digits(entry->d_name);
    if (id < 0) continue;
    out->items = xrealloc(out->items, (out->count + 1) * sizeof(LocalDataset));
    if (read_dataset(lab_dir, id, &out->items[out->count])) out->count++;
  }
  closedir(dir);
  qsort(out->items, out->count, sizeof(LocalDataset), by_id);
  return true;
}

const LocalDataset *local_datasets_find(const LocalDatasets *datasets, long id) {
  for (size_t i = 0; i < datasets->count; i++) {
    if (datasets->items[i].id == id) return &datasets->items[i];
  }
  return NULL;
}

char *local_dataset_input_list(const LocalDataset *dataset) {
  Buf list = BUF_INIT;
  for (size_t i = 0; i < dataset->input_count; i++) {
    if (i > 0) buf_putc(&list, ',');
    buf_puts(&list, dataset->inputs[i]);
  }
  return buf_take(&list);
}

void local_datasets_free(LocalDatasets *datasets) {
  for (size_t i = 0; i < datasets->count; i++) {
    for (size_t k = 0; k < datasets->items[i].input_count; k++) free(datasets->items[i].inputs[k]);
    free(datasets->items[i].inputs);
    free(datasets->items[i].expected);
  }
  free(datasets->items);
  memset(datasets, 0, sizeof *datasets);
}
