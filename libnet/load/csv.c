/* libcsv does the RFC 4180 state machine (quotes, doubled quotes, embedded newlines, CRLF).
 * It does not count lines, so the reader hands it one physical line at a time: a record that
 * ends while line k is fed ended on line k, and it began on the first non-blank line fed after
 * the previous record ended. That keeps FILE:LINE exact for multi-line quoted fields. */
#include <csv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/load.h>

#include "../util/util.h"
#include "csv.h"

struct cni_csv {
    struct csv_parser p;
    const char *name;
    cn_diag_list *diags;
    cni_csv_record_fn fn;
    void *ctx;
    size_t line;       /* physical line being fed, 1-based */
    size_t rec_line;   /* line where the current record began */
    bool in_record;    /* a record has begun and not yet ended */
    bool started;      /* the BOM check has been done */
    bool bad_record;   /* the current record had a problem already reported */
    bool stopped;      /* the callback asked to stop, or the file cannot be read on */
    size_t records, errors;
    int rc;            /* first failure */
    char *buf;         /* the current record's fields, NUL-separated */
    size_t blen, bcap;
    size_t *offs, *lens;
    char **fields;
    size_t nf, fcap;
    size_t rec_bytes;  /* bytes fed since the current record began */
};

#define BAD_QUOTING "malformed quoting"

/* Offset of the first U+FEFF (EF BB BF) in s[0..n), or n. */
static size_t bom_at(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '\xEF', n - (size_t)(p - s))) != NULL; p++) {
        if (n - (size_t)(p - s) >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            return (size_t)(p - s);
        }
    }
    return n;
}

/* Whether s[0..n) is plain ASCII without NUL: then it needs none of the checks below, which
 * scan the field three times (validate of generated M: 6.72 to 6.17 billion instructions,
 * callgrind). */
static bool plain_ascii(const unsigned char *s, size_t n)
{
    size_t i = 0;

    /* eight bytes at a time (the byte loop was a quarter of on_field, perf on generated L): a
     * byte is 0 or from 0x80 up exactly when its high bit is set in it or in it minus one
     * (a borrow only starts at a zero byte, which is one of the bytes sought) */
    for (uint64_t x; n - i >= sizeof x; i += sizeof x) {
        memcpy(&x, s + i, sizeof x);
        if (((x - 0x0101010101010101u) | x) & 0x8080808080808080u) {
            return false;
        }
    }
    for (; i < n; i++) {
        if (s[i] == 0 || s[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

static void on_field(void *s, size_t len, void *data)
{
    cni_csv *r = data;
    size_t valid;

    if (r->stopped || r->rc < 0) {
        return;
    }
    if (!r->bad_record && s && !plain_ascii(s, len)) {
        if (s && memchr(s, '\0', len)) {
            r->errors++;
            r->bad_record = true;
            r->rc = cn_diag_list_add(r->diags, r->name, r->rec_line, "NUL byte in field %zu",
                                     r->nf + 1);
        } else if (s && (valid = cni_utf8_valid_prefix(s, len)) < len) {
            r->errors++;
            r->bad_record = true;
            r->rc = cn_diag_list_add(r->diags, r->name, r->rec_line,
                                     "invalid UTF-8 in field %zu (byte 0x%02x at offset %zu)",
                                     r->nf + 1, ((unsigned char *)s)[valid], valid + 1);
        } else if (s && (valid = bom_at(s, len)) < len) {
            /* invisible, it would show as an unknown 'c' where the field is U+FEFF 'c' */
            r->errors++;
            r->bad_record = true;
            r->rc = cn_diag_list_add(r->diags, r->name, r->rec_line,
                                     "unexpected U+FEFF (byte order mark) in field %zu at offset "
                                     "%zu (only the start of a file may hold one: two files "
                                     "joined?)",
                                     r->nf + 1, valid + 1);
        }
    }
    if (r->rc < 0 || r->bad_record || r->nf > CN_MAX_COLUMNS) {
        /* past the widest header allowed, fields are only counted: a line of nothing but
         * separators costs no memory per field (the loader rejects the record by its count) */
        r->nf++;
        return;
    }
    /* cni_grow returns at once when there is room, but as a call per field it was 3% of the
     * load (callgrind, generated M) */
    if ((r->blen + len + 1 > r->bcap
         && cni_grow((void **)&r->buf, &r->bcap, r->blen + len + 1, 1) < 0)
        || (r->nf + 1 > r->fcap
            && (cni_grow((void **)&r->offs, &(size_t){ r->fcap }, r->nf + 1, sizeof *r->offs) < 0
                || cni_grow((void **)&r->lens, &(size_t){ r->fcap }, r->nf + 1, sizeof *r->lens)
                       < 0
                || cni_grow((void **)&r->fields, &r->fcap, r->nf + 1, sizeof *r->fields) < 0))) {
        r->rc = CN_ENOMEM;
        return;
    }
    if (len) {
        memcpy(r->buf + r->blen, s, len);
    }
    r->buf[r->blen + len] = '\0';
    r->offs[r->nf] = r->blen;
    r->lens[r->nf] = len;
    r->blen += len + 1;
    r->nf++;
}

static void on_record(int c, void *data)
{
    cni_csv *r = data;

    (void)c;
    if (r->bad_record && r->records == 0) {
        r->stopped = true; /* without a readable header no row can be checked */
    }
    if (!r->stopped && r->rc >= 0 && !r->bad_record) {
        for (size_t i = 0; i < r->nf && i <= CN_MAX_COLUMNS; i++) {
            r->fields[i] = r->buf + r->offs[i];
        }
        int rc = r->fn(r->ctx, r->rec_line, r->nf, r->fields, r->lens);
        if (rc < 0) {
            r->rc = rc;
        } else if (rc > 0) {
            r->stopped = true;
        }
    }
    r->records++;
    r->rec_bytes = 0;
    r->nf = 0;
    r->blen = 0;
    r->bad_record = false;
    r->in_record = false;
}

int cni_csv_create(cni_csv **out, const char *name, cn_diag_list *diags, cni_csv_record_fn fn,
                   void *ctx)
{
    cni_csv *r = calloc(1, sizeof *r);

    *out = NULL;
    if (!r) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(r);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    r->name = name;
    r->diags = diags;
    r->fn = fn;
    r->ctx = ctx;
    r->line = 1;
    *out = r;
    return 0;
}

void cni_csv_destroy(cni_csv *r)
{
    if (!r) {
        return;
    }
    csv_free(&r->p);
    free(r->buf);
    free(r->offs);
    free(r->lens);
    free(r->fields);
    free(r);
}

/* A line libcsv reads as no record at all: empty, or only spaces, tabs and the line end. */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') {
            return false;
        }
    }
    return true;
}

/* After malformed quoting: drop the record and start afresh at the next line (libcsv has no
 * reset of its state, so the parser is made anew; this happens once per bad record). */
static int resync(cni_csv *r)
{
    csv_free(&r->p);
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    r->rec_bytes = 0;
    r->nf = 0;
    r->blen = 0;
    r->bad_record = false;
    r->in_record = false;
    return 0;
}

int cni_csv_feed(cni_csv *r, const char *data, size_t len)
{
    if (!r->started) {
        r->started = true;
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
            data += 3;
            len -= 3;
        }
    }
    while (len > 0 && !r->stopped && r->rc >= 0) {
        const char *nl = memchr(data, '\n', len);
        size_t seg = nl ? (size_t)(nl - data) + 1 : len;

        if (!r->in_record && !blank(data, seg)) {
            r->in_record = true;
            r->rec_line = r->line;
        }
        if ((r->rec_bytes += seg) > CN_MAX_RECORD) {
            /* libcsv would keep growing its field buffer: a file of one endless line (a sparse
             * file of zeros, a binary) must cost bounded memory */
            r->errors++;
            r->stopped = true;
            r->rc = cn_diag_list_add(r->diags, r->name, r->rec_line,
                                     "a record longer than %d MiB (a binary file, or a line "
                                     "that never ends?)", CN_MAX_RECORD >> 20);
            if (r->rc == 0) {
                r->rc = CN_EDATA;
            }
            break;
        }
        /* libcsv grows its field buffer by a fixed block: growing the block with the record
         * makes the growth geometric, so a 100 MB field costs a few copies, not 800,000
         * (with ASan's realloc, which always copies, the fixed 128 bytes took minutes) */
        csv_set_blk_size(&r->p, r->rec_bytes / 2 > 65536 ? r->rec_bytes / 2 : 65536);
        if (csv_parse(&r->p, data, seg, on_field, on_record, r) != seg) {
            if (csv_error(&r->p) == CSV_ENOMEM) {
                r->rc = cni_fail(CN_ENOMEM, "out of memory");
            } else {
                r->errors++;
                /* without a readable header no row can be checked (the callback may have
                 * stopped at a bad header earlier in this line); otherwise reading goes on at
                 * the next line, so the problems after a bad quote are reported too */
                r->stopped = r->stopped || r->records == 0;
                /* reported where the record starts, like every problem; a record spanning
                 * lines also names the line where the quoting went wrong */
                char where[48] = "";
                if (r->line != r->rec_line) {
                    snprintf(where, sizeof where, " on line %zu", r->line);
                }
                r->rc = cn_diag_list_add(r->diags, r->name, r->rec_line,
                                         BAD_QUOTING "%s (a quote inside an unquoted field, "
                                         "or text after a closing quote)",
                                         where);
                if (r->rc == 0 && r->stopped) {
                    r->rc = CN_EDATA;
                }
                if (r->rc == 0) {
                    r->rc = resync(r);
                }
            }
        }
        if (nl) {
            r->line++;
        }
        data += seg;
        len -= seg;
    }
    return r->rc < 0 ? r->rc : 0;
}

int cni_csv_finish(cni_csv *r)
{
    if (r->stopped || r->rc < 0) {
        return r->rc < 0 ? r->rc : 0;
    }
    if (csv_fini(&r->p, on_field, on_record, r) != 0) {
        r->errors++;
        if ((r->rc = cn_diag_list_add(r->diags, r->name, r->rec_line,
                                      "unterminated quoted field (the closing quote is missing)"))
            == 0) {
            r->rc = CN_EDATA;
        }
    } else if (r->records == 0 && r->rc >= 0) {
        r->errors++;
        r->rc = cn_diag_list_add(r->diags, r->name, 1, "empty file (a header row is required)");
    }
    return r->rc < 0 ? r->rc : 0;
}

size_t cni_csv_errors(const cni_csv *r)
{
    return r->errors;
}

bool cni_csv_quoting_problem(const cn_diag *d)
{
    return strncmp(d->message, BAD_QUOTING, sizeof BAD_QUOTING - 1) == 0;
}

int cni_csv_parse(const char *buf, size_t len, const char *name, cn_diag_list *diags,
                  cni_csv_record_fn fn, void *ctx)
{
    cni_csv *r;
    int rc;

    if ((rc = cni_csv_create(&r, name, diags, fn, ctx)) < 0) {
        return rc;
    }
    if ((rc = cni_csv_feed(r, buf, len)) >= 0) {
        rc = cni_csv_finish(r);
    }
    if (rc >= 0 && cni_csv_errors(r) > 0) {
        rc = CN_EDATA;
    }
    cni_csv_destroy(r);
    return rc;
}
