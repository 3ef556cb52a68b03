/* Internal: a growable string (needs nothing else). */
#ifndef CNI_BUF_H
#define CNI_BUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growable NUL-terminated string. Errors are sticky: after a failed append, failed is set
 * and further appends do nothing. */
typedef struct cni_buf {
    char *s;
    size_t len, cap;
    bool failed;
} cni_buf;

void cni_buf_init(cni_buf *b);
void cni_buf_fini(cni_buf *b);
void cni_buf_clear(cni_buf *b);
void cni_buf_add(cni_buf *b, const char *s, size_t n);
void cni_buf_puts(cni_buf *b, const char *s);
void cni_buf_printf(cni_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty); NULL after a failure. */
const char *cni_buf_str(const cni_buf *b);

/* The decimal digits of @p v, NUL-terminated, at the end of @p buf; returns where they begin.
 * printf was most of the time of writing millions of numbers (CSV cells, line numbers). */
#define CNI_DIGITS 24
char *cni_digits(char buf[CNI_DIGITS], long long v);
/* @p n with its thousands grouped by commas, as an English text writes it ("1,003,771"),
 * written at the end of @p buf; returns where it starts. */
#define CNI_GROUPED 32
char *cni_grouped(char buf[CNI_GROUPED], size_t n);

#endif
