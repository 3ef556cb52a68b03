/* Results as tables: typed columns, rows appended once, one writer per format (table.h). */
#include "table.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct column {
    char *name, *json;  /* json: the key path */
    cni_col_type type;
    unsigned where;
    const char *fmt;    /* reals in text and pages */
    cni_json_shape shape; /* a sub-table in JSON */
    const char *blank;  /* an undefined cell in text and pages (NULL: empty) */
} column;

/* A list cell's items, packed, each ending in NUL. */
typedef struct list {
    char *items;
    size_t len, cap, n;
} list;

/* A cell: undefined, or a value of its column's type; 16 bytes (a list apart: the brokerage
 * table of generated L has 17 million cells, which took 677 MB at 40 bytes each). */
typedef struct cell {
    bool defined;
    union {
        char *s;
        long long i;
        double r;
        bool b;
        list *l;
        cni_table *sub;
    } v;
} cell;

struct cni_table {
    char *name, *title;
    column *cols;
    size_t ncols, colcap;
    cell *cells;        /* row-major */
    size_t nrows, cellcap;
    size_t cur;         /* cells filled in the row being built */
    bool in_list;
    int rc;             /* first failure */
    FILE *stream;       /* CSV streamed: rows are written when complete and not kept */
    bool stream_guard;
    cni_buf line, text, tmp; /* streaming: scratch kept from row to row (no allocation per row) */
    struct real_memo *memo;  /* streaming: reals printed (real_text()); NULL: none */
};

static int fail(cni_table *t, int rc, const char *what)
{
    if (t->rc == 0) {
        t->rc = rc == CN_ENOMEM ? cni_fail(CN_ENOMEM, "out of memory")
                                : cni_fail(rc, "table '%s': %s", t->name, what);
    }
    return t->rc;
}

int cni_table_create(cni_table **out, const char *name)
{
    cni_table *t;

    *out = NULL;
    if (!(t = calloc(1, sizeof *t)) || !(t->name = cni_strdup(name ? name : ""))) {
        free(t);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *out = t;
    return 0;
}

static void cell_fini(cell *c, cni_col_type type)
{
    if (!c->defined) {
        return;
    }
    if (type == CNI_COL_ID || type == CNI_COL_TEXT) {
        free(c->v.s);
    } else if (type == CNI_COL_LIST && c->v.l) {
        free(c->v.l->items);
        free(c->v.l);
    } else if (type == CNI_COL_TABLE) {
        cni_table_destroy(c->v.sub);
    }
    c->defined = false;
}

static void clear_rows(cni_table *t, size_t ncells)
{
    for (size_t k = 0; k < ncells; k++) {
        cell_fini(&t->cells[k], t->cols[k % t->ncols].type);
    }
}

void cni_table_destroy(cni_table *t)
{
    if (!t) {
        return;
    }
    if (t->ncols) {
        clear_rows(t, t->nrows * t->ncols + t->cur + t->in_list);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        free(t->cols[c].name);
        free(t->cols[c].json);
    }
    free(t->cols);
    free(t->cells);
    cni_buf_fini(&t->line);
    cni_buf_fini(&t->text);
    cni_buf_fini(&t->tmp);
    free(t->memo);
    free(t->name);
    free(t->title);
    free(t);
}

int cni_table_rename(cni_table *t, const char *name)
{
    char *copy = cni_strdup(name ? name : "");

    if (!copy) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    free(t->name);
    t->name = copy;
    return 0;
}

const char *cni_table_name(const cni_table *t)
{
    return t ? t->name : "";
}

int cni_table_set_title(cni_table *t, const char *title)
{
    char *copy = NULL;

    if (t->rc) {
        return t->rc;
    }
    if (title && !(copy = cni_strdup(title))) {
        return fail(t, CN_ENOMEM, NULL);
    }
    free(t->title);
    t->title = copy;
    return 0;
}

int cni_table_column(cni_table *t, const char *name, cni_col_type type)
{
    column *c;

    if (t->rc) {
        return t->rc;
    }
    if (t->nrows || t->cur) {
        return fail(t, CN_EINVAL, "a column added after the first row");
    }
    if (cni_grow((void **)&t->cols, &t->colcap, t->ncols + 1, sizeof *t->cols) < 0) {
        return fail(t, CN_ENOMEM, NULL);
    }
    c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    if (!(c->name = cni_strdup(name)) || !(c->json = cni_strdup(name))) {
        free(c->name);
        return fail(t, CN_ENOMEM, NULL);
    }
    c->type = type;
    c->where = type == CNI_COL_TABLE ? CNI_IN_JSON : CNI_IN_ALL;
    c->fmt = "%.6g";
    return (int)t->ncols++;
}

static column *col_at(cni_table *t, int col)
{
    if (t->rc) {
        return NULL;
    }
    if (col < 0 || (size_t)col >= t->ncols) {
        fail(t, CN_EINVAL, "no such column");
        return NULL;
    }
    return &t->cols[col];
}

int cni_table_column_json(cni_table *t, int col, const char *key)
{
    column *c = col_at(t, col);
    char *copy;

    if (!c) {
        return t->rc;
    }
    if (!(copy = cni_strdup(key))) {
        return fail(t, CN_ENOMEM, NULL);
    }
    free(c->json);
    c->json = copy;
    return 0;
}

int cni_table_column_in(cni_table *t, int col, unsigned where)
{
    column *c = col_at(t, col);

    if (c) {
        c->where = where;
    }
    return t->rc;
}

int cni_table_column_blank(cni_table *t, int col, const char *blank)
{
    column *c = col_at(t, col);

    if (c) {
        c->blank = blank;
    }
    return t->rc;
}

int cni_table_column_format(cni_table *t, int col, const char *fmt)
{
    column *c = col_at(t, col);

    if (c) {
        c->fmt = fmt;
    }
    return t->rc;
}

int cni_table_column_shape(cni_table *t, int col, cni_json_shape shape)
{
    column *c = col_at(t, col);

    if (c) {
        c->shape = shape;
    }
    return t->rc;
}

size_t cni_table_column_count(const cni_table *t)
{
    return t->ncols;
}

const char *cni_table_column_name(const cni_table *t, size_t col)
{
    return col < t->ncols ? t->cols[col].name : NULL;
}

int cni_table_status(const cni_table *t)
{
    return t->rc;
}

size_t cni_table_row_count(const cni_table *t)
{
    return t->nrows;
}

int cni_table_column_index(const cni_table *t, const char *name)
{
    for (size_t c = 0; t && c < t->ncols; c++) {
        if (strcmp(t->cols[c].name, name) == 0) {
            return (int)c;
        }
    }
    return -1;
}

double cni_table_number(const cni_table *t, size_t row, int col)
{
    const cell *c;

    if (!t || col < 0 || (size_t)col >= t->ncols || row >= t->nrows) {
        return NAN;
    }
    c = &t->cells[row * t->ncols + (size_t)col];
    if (!c->defined) {
        return NAN;
    }
    switch (t->cols[col].type) {
    case CNI_COL_INT: return (double)c->v.i;
    case CNI_COL_REAL: return c->v.r;
    default: return NAN;
    }
}

/* ---- filling ---- */

static void stream_row(cni_table *t, const cell *row);

/* The next cell, checked against its column's type (@p any: any type may be undefined). */
static cell *next_cell(cni_table *t, cni_col_type type, bool any)
{
    cni_col_type want;
    cell *c;

    if (t->rc) {
        return NULL;
    }
    if (t->ncols == 0 || t->in_list) {
        fail(t, CN_EINVAL, t->in_list ? "a cell inside a list" : "a cell without columns");
        return NULL;
    }
    want = t->cols[t->cur].type;
    if (!any && want != type && !(type == CNI_COL_TEXT && want == CNI_COL_ID)) {
        fail(t, CN_EINVAL, "a cell of the wrong type");
        return NULL;
    }
    if (cni_grow((void **)&t->cells, &t->cellcap, t->nrows * t->ncols + t->cur + 1,
                 sizeof *t->cells) < 0) {
        fail(t, CN_ENOMEM, NULL);
        return NULL;
    }
    c = &t->cells[t->nrows * t->ncols + t->cur];
    memset(c, 0, sizeof *c);
    return c;
}

/* The cell just filled ends the row when it is the last one. */
static void advance(cni_table *t)
{
    if (++t->cur < t->ncols) {
        return;
    }
    t->cur = 0;
    if (t->stream) {
        cell *row = &t->cells[t->nrows * t->ncols];
        stream_row(t, row);
        clear_rows(t, t->ncols); /* row 0 of the kept cells is this one */
        return;
    }
    t->nrows++;
}

void cni_table_text(cni_table *t, const char *s)
{
    cell *c = next_cell(t, CNI_COL_TEXT, s == NULL);

    if (!c) {
        return;
    }
    if (s && !(c->v.s = cni_strdup(s))) {
        fail(t, CN_ENOMEM, NULL);
        return;
    }
    c->defined = s != NULL;
    advance(t);
}

void cni_table_int(cni_table *t, long long v)
{
    cell *c = next_cell(t, CNI_COL_INT, false);

    if (c) {
        c->v.i = v;
        c->defined = true;
        advance(t);
    }
}

void cni_table_size(cni_table *t, size_t v)
{
    cni_table_int(t, v > (size_t)INT64_MAX ? INT64_MAX : (long long)v);
}

void cni_table_real(cni_table *t, double v)
{
    cell *c = next_cell(t, CNI_COL_REAL, isnan(v));

    if (c) {
        c->v.r = v;
        c->defined = !isnan(v);
        advance(t);
    }
}

void cni_table_bool(cni_table *t, bool v)
{
    cell *c = next_cell(t, CNI_COL_BOOL, false);

    if (c) {
        c->v.b = v;
        c->defined = true;
        advance(t);
    }
}

void cni_table_null(cni_table *t)
{
    if (next_cell(t, CNI_COL_TEXT, true)) {
        advance(t);
    }
}

void cni_table_list_begin(cni_table *t)
{
    cell *c = next_cell(t, CNI_COL_LIST, false);

    if (c) {
        c->defined = true;
        t->in_list = true;
        if (!(c->v.l = calloc(1, sizeof *c->v.l))) {
            fail(t, CN_ENOMEM, NULL);
        }
    }
}

void cni_table_list_item(cni_table *t, const char *item)
{
    cell *c;
    size_t n = strlen(item ? item : "") + 1;

    if (t->rc) {
        return;
    }
    if (!t->in_list) {
        fail(t, CN_EINVAL, "a list item outside a list");
        return;
    }
    c = &t->cells[t->nrows * t->ncols + t->cur];
    if (cni_grow((void **)&c->v.l->items, &c->v.l->cap, c->v.l->len + n, 1) < 0) {
        fail(t, CN_ENOMEM, NULL);
        return;
    }
    memcpy(c->v.l->items + c->v.l->len, item ? item : "", n);
    c->v.l->len += n;
    c->v.l->n++;
}

void cni_table_list_end(cni_table *t)
{
    if (t->rc) {
        return;
    }
    if (!t->in_list) {
        fail(t, CN_EINVAL, "a list ended outside a list");
        return;
    }
    t->in_list = false;
    advance(t);
}

void cni_table_list(cni_table *t, const char *const *items, size_t n)
{
    cni_table_list_begin(t);
    for (size_t k = 0; k < n; k++) {
        cni_table_list_item(t, items[k]);
    }
    cni_table_list_end(t);
}

void cni_table_sub(cni_table *t, cni_table *sub)
{
    cell *c = next_cell(t, CNI_COL_TABLE, sub == NULL);

    if (!c) {
        cni_table_destroy(sub);
        return;
    }
    if (sub && sub->rc) {
        fail(t, sub->rc, "a sub-table failed");
        cni_table_destroy(sub);
        return;
    }
    c->v.sub = sub;
    c->defined = sub != NULL;
    advance(t);
}

/* ---- cells as text ---- */

static bool numeric(const column *c)
{
    return c->type == CNI_COL_INT || c->type == CNI_COL_REAL;
}

/* " … and 1,003,771 more" after the first items of a list cut on a page, then @p note. */
static void items_left(cni_buf *b, size_t n, const char *note)
{
    char grouped[CNI_GROUPED];

    cni_buf_printf(b, " \u2026 and %s more%s", cni_grouped(grouped, n), note ? note : "");
}

/* @p i's decimal digits: printf was most of a streamed CSV's time. */
static void put_int(cni_buf *b, long long i)
{
    char digits[CNI_DIGITS];
    const char *p = cni_digits(digits, i);

    cni_buf_add(b, p, (size_t)(digits + CNI_DIGITS - 1 - p));
}

/* Integers up to 2^53 are exact doubles of at most 16 digits, which %.17g prints as the plain
 * integer (no exponent below 17 digits): degrees, coreness, strengths of whole weights. */
#define EXACT_INT_MAX 9007199254740992.0

/* Reals printed with 17 digits, remembered by their bits in REAL_MEMO slots (a slot per hash of
 * the bits, the last value printed there kept): large tables repeat their reals (brokerage's
 * expected counts are one per group and role, its z-scores one per group, role and count), and
 * printf was most of the time of writing them (at generated L, 10 million reals in
 * tables/brokerage.csv). The text is printf's, so the bytes are the same. */
#define REAL_MEMO 4096
typedef struct real_memo {
    uint64_t bits[REAL_MEMO];
    char text[REAL_MEMO][32]; /* "": an empty slot (%.17g is at most 24 characters) */
} real_memo;

/* A memo for a table of @p rows rows; NULL for a few rows, or when out of memory (printf then). */
static real_memo *real_memo_create(size_t rows)
{
    return rows >= 64 ? calloc(1, sizeof(real_memo)) : NULL;
}

static void real_text(cni_buf *b, double r, real_memo *m)
{
    uint64_t bits;
    size_t h;

    memcpy(&bits, &r, sizeof bits);
    h = (size_t)((bits * 0x9E3779B97F4A7C15ULL) >> 52) % REAL_MEMO;
    if (!m->text[h][0] || m->bits[h] != bits) {
        snprintf(m->text[h], sizeof m->text[h], "%.17g", r);
        m->bits[h] = bits;
    }
    cni_buf_puts(b, m->text[h]);
}

/* A cell as text into @p b (cleared first): reals with 17 digits when @p exact (through @p memo
 * when not NULL), else with the column's format; list items joined with @p sep, at most
 * @p items of them (0: all; see cni_table_style.max_items). */
static void cell_text(cni_buf *b, const column *col, const cell *c, bool exact, const char *sep,
                      size_t items, const char *note, real_memo *memo)
{
    cni_buf_clear(b);
    if (!c->defined) {
        return;
    }
    switch (col->type) {
    case CNI_COL_ID:
    case CNI_COL_TEXT: cni_buf_puts(b, c->v.s); break;
    case CNI_COL_INT: put_int(b, c->v.i); break;
    case CNI_COL_REAL:
        if (exact && c->v.r >= -EXACT_INT_MAX && c->v.r <= EXACT_INT_MAX
            && c->v.r == (double)(long long)c->v.r && !(c->v.r == 0 && signbit(c->v.r))) {
            put_int(b, (long long)c->v.r); /* what %.17g prints for it */
            break;
        }
        if (exact && memo) {
            real_text(b, c->v.r, memo);
            break;
        }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        cni_buf_printf(b, exact ? "%.17g" : col->fmt, c->v.r);
#pragma GCC diagnostic pop
        break;
    case CNI_COL_BOOL: cni_buf_puts(b, c->v.b ? "true" : "false"); break;
    case CNI_COL_LIST:
        for (size_t k = 0, off = 0; k < c->v.l->n; k++) {
            const char *item = c->v.l->items + off;
            if (items && k == items) {
                items_left(b, c->v.l->n - k, note);
                break;
            }
            if (k) {
                cni_buf_puts(b, sep);
            }
            cni_buf_puts(b, item);
            off += strlen(item) + 1;
        }
        break;
    case CNI_COL_TABLE: break;
    }
}

/* Output either to a FILE or to a buffer. */
typedef struct sink {
    FILE *fp;
    cni_buf *b;
} sink;

static void put(sink *s, const char *p, size_t n)
{
    if (s->fp) {
        fwrite(p, 1, n, s->fp);
    } else {
        cni_buf_add(s->b, p, n);
    }
}

static void puts_(sink *s, const char *p)
{
    put(s, p, strlen(p));
}

/* ---- CSV ---- */

bool cni_csv_formula_like(const char *s)
{
    return s && s[0] && strchr("=+-@\t\r", s[0]);
}

/* One CSV field appended to @p line: a ' in front of formula-like text when @p guard, quoted
 * only when needed, so plain cells stay plain for every reader. */
static int csv_field(cni_buf *line, const char *v, bool guard, cni_buf *tmp)
{
    size_t len;

    if (guard && cni_csv_formula_like(v)) {
        cni_buf_clear(tmp);
        cni_buf_add(tmp, "'", 1);
        cni_buf_puts(tmp, v);
        if (!cni_buf_str(tmp)) {
            return CN_ENOMEM;
        }
        v = tmp->s;
    }
    len = strlen(v);
    if (strpbrk(v, ",\"\r\n") || (len && (v[0] == ' ' || v[len - 1] == ' '))) {
        char small[512];
        size_t need = 2 * len + 2;
        char *q = need < sizeof small ? small : malloc(need + 1);
        if (!q) {
            return CN_ENOMEM;
        }
        cni_buf_add(line, q, csv_write(q, need, v, len)); /* libcsv: quoted, quotes doubled */
        if (q != small) {
            free(q);
        }
    } else {
        cni_buf_add(line, v, len);
    }
    return line->failed ? CN_ENOMEM : 0;
}

/* A row (or the header, @p row NULL) built in @p line, then written with one call. */
static int csv_row(sink *s, const cni_table *t, const cell *row, bool guard, cni_buf *line,
                   cni_buf *text, cni_buf *tmp, real_memo *memo)
{
    int rc = 0;
    bool first = true;

    cni_buf_clear(line);
    for (size_t c = 0; c < t->ncols && rc == 0; c++) {
        const column *col = &t->cols[c];
        if (!(col->where & CNI_IN_CSV)) {
            continue;
        }
        if (!first) {
            cni_buf_add(line, ",", 1);
        }
        first = false;
        if (!row) {
            rc = csv_field(line, col->name, false, tmp);
            continue;
        }
        cell_text(text, col, &row[c], true, ";", 0, NULL, memo);
        if (!cni_buf_str(text)) {
            return CN_ENOMEM;
        }
        rc = csv_field(line, text->s ? text->s : "", guard && !numeric(col), tmp);
    }
    cni_buf_add(line, "\n", 1);
    if (rc == 0 && !cni_buf_str(line)) {
        rc = CN_ENOMEM;
    }
    if (rc == 0) {
        put(s, line->s, line->len);
    }
    return rc;
}

static int write_csv(sink *s, const cni_table *t, const cni_table_style *st)
{
    cni_buf line, text, tmp;
    real_memo *memo = real_memo_create(t->nrows);
    int rc;

    cni_buf_init(&line);
    cni_buf_init(&text);
    cni_buf_init(&tmp);
    rc = csv_row(s, t, NULL, false, &line, &text, &tmp, memo);
    for (size_t r = 0; r < t->nrows && rc == 0; r++) {
        rc = csv_row(s, t, &t->cells[r * t->ncols], st->csv_guard, &line, &text, &tmp, memo);
    }
    free(memo);
    cni_buf_fini(&line);
    cni_buf_fini(&text);
    cni_buf_fini(&tmp);
    return rc < 0 ? cni_fail(CN_ENOMEM, "out of memory") : 0; /* csv_row fails only so */
}

int cni_table_stream_csv(cni_table *t, FILE *fp, bool csv_guard)
{
    sink s = { fp, NULL };
    int rc;

    if (t->rc) {
        return t->rc;
    }
    if (t->nrows || t->cur) {
        return fail(t, CN_EINVAL, "streamed after rows were added");
    }
    t->stream = fp;
    t->stream_guard = csv_guard;
    t->memo = real_memo_create(SIZE_MAX); /* its rows are yet to come */
    rc = csv_row(&s, t, NULL, false, &t->line, &t->text, &t->tmp, t->memo);
    if (rc == 0 && ferror(fp)) {
        rc = cni_fail(CN_EIO, "cannot write: %s", strerror(errno));
    }
    return rc < 0 ? fail(t, rc, "cannot write the header") : 0;
}

static void stream_row(cni_table *t, const cell *row)
{
    sink s = { t->stream, NULL };
    int rc = csv_row(&s, t, row, t->stream_guard, &t->line, &t->text, &t->tmp, t->memo);

    if (rc < 0) {
        fail(t, rc, "cannot write a row");
    } else if (ferror(t->stream)) {
        t->rc = cni_fail(CN_EIO, "cannot write: %s", strerror(errno));
    }
}

/* ---- aligned text ---- */

/* Display width of UTF-8 text: one column per code point (Vietnamese NFC text is all width 1;
 * combining diacritics U+0300..U+036F, encoded CC 80..CD AF, count 0). */
static size_t width(const char *s)
{
    size_t w = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80 || *p == 0xCC || (*p == 0xCD && p[1] < 0xB0)) {
            continue;
        }
        w++;
    }
    return w;
}

static size_t shown_rows(const cni_table *t, const cni_table_style *st)
{
    return st->max_rows && st->max_rows < t->nrows ? st->max_rows : t->nrows;
}

/* The cells of the columns shown in @p where, escaped (text) or cleaned (pages), header row
 * first: a matrix of (rows + 1) x ncols strings, NULL for a column not shown. */
static char **display_cells(const cni_table *t, size_t rows, unsigned where,
                            char *(*clean)(const char *), const cni_table_style *st)
{
    size_t items = where == CNI_IN_PAGE ? st->max_items : 0;
    size_t n = (rows + 1) * t->ncols;
    char **m = cni_calloc_array(n ? n : 1, sizeof *m);
    cni_buf text;
    bool ok = m != NULL;

    cni_buf_init(&text);
    for (size_t r = 0; ok && r <= rows; r++) {
        size_t row = r == 0 ? 0 : st->order ? st->order[r - 1] : r - 1;
        for (size_t c = 0; ok && c < t->ncols; c++) {
            const column *col = &t->cols[c];
            if (!(col->where & where)) {
                continue;
            }
            if (r == 0) {
                cni_buf_clear(&text);
                cni_buf_puts(&text, col->name);
            } else if (col->blank && !t->cells[row * t->ncols + c].defined) {
                cni_buf_clear(&text);
                cni_buf_puts(&text, col->blank);
            } else {
                /* on a page, "; " lets a long list wrap */
                cell_text(&text, col, &t->cells[row * t->ncols + c], false,
                          where == CNI_IN_PAGE ? "; " : ";", items, st->items_note, NULL);
            }
            ok = cni_buf_str(&text) != NULL;
            if (ok) {
                const char *s = text.s ? text.s : "";
                m[r * t->ncols + c] = clean ? clean(s) : cni_escape_dup(s);
                ok = m[r * t->ncols + c] != NULL;
            }
        }
    }
    cni_buf_fini(&text);
    if (!ok && m) {
        for (size_t k = 0; k < n; k++) {
            free(m[k]);
        }
        free(m);
        m = NULL;
    }
    return m;
}

static void free_cells(char **m, size_t n)
{
    for (size_t k = 0; m && k < n; k++) {
        free(m[k]);
    }
    free(m);
}

static int write_text(sink *s, const cni_table *t, const cni_table_style *st)
{
    size_t rows = shown_rows(t, st), n = (rows + 1) * t->ncols, last = 0;
    char **m = display_cells(t, rows, CNI_IN_TEXT, NULL, st);
    size_t *w = cni_calloc_array(t->ncols ? t->ncols : 1, sizeof *w);
    cni_buf line;

    if (!m || !w) {
        free_cells(m, n);
        free(w);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t r = 0; m[c] && r <= rows; r++) {
            size_t cw = width(m[r * t->ncols + c]);
            w[c] = cw > w[c] ? cw : w[c];
        }
        last = m[c] ? c : last;
    }
    cni_buf_init(&line);
    if (t->title) {
        char *title = cni_escape_dup(t->title);
        if (title) {
            puts_(s, title);
            put(s, "\n", 1);
        }
        free(title);
    }
    for (size_t r = 0; r <= rows; r++) {
        cni_buf_clear(&line);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *v = m[r * t->ncols + c];
            size_t pad;
            if (!v) {
                continue;
            }
            pad = w[c] - width(v);
            if (numeric(&t->cols[c]) && r > 0) {
                cni_buf_printf(&line, "%*s%s%s", (int)pad, "", v, c == last ? "" : "  ");
            } else {
                cni_buf_printf(&line, "%s%*s", v, c == last ? 0 : (int)(pad + 2), "");
            }
        }
        cni_buf_add(&line, "\n", 1);
        if (cni_buf_str(&line)) {
            put(s, line.s, line.len);
        }
    }
    free_cells(m, n);
    free(w);
    n = line.failed;
    cni_buf_fini(&line);
    return n ? cni_fail(CN_ENOMEM, "out of memory") : 0;
}

/* ---- pages: Markdown and HTML ---- */

void cni_buf_html_text(cni_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': cni_buf_puts(b, "&amp;"); break;
        case '<': cni_buf_puts(b, "&lt;"); break;
        case '>': cni_buf_puts(b, "&gt;"); break;
        case '"': cni_buf_puts(b, "&quot;"); break;
        case '\'': cni_buf_puts(b, "&#39;"); break;
        default: cni_buf_add(b, s, 1);
        }
    }
}

/* Markdown: the characters that make markup anywhere (\ ` * _ [ ] |) are backslash-escaped,
 * '<' and '&' written as entities so that no data turns into HTML, and those that make markup
 * at the start of a line (# - + > = ~ and a number's '.') escaped there; line breaks become
 * spaces. */
void cni_buf_md_text(cni_buf *b, const char *s)
{
    const char *start = s;
    for (; *s; s++) {
        bool lead = s == start;
        if (strchr("\\`*_[]|", *s) || (lead && strchr("#-+>=~", *s))) {
            cni_buf_add(b, "\\", 1);
            cni_buf_add(b, s, 1);
        } else if (*s == '.' && s > start && s[-1] >= '0' && s[-1] <= '9' && s - start <= 9
                   && strspn(start, "0123456789") == (size_t)(s - start)) {
            cni_buf_puts(b, "\\."); /* "1. " would start a list */
        } else if (*s == '<') {
            cni_buf_puts(b, "&lt;");
        } else if (*s == '&') {
            cni_buf_puts(b, "&amp;");
        } else if (*s == '\n' || *s == '\r') {
            cni_buf_add(b, " ", 1);
        } else {
            cni_buf_add(b, s, 1);
        }
    }
}

static char *plain_dup(const char *s)
{
    return cni_strdup(s);
}

static int write_page(cni_buf *b, const cni_table *t, const cni_table_style *st, bool html)
{
    size_t rows = shown_rows(t, st), n = (rows + 1) * t->ncols;
    char **m = display_cells(t, rows, CNI_IN_PAGE, st->clean ? st->clean : plain_dup, st);
    char *caption = st->caption ? (st->clean ? st->clean : plain_dup)(st->caption) : NULL;

    if (!m || (st->caption && !caption)) {
        free_cells(m, n);
        free(caption);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if (html) {
        cni_buf_puts(b, "<div class=\"table-wrap\"><table>\n");
        if (caption) {
            cni_buf_puts(b, "<caption>");
            cni_buf_html_text(b, caption);
            cni_buf_puts(b, "</caption>\n");
        }
        for (size_t r = 0; r <= rows; r++) {
            cni_buf_puts(b, r == 0 ? "<thead><tr>" : "<tr>");
            for (size_t c = 0; c < t->ncols; c++) {
                const char *num = numeric(&t->cols[c]) ? " class=\"num\"" : "";
                if (!m[r * t->ncols + c]) {
                    continue;
                }
                cni_buf_printf(b, r == 0 ? "<th scope=\"col\"%s>" : "<td%s>", num);
                cni_buf_html_text(b, m[r * t->ncols + c]);
                cni_buf_puts(b, r == 0 ? "</th>" : "</td>");
            }
            cni_buf_puts(b, r == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
        }
        cni_buf_puts(b, "</tbody></table></div>\n");
    } else {
        if (caption) {
            cni_buf_puts(b, "*");
            cni_buf_md_text(b, caption);
            cni_buf_puts(b, "*\n\n");
        }
        for (size_t r = 0; r <= rows; r++) {
            cni_buf_puts(b, "|");
            for (size_t c = 0; c < t->ncols; c++) {
                if (m[r * t->ncols + c]) {
                    cni_buf_add(b, " ", 1);
                    cni_buf_md_text(b, m[r * t->ncols + c]);
                    cni_buf_puts(b, " |");
                }
            }
            cni_buf_puts(b, "\n");
            if (r == 0) {
                cni_buf_puts(b, "|");
                for (size_t c = 0; c < t->ncols; c++) {
                    if (m[c]) {
                        cni_buf_puts(b, numeric(&t->cols[c]) ? "---:|" : "---|");
                    }
                }
                cni_buf_puts(b, "\n");
            }
        }
    }
    free_cells(m, n);
    free(caption);
    return cni_buf_str(b) ? 0 : cni_fail(CN_ENOMEM, "out of memory");
}

/* ---- JSON ---- */

/* Set @p v at key path @p path ("a.b": object a, key b) of object @p o; steals @p v. */
static int json_set_path(json_t *o, const char *path, json_t *v)
{
    const char *dot;

    if (!v) {
        return CN_ENOMEM;
    }
    while ((dot = strchr(path, '.'))) {
        char key[256];
        size_t n = (size_t)(dot - path);
        json_t *child;
        if (n >= sizeof key) {
            json_decref(v);
            return CN_EINVAL;
        }
        memcpy(key, path, n);
        key[n] = '\0';
        child = json_object_get(o, key);
        if (!child) {
            if (!(child = json_object()) || json_object_set_new(o, key, child) < 0) {
                json_decref(v);
                return CN_ENOMEM;
            }
        }
        o = child;
        path = dot + 1;
    }
    return json_object_set_new(o, path, v) < 0 ? CN_ENOMEM : 0;
}

static json_t *table_json(const cni_table *t, int *rc);
static json_t *record_json(const cni_table *t, const cell *row, int *rc);
static json_t *keyed_json(const cni_table *t, int *rc);

static json_t *cell_json(const column *col, const cell *c, int *rc)
{
    if (!c->defined) {
        return json_null();
    }
    switch (col->type) {
    case CNI_COL_ID:
    case CNI_COL_TEXT: return json_string(c->v.s);
    case CNI_COL_INT: return json_integer((json_int_t)c->v.i);
    case CNI_COL_REAL:
        /* jansson has no infinity (json_real() would give NULL) */
        if (isinf(c->v.r)) {
            *rc = cni_fail(CN_EDATA, "'%s' is infinite, which JSON cannot hold", col->name);
            return NULL;
        }
        return json_real(c->v.r);
    case CNI_COL_BOOL: return json_boolean(c->v.b);
    case CNI_COL_LIST: {
        json_t *a = json_array();
        for (size_t k = 0, off = 0; a && k < c->v.l->n; k++) {
            const char *item = c->v.l->items + off;
            if (json_array_append_new(a, json_string(item)) < 0) {
                json_decref(a);
                return NULL;
            }
            off += strlen(item) + 1;
        }
        return a;
    }
    case CNI_COL_TABLE:
        if (col->shape == CNI_JSON_RECORD) {
            return c->v.sub->nrows ? record_json(c->v.sub, c->v.sub->cells, rc) : json_null();
        }
        return col->shape == CNI_JSON_KEYED ? keyed_json(c->v.sub, rc) : table_json(c->v.sub, rc);
    }
    return NULL;
}

static json_t *record_json(const cni_table *t, const cell *row, int *rc)
{
    json_t *o = json_object();

    for (size_t c = 0; o && c < t->ncols; c++) {
        const column *col = &t->cols[c];
        if (!(col->where & CNI_IN_JSON)) {
            continue;
        }
        json_t *v = cell_json(col, &row[c], rc);
        if (*rc < 0 || json_set_path(o, col->json, v) < 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static json_t *table_json(const cni_table *t, int *rc)
{
    json_t *a = json_array();

    for (size_t r = 0; a && r < t->nrows; r++) {
        json_t *o = record_json(t, &t->cells[r * t->ncols], rc);
        if (!o || json_array_append_new(a, o) < 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* The table as an object: column 0 (text) is the key, column 1 the value. */
static json_t *keyed_json(const cni_table *t, int *rc)
{
    json_t *o = json_object();

    if (t->ncols < 2 || (t->cols[0].type != CNI_COL_TEXT && t->cols[0].type != CNI_COL_ID)) {
        *rc = cni_fail(CN_EINVAL, "table '%s' cannot be keyed", t->name);
    }
    for (size_t r = 0; o && *rc == 0 && r < t->nrows; r++) {
        const cell *row = &t->cells[r * t->ncols];
        json_t *v = cell_json(&t->cols[1], &row[1], rc);
        if (*rc == 0 && (!v || json_object_set_new(o, row[0].defined ? row[0].v.s : "", v) < 0)) {
            *rc = cni_fail(CN_ENOMEM, "out of memory");
        }
    }
    if (*rc < 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int dump(json_t *v, sink *s)
{
    const size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17);
    char *text;

    if (s->fp) { /* straight to the file: no copy of the whole text in memory */
        if (json_dumpf(v, s->fp, flags) < 0) {
            return cni_fail(CN_EIO, "cannot write: %s", strerror(errno));
        }
        put(s, "\n", 1);
        return 0;
    }
    if (!(text = json_dumps(v, flags))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    puts_(s, text);
    put(s, "\n", 1);
    free(text);
    return 0;
}

/* ---- writing ---- */

static int write_any(sink *s, const cni_table *t, cni_table_format f, const cni_table_style *st)
{
    cni_table_style dflt = CNI_TABLE_STYLE_INIT;
    int rc = 0;

    if (t->rc) {
        return t->rc;
    }
    if (t->cur || t->in_list) {
        return cni_fail(CN_EINVAL, "table '%s': a row left incomplete", t->name);
    }
    st = st ? st : &dflt;
    switch (f) {
    case CNI_TABLE_TEXT: return write_text(s, t, st);
    case CNI_TABLE_CSV: return write_csv(s, t, st);
    case CNI_TABLE_JSON: {
        json_t *a = table_json(t, &rc);
        if (!a) {
            return rc < 0 ? rc : cni_fail(CN_ENOMEM, "out of memory");
        }
        rc = dump(a, s);
        json_decref(a);
        return rc;
    }
    case CNI_TABLE_MARKDOWN:
    case CNI_TABLE_HTML:
        if (!s->b) {
            return cni_fail(CN_EINVAL, "pages are written into a buffer");
        }
        return write_page(s->b, t, st, f == CNI_TABLE_HTML);
    }
    return cni_fail(CN_EINVAL, "unknown table format");
}

int cni_table_write(const cni_table *t, cni_table_format f, const cni_table_style *st, FILE *fp)
{
    sink s = { fp, NULL };
    int rc = write_any(&s, t, f, st);

    if (rc == 0 && ferror(fp)) {
        rc = cni_fail(CN_EIO, "cannot write: %s", strerror(errno));
    }
    return rc;
}

int cni_table_append(const cni_table *t, cni_table_format f, const cni_table_style *st,
                     cni_buf *b)
{
    sink s = { NULL, b };
    int rc = write_any(&s, t, f, st);

    return rc == 0 && !cni_buf_str(b) ? cni_fail(CN_ENOMEM, "out of memory") : rc;
}

/* ---- documents ---- */

struct cni_doc {
    json_t *root;
    int rc;
};

int cni_doc_create(cni_doc **out)
{
    cni_doc *d = calloc(1, sizeof *d);

    *out = NULL;
    if (!d || !(d->root = json_object())) {
        free(d);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *out = d;
    return 0;
}

void cni_doc_destroy(cni_doc *d)
{
    if (d) {
        json_decref(d->root);
        free(d);
    }
}

static void doc_set(cni_doc *d, const char *path, json_t *v, int rc)
{
    if (d->rc) {
        json_decref(v);
        return;
    }
    if (rc < 0) {
        d->rc = rc;
        json_decref(v);
        return;
    }
    if ((rc = json_set_path(d->root, path, v)) < 0) {
        d->rc = rc == CN_ENOMEM ? cni_fail(CN_ENOMEM, "out of memory")
                                : cni_fail(rc, "JSON key '%s' too long", path);
    }
}

void cni_doc_text(cni_doc *d, const char *path, const char *s)
{
    doc_set(d, path, s ? json_string(s) : json_null(), 0);
}

void cni_doc_int(cni_doc *d, const char *path, long long v)
{
    doc_set(d, path, json_integer((json_int_t)v), 0);
}

void cni_doc_real(cni_doc *d, const char *path, double v)
{
    if (isinf(v)) {
        doc_set(d, path, NULL, cni_fail(CN_EDATA, "'%s' is infinite, which JSON cannot hold",
                                        path));
        return;
    }
    doc_set(d, path, isnan(v) ? json_null() : json_real(v), 0);
}

void cni_doc_bool(cni_doc *d, const char *path, bool v)
{
    doc_set(d, path, json_boolean(v), 0);
}

void cni_doc_null(cni_doc *d, const char *path)
{
    doc_set(d, path, json_null(), 0);
}

void cni_doc_table(cni_doc *d, const char *path, const cni_table *t)
{
    int rc = t->rc;
    json_t *a = NULL;

    if (d->rc == 0 && rc == 0) {
        if (t->cur || t->in_list) {
            rc = cni_fail(CN_EINVAL, "table '%s': a row left incomplete", t->name);
        } else if (!(a = table_json(t, &rc)) && rc == 0) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        }
    }
    doc_set(d, path, a, rc);
}

void cni_doc_table_keyed(cni_doc *d, const char *path, const cni_table *t)
{
    int rc = t->rc;
    json_t *o = rc == 0 ? keyed_json(t, &rc) : NULL;

    if (!o && rc == 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    doc_set(d, path, o, rc);
}

void cni_doc_table_record(cni_doc *d, const char *path, const cni_table *t)
{
    int rc = t->rc;
    json_t *o = NULL;

    if (t->nrows == 0 && rc == 0) {
        return;
    }
    if (rc == 0 && !(o = record_json(t, t->cells, &rc)) && rc == 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    doc_set(d, path, o, rc);
}

/* 0, or why table @p t cannot be written (its failure, an incomplete row). */
static int doc_table_status(const cni_table *t)
{
    if (t->rc) {
        return t->rc;
    }
    return t->cur || t->in_list ? cni_fail(CN_EINVAL, "table '%s': a row left incomplete", t->name)
                                : 0;
}

void cni_doc_column(cni_doc *d, const char *path, const cni_table *t, size_t col)
{
    json_t *a = json_array();
    int rc = doc_table_status(t);

    if (rc == 0 && col >= t->ncols) {
        rc = cni_fail(CN_EINVAL, "table '%s' has no column %zu", t->name, col);
    }
    for (size_t r = 0; a && rc == 0 && r < t->nrows; r++) {
        json_t *v = cell_json(&t->cols[col], &t->cells[r * t->ncols + col], &rc);
        if (rc == 0 && (!v || json_array_append_new(a, v) < 0)) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        }
    }
    if (!a && rc == 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    doc_set(d, path, a, rc);
}

void cni_doc_table_arrays(cni_doc *d, const char *path, const cni_table *t)
{
    json_t *a = json_array();
    int rc = doc_table_status(t);

    for (size_t r = 0; a && rc == 0 && r < t->nrows; r++) {
        json_t *row = json_array();
        for (size_t c = 0; row && rc == 0 && c < t->ncols; c++) {
            if (!(t->cols[c].where & CNI_IN_JSON)) {
                continue;
            }
            json_t *v = cell_json(&t->cols[c], &t->cells[r * t->ncols + c], &rc);
            if (rc == 0 && (!v || json_array_append_new(row, v) < 0)) {
                rc = cni_fail(CN_ENOMEM, "out of memory");
            }
        }
        if (rc == 0 && (!row || json_array_append_new(a, row) < 0)) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        } else if (rc < 0) {
            json_decref(row);
        }
    }
    if (!a && rc == 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    doc_set(d, path, a, rc);
}

void cni_doc_retain(cni_doc *d, const char *const *keys, size_t n)
{
    const char *key;
    json_t *v;
    void *tmp;

    if (d->rc) {
        return;
    }
    json_object_foreach_safe(d->root, tmp, key, v) {
        bool keep = false;
        for (size_t k = 0; k < n && !keep; k++) {
            keep = strcmp(keys[k], key) == 0;
        }
        if (!keep) {
            json_object_del(d->root, key);
        }
    }
}

int cni_doc_status(const cni_doc *d)
{
    return d->rc;
}

int cni_doc_write(const cni_doc *d, FILE *fp)
{
    sink s = { fp, NULL };
    int rc;

    if (d->rc) {
        return d->rc;
    }
    if ((rc = dump(d->root, &s)) == 0 && ferror(fp)) {
        rc = cni_fail(CN_EIO, "cannot write: %s", strerror(errno));
    }
    return rc;
}
