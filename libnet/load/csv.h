/* Internal: streaming RFC 4180 reader over libcsv that knows physical line numbers. */
#ifndef CNI_CSV_H
#define CNI_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/error.h>

typedef struct cni_csv cni_csv;

/* One record: fields[i] is NUL-terminated and lens[i] bytes long (no NUL inside: such records
 * are reported and not passed on). Return 0 to go on, 1 to stop reading quietly, <0 to fail. */
/* Fields past CN_MAX_COLUMNS + 1 are only counted in nfields, not stored. */
typedef int (*cni_csv_record_fn)(void *ctx, size_t line, size_t nfields, char *const *fields,
                                 const size_t *lens);

/* Start reading a file called @p name (for diagnostics). Problems of form go to @p diags. */
int cni_csv_create(cni_csv **out, const char *name, cn_diag_list *diags, cni_csv_record_fn fn,
                   void *ctx);
void cni_csv_destroy(cni_csv *r);
/* Feed the next bytes of the file; any split is fine. Malformed quoting is reported and the
 * record dropped; reading goes on at the next line. Returns 0, CN_EDATA once the file cannot be
 * read on (malformed quoting in the header, a record too long: reported), or the callback's
 * negative status. */
int cni_csv_feed(cni_csv *r, const char *data, size_t len);
/* End of file: flushes the last record, reports an unterminated quote or an empty file. */
int cni_csv_finish(cni_csv *r);
/* Whether any record had a problem of form (invalid UTF-8, NUL byte, bad quoting). */
size_t cni_csv_errors(const cni_csv *r);
/* Whether @p d, one of the reader's problems, is malformed quoting: the one problem still
 * reported on the line where the callback asked to stop (the rest of that line is parsed). */
bool cni_csv_quoting_problem(const cn_diag *d);
/* Parse a whole buffer: create, feed, finish, destroy. */
int cni_csv_parse(const char *buf, size_t len, const char *name, cn_diag_list *diags,
                  cni_csv_record_fn fn, void *ctx);

#endif
