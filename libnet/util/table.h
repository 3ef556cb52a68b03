/* Internal: results as tables, described once and written in every format.
 *
 * A result is a table of typed columns (id, text, integer, real, boolean, list, sub-table) and
 * rows appended once, cell by cell. Writers turn any table into aligned text, CSV (RFC 4180,
 * formula guard), JSON records, Markdown and HTML, so the CLI's -f table|csv|json, the
 * report's page and its tables/NAME.csv can never drift apart. A document (cni_doc) gives the
 * JSON top level: a few values, then tables under their names.
 *
 * Conventions, the same in every format (README "Output formats"):
 * - reals: CSV and JSON print 17 significant digits (a double read back is the same double);
 *   text and pages print the column's display format (default "%.6g");
 * - an undefined cell (a NaN real, a NULL text, cni_table_null()) is empty in CSV, text and
 *   pages and null in JSON;
 * - a list is items joined with ';' in CSV and text, "; " on pages (so that it wraps), an
 *   array in JSON;
 * - a column's JSON key may be a path "a.b": the cell goes to the object a under key b.
 *
 * Filling a table: the cni_table_* cell functions fill the current row from left to right;
 * the row is complete when every column has a cell. Errors are sticky (git's strbuf): after a
 * failure (out of memory, a cell of the wrong type, too many cells) later calls do nothing and
 * cni_table_status() returns the first failure, so a builder checks once at the end. */
#ifndef CNI_TABLE_H
#define CNI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

typedef enum cni_col_type {
    CNI_COL_ID,    /* a node's or network's id */
    CNI_COL_TEXT,  /* any other text */
    CNI_COL_INT,   /* a whole number (counts, lines) */
    CNI_COL_REAL,  /* a double; NaN is undefined */
    CNI_COL_BOOL,  /* true/false */
    CNI_COL_LIST,  /* a list of text items */
    CNI_COL_TABLE  /* a table per cell (JSON: an array of records; only in JSON) */
} cni_col_type;

/* Where a column appears (cni_table_column_in()). CSV and JSON carry the same columns unless
 * a builder says otherwise with a reason; text and pages may show fewer. */
enum { CNI_IN_TEXT = 1, CNI_IN_CSV = 2, CNI_IN_JSON = 4, CNI_IN_PAGE = 8,
       CNI_IN_ALL = CNI_IN_TEXT | CNI_IN_CSV | CNI_IN_JSON | CNI_IN_PAGE };

typedef enum cni_table_format {
    CNI_TABLE_TEXT,     /* aligned columns for a terminal, cells escaped (cni_escape()) */
    CNI_TABLE_CSV,      /* RFC 4180: quoted only when needed, header first */
    CNI_TABLE_JSON,     /* an array of records */
    CNI_TABLE_MARKDOWN, /* a pipe table (the report's .md) */
    CNI_TABLE_HTML      /* a <table> (the report's page) */
} cni_table_format;

typedef struct cni_table cni_table;

/* A table named @p name (tables/NAME.csv in the report; also its default title). */
int cni_table_create(cni_table **out, const char *name);
void cni_table_destroy(cni_table *t);
const char *cni_table_name(const cni_table *t);
/* Name a table anew (the report's file, when one builder's table appears twice). 0 or
 * CN_ENOMEM. */
int cni_table_rename(cni_table *t, const char *name);
/* The line printed above the table in text format (NULL: none). Copied. */
int cni_table_set_title(cni_table *t, const char *title);

/* Add a column; returns its index, or a negative status (sticky). Columns come before rows. */
int cni_table_column(cni_table *t, const char *name, cni_col_type type);
/* Its JSON key ("a.b" nests; default: the name). */
int cni_table_column_json(cni_table *t, int col, const char *key);
/* Where it appears (CNI_IN_* bits; default CNI_IN_ALL, a CNI_COL_TABLE column CNI_IN_JSON). */
int cni_table_column_in(cni_table *t, int col, unsigned where);
/* printf format of a real in text and pages (default "%.6g"). Not copied: a literal. */
int cni_table_column_format(cni_table *t, int col, const char *fmt);
/* How a CNI_COL_TABLE column's cells are written in JSON (default: an array of records); the
 * same shapes as cni_doc_table_record() and cni_doc_table_keyed(). An undefined cell is null. */
typedef enum cni_json_shape {
    CNI_JSON_RECORDS, /* an array of records */
    CNI_JSON_RECORD,  /* the sub-table's single row as an object (null when it has no row) */
    CNI_JSON_KEYED    /* an object: column 0 (text) is the key, column 1 the value */
} cni_json_shape;
int cni_table_column_shape(cni_table *t, int col, cni_json_shape shape);
/* What an undefined cell shows in text and pages ("(no region)"; default: nothing). CSV and
 * JSON are unchanged (empty, null). Not copied: a literal. */
int cni_table_column_blank(cni_table *t, int col, const char *blank);
size_t cni_table_column_count(const cni_table *t);
const char *cni_table_column_name(const cni_table *t, size_t col);

/* The next cell of the current row. */
void cni_table_text(cni_table *t, const char *s);          /* ID or TEXT; NULL: undefined */
void cni_table_int(cni_table *t, long long v);             /* INT */
void cni_table_size(cni_table *t, size_t v);               /* INT */
void cni_table_real(cni_table *t, double v);               /* REAL; NaN: undefined */
void cni_table_bool(cni_table *t, bool v);                 /* BOOL */
void cni_table_null(cni_table *t);                         /* any column: undefined */
void cni_table_list(cni_table *t, const char *const *items, size_t n); /* LIST */
/* A LIST cell item by item: begin, items, end. */
void cni_table_list_begin(cni_table *t);
void cni_table_list_item(cni_table *t, const char *item);
void cni_table_list_end(cni_table *t);
/* TABLE: the cell takes @p sub (also on failure: it is destroyed then). */
void cni_table_sub(cni_table *t, cni_table *sub);

/* 0, or the first failure: CN_ENOMEM, CN_EINVAL (a builder's mistake: wrong type, too many
 * cells, a row left incomplete when written), CN_EIO (a streamed row could not be written). */
int cni_table_status(const cni_table *t);
size_t cni_table_row_count(const cni_table *t);
/* The index of the column named @p name, or -1. */
int cni_table_column_index(const cni_table *t, const char *name);
/* Cell (@p row, @p col) of an integer or real column as a double; NaN when it is undefined,
 * out of range or not a number. */
double cni_table_number(const cni_table *t, size_t row, int col);

/* How a table is written. */
/* The UTF-8 byte-order mark, which --csv-bom puts in front of CSV (Excel reads UTF-8 by it). */
#define CNI_UTF8_BOM "\xEF\xBB\xBF"

typedef struct cni_table_style {
    bool csv_guard;       /* CSV: text starting with = + - @ TAB CR gets a ' in front */
    size_t max_rows;      /* text and pages: the first max_rows rows (0: all) */
    const char *caption;  /* pages: the caption (NULL: none) */
    /* pages: text cells and headers pass through this first (the report: NFC, one line);
     * returns a malloc'd string or NULL (out of memory) */
    char *(*clean)(const char *s);
    /* pages: a list cell shows its first max_items items, then "… and 1,003,771 more" and
     * items_note (0: every item; the report keeps its page small and points to the CSV) */
    size_t max_items;
    const char *items_note; /* NULL: none */
    /* text and pages: the k-th row shown is row order[k] (NULL: the table's order; CSV and
     * JSON always keep it). The report shows the largest of hundreds of regions first */
    const size_t *order;
} cni_table_style;
#define CNI_TABLE_STYLE_INIT { true, 0, NULL, NULL, 0, NULL, NULL }

/* Write @p t in @p f to @p fp (text, CSV, JSON) or append it to @p b (every format). JSON is
 * an array of records, indented as the CLI's documents are. Returns 0, CN_ENOMEM, CN_EIO, or
 * CN_EDATA (an infinite real, which JSON cannot hold). */
int cni_table_write(const cni_table *t, cni_table_format f, const cni_table_style *st, FILE *fp);
int cni_table_append(const cni_table *t, cni_table_format f, const cni_table_style *st,
                     cni_buf *b);

/* CSV streamed: the header now, then each row as soon as it is complete, and the row is not
 * kept (memory stays flat for millions of rows). Only CSV can stream. */
int cni_table_stream_csv(cni_table *t, FILE *fp, bool csv_guard);

/* A JSON document: values and tables under keys, in the order given, as the CLI writes it. */
typedef struct cni_doc cni_doc;
int cni_doc_create(cni_doc **out);
void cni_doc_destroy(cni_doc *d);
/* Values at a key path ("parameters.seed" nests); later calls keep the first failure. */
void cni_doc_text(cni_doc *d, const char *path, const char *s); /* NULL: null */
void cni_doc_int(cni_doc *d, const char *path, long long v);
void cni_doc_real(cni_doc *d, const char *path, double v);     /* NaN: null */
void cni_doc_bool(cni_doc *d, const char *path, bool v);
void cni_doc_null(cni_doc *d, const char *path);
/* The table's records as an array at @p path. */
void cni_doc_table(cni_doc *d, const char *path, const cni_table *t);
/* The table as an object: column 0 (text) is the key, column 1 the value. */
void cni_doc_table_keyed(cni_doc *d, const char *path, const cni_table *t);
/* The table's single row as an object at @p path (nothing when it has no row). */
void cni_doc_table_record(cni_doc *d, const char *path, const cni_table *t);
/* Column @p col's cells as an array at @p path (whatever its CNI_IN_* bits). */
void cni_doc_column(cni_doc *d, const char *path, const cni_table *t, size_t col);
/* The rows as arrays of their JSON columns' values at @p path: a matrix. */
void cni_doc_table_arrays(cni_doc *d, const char *path, const cni_table *t);
/* Keep only the top-level keys listed (the others are removed, the order is kept). */
void cni_doc_retain(cni_doc *d, const char *const *keys, size_t n);
int cni_doc_status(const cni_doc *d);
/* Indented two spaces, keys in order, 17 significant digits, then a newline. */
int cni_doc_write(const cni_doc *d, FILE *fp);

/* Text escaped for HTML (& < > " ') and for Markdown (markup characters backslash-escaped,
 * < and & as entities, line breaks as spaces), appended to @p b. */
void cni_buf_html_text(cni_buf *b, const char *s);
void cni_buf_md_text(cni_buf *b, const char *s);

/* A text cell a spreadsheet would run as a formula: it starts with = + - @ TAB or CR. */
bool cni_csv_formula_like(const char *s);

#endif
