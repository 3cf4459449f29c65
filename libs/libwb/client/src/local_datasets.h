// The datasets `wb pull` saved under ./<lab>/datasets/<n>/: input<k>.<ext> files (in k order) and
// the expected output.<ext>.
#ifndef WB_CLIENT_LOCAL_DATASETS_H
#define WB_CLIENT_LOCAL_DATASETS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  long id;
  char **inputs;   // paths relative to the lab's folder: "datasets/0/input0.raw"
  size_t input_count;
  char *expected;  // "datasets/0/output.raw", or NULL when the dataset has none
} LocalDataset;

typedef struct {
  LocalDataset *items; // by id, ascending
  size_t count;
} LocalDatasets;

// Reads <lab_dir>/datasets/. A missing folder is no datasets, not an error; false only when the
// folder cannot be read (errno set).
bool local_datasets_list(const char *lab_dir, LocalDatasets *out);
const LocalDataset *local_datasets_find(const LocalDatasets *datasets, long id);
// "in0,in1,..." for libwb's -i.
char *local_dataset_input_list(const LocalDataset *dataset);
void local_datasets_free(LocalDatasets *datasets);

#endif
