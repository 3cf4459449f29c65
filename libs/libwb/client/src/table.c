#include "table.h"

#include "alloc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

// Every row is padded to the widest cell of each column but the last: one endless cell (a file
// name a program made up) would otherwise pad every row with it.
#define TABLE_MAX_PADDED_COLUMNS 100

struct Table {
  size_t columns;
  size_t rows; // the header row included
  char **cells; // rows * columns
};

Table *table_new(size_t columns, const char *const *headers) {
  Table *table = xcalloc(1, sizeof *table);
  table->columns = columns;
  table_add(table, headers);
  return table;
}

void table_add(Table *table, const char *const *cells) {
  table->cells = xrealloc(table->cells, (table->rows + 1) * table->columns * sizeof(char *));
  for (size_t c = 0; c < table->columns; c++) {
    char *safe = text_single_line(cells[c] ? cells[c] : "");
    if (c + 1 < table->columns) {
      char *cut = text_cut(safe, TABLE_MAX_PADDED_COLUMNS);
      free(safe);
      safe = cut;
    }
    table->cells[table->rows * table->columns + c] = safe;
  }
  table->rows++;
}

void table_print(const Table *table, FILE *out, const char *indent) {
  size_t *widths = xcalloc(table->columns, sizeof(size_t));
  for (size_t r = 0; r < table->rows; r++) {
    for (size_t c = 0; c < table->columns; c++) {
      size_t width = text_width(table->cells[r * table->columns + c]);
      if (width > widths[c]) widths[c] = width;
    }
  }
  for (size_t r = 0; r < table->rows; r++) {
    fputs(indent, out);
    for (size_t c = 0; c < table->columns; c++) {
      const char *cell = table->cells[r * table->columns + c];
      fputs(cell, out);
      if (c + 1 == table->columns) break;
      for (size_t pad = text_width(cell); pad < widths[c] + 2; pad++) fputc(' ', out);
    }
    fputc('\n', out);
  }
  free(widths);
}

void table_free(Table *table) {
  if (table == NULL) return;
  for (size_t i = 0; i < table->rows * table->columns; i++) free(table->cells[i]);
  free(table->cells);
  free(table);
}
