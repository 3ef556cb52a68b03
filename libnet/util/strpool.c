/* String interning: an open-addressing hash table of ids over strings kept in large blocks, so
 * millions of repeated ids, regions and refs cost one copy each and a 4-byte id per use. */
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE (1u << 20)

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

struct cni_strpool {
    const char **strs;  /* id -> string */
    uint32_t *lens;     /* id -> length */
    size_t count, cap;
    uint32_t *slots;    /* hash table of id+1, 0 = empty */
    size_t nslots;      /* power of two */
    block *blocks;
};

static char *store(cni_strpool *p, const char *s, size_t n)
{
    block *b = p->blocks;
    char *d;

    if (!b || b->size - b->used < n + 1) {
        size_t size = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;
        b = malloc(sizeof *b + size);
        if (!b) {
            return NULL;
        }
        b->next = p->blocks;
        b->used = 0;
        b->size = size;
        p->blocks = b;
    }
    d = b->data + b->used;
    memcpy(d, s, n);
    d[n] = '\0';
    b->used += n + 1;
    return d;
}

static int rehash(cni_strpool *p, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);

    if (!slots) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t id = 0; id < p->count; id++) {
        size_t h = (size_t)cni_hash(p->strs[id], p->lens[id]) & (nslots - 1);
        while (slots[h]) {
            h = (h + 1) & (nslots - 1);
        }
        slots[h] = (uint32_t)id + 1;
    }
    free(p->slots);
    p->slots = slots;
    p->nslots = nslots;
    return 0;
}

int cni_strpool_create(cni_strpool **out)
{
    cni_strpool *p = calloc(1, sizeof *p);
    uint32_t id;

    *out = NULL;
    if (!p || rehash(p, 1024) < 0 || cni_strpool_intern(&id, p, "", 0) < 0) {
        cni_strpool_destroy(p);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *out = p;
    return 0;
}

void cni_strpool_destroy(cni_strpool *p)
{
    if (!p) {
        return;
    }
    while (p->blocks) {
        block *next = p->blocks->next;
        free(p->blocks);
        p->blocks = next;
    }
    free(p->strs);
    free(p->lens);
    free(p->slots);
    free(p);
}

static size_t lookup(const cni_strpool *p, const char *s, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (p->nslots - 1);

    while (p->slots[i]) {
        uint32_t id = p->slots[i] - 1;
        if (p->lens[id] == n && memcmp(p->strs[id], s, n) == 0) {
            return i;
        }
        i = (i + 1) & (p->nslots - 1);
    }
    return i;
}

uint32_t cni_strpool_find(const cni_strpool *p, const char *s, size_t n)
{
    size_t i = lookup(p, s, n, cni_hash(s, n));

    return p->slots[i] ? p->slots[i] - 1 : UINT32_MAX;
}

int cni_strpool_intern(uint32_t *out, cni_strpool *p, const char *s, size_t n)
{
    uint64_t h = cni_hash(s, n);
    size_t i = lookup(p, s, n, h);
    char *d;

    if (p->slots[i]) {
        *out = p->slots[i] - 1;
        return 0;
    }
    if (n > UINT32_MAX - 1 || p->count >= UINT32_MAX - 1) {
        return cni_fail(CN_ENOMEM, "string pool full");
    }
    if (p->count == p->cap) {
        size_t cap = p->cap;
        uint32_t *lens;
        if (cni_grow((void **)&p->strs, &cap, p->count + 1, sizeof *p->strs) < 0) {
            return CN_ENOMEM;
        }
        if (!(lens = realloc(p->lens, cap * sizeof *lens))) {
            /* strs grew but p->cap stays, so both arrays are valid up to p->cap */
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        p->lens = lens;
        p->cap = cap;
    }
    if (!(d = store(p, s, n))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    p->strs[p->count] = d;
    p->lens[p->count] = (uint32_t)n;
    p->slots[i] = (uint32_t)p->count + 1;
    *out = (uint32_t)p->count++;
    if (p->count * 2 > p->nslots && rehash(p, p->nslots * 2) < 0) {
        return CN_ENOMEM; /* the string stays interned; the table is merely fuller */
    }
    return 0;
}

const char *cni_strpool_get(const cni_strpool *p, uint32_t id)
{
    return id < p->count ? p->strs[id] : "";
}

size_t cni_strpool_count(const cni_strpool *p)
{
    return p->count;
}
