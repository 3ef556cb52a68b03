/* A growable NUL-terminated string with sticky errors (git's strbuf is the model): the report,
 * the diagrams and the table writers build their text in it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void cni_buf_init(cni_buf *b)
{
    memset(b, 0, sizeof *b);
}

void cni_buf_fini(cni_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

void cni_buf_clear(cni_buf *b)
{
    b->len = 0;
    if (b->s) {
        b->s[0] = '\0';
    }
}

void cni_buf_add(cni_buf *b, const char *s, size_t n)
{
    if (b->failed) {
        return;
    }
    if (b->len + n + 1 > b->cap || !b->s) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void cni_buf_puts(cni_buf *b, const char *s)
{
    cni_buf_add(b, s, strlen(s));
}

void cni_buf_printf(cni_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        cni_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    cni_buf_add(b, big, (size_t)n);
    free(big);
}

const char *cni_buf_str(const cni_buf *b)
{
    return b->failed ? NULL : b->s ? b->s : "";
}

char *cni_digits(char buf[CNI_DIGITS], long long v)
{
    char *p = buf + CNI_DIGITS - 1;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

    *p = '\0';
    do {
        *--p = (char)('0' + u % 10);
    } while ((u /= 10) != 0);
    if (v < 0) {
        *--p = '-';
    }
    return p;
}

char *cni_grouped(char buf[CNI_GROUPED], size_t n)
{
    char *p = buf + CNI_GROUPED - 1;
    int d = 0;

    *p = '\0';
    do {
        if (d++ == 3) {
            *--p = ',';
            d = 1;
        }
        *--p = (char)('0' + n % 10);
    } while ((n /= 10) != 0);
    return p;
}
