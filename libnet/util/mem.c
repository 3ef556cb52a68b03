#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void *cni_alloc_array(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        return NULL;
    }
    return malloc(n * size > 0 ? n * size : 1);
}

void *cni_calloc_array(size_t n, size_t size)
{
    return calloc(n ? n : 1, size ? size : 1);
}

int cni_grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t ncap = *cap ? *cap : 16;
    void *np;

    if (need <= *cap) {
        return 0;
    }
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    np = realloc(*p, ncap * size);
    if (!np) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *p = np;
    *cap = ncap;
    return 0;
}

char *cni_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *cni_strdup(const char *s)
{
    return cni_strndup(s, strlen(s));
}

bool cni_streq_nocase(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') {
            ca = (unsigned char)(ca - 'A' + 'a');
        }
        if (cb >= 'A' && cb <= 'Z') {
            cb = (unsigned char)(cb - 'A' + 'a');
        }
        if (ca != cb) {
            return false;
        }
        if (!ca) {
            return true;
        }
    }
}

size_t cni_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        uint32_t cp;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (n - i < len) {
            return i;
        }
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* overlong forms, surrogates, and code points past U+10FFFF */
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
            || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += len;
    }
    return n;
}

uint64_t cni_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void cni_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (base && n > 1) {
        qsort(base, n, size, cmp);
    }
}
