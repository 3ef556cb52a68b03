#define _GNU_SOURCE /* qsort_r */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

/* Arrays from 4 MB up are read at random (the id table, per-node and per-edge arrays): ask for
 * transparent huge pages, so a lookup costs a cache miss but not also a page walk. Debian's
 * default THP mode is "madvise", so without asking, such arrays get 4 KB pages. Only advice:
 * a kernel without THP ignores it. */
void cni_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    long page;
    uintptr_t start, end;

    if (!p || bytes < ((size_t)4 << 20) || (page = sysconf(_SC_PAGESIZE)) <= 0) {
        return; /* small arrays, the common case, cost no system call */
    }
    start = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    end = ((uintptr_t)p + bytes) & ~((uintptr_t)page - 1);
    if (end > start) {
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
    }
#else
    (void)p;
    (void)bytes;
#endif
}

void *cni_alloc_array(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        return NULL;
    }
    void *p = malloc(n * size > 0 ? n * size : 1);

    cni_advise_huge(p, n * size);
    return p;
}

void *cni_calloc_array(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (p && size && n <= SIZE_MAX / size) {
        cni_advise_huge(p, n * size);
    }
    return p;
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
    cni_advise_huge(np, ncap * size);
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
    /* FNV-1a's low bits, which pick the slot, depend only on the low bits of the bytes; ids
     * that differ in one digit ("n104", "n114") then crowd together. Mix the high bits down. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

void cni_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (base && n > 1) {
        qsort(base, n, size, cmp);
    }
}

void cni_sort_r(void *base, size_t n, size_t size,
                int (*cmp)(const void *, const void *, void *), void *ctx)
{
    if (base && n > 1) {
        qsort_r(base, n, size, cmp, ctx);
    }
}
