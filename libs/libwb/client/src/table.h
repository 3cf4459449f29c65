// Aligned text tables for the terminal (attempts, dataset results, grades).
#ifndef WB_CLIENT_TABLE_H
#define WB_CLIENT_TABLE_H

#include <stddef.h>
#include <stdio.h>

typedef struct Table Table;

// `columns` headers; the last column is never padded, so long messages go there.
Table *table_new(size_t columns, const char *const *headers);
// Exactly `columns` cells; copied, made safe (text_sanitize in text.h: control characters shown,
// one column each); cells but the last cut at 100 columns. A cell that may hold NUL is made safe
// by the caller (text_member_line), as a C string would end there.
void table_add(Table *table, const char *const *cells);
void table_print(const Table *table, FILE *out, const char *indent);
void table_free(Table *table);

#endif
