/* String interning: an open-addressing hash table of ids over strings kept in large blocks, so
 * millions of repeated ids, regions and refs cost one copy each and a 4-byte id per use. */
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE (1u << 20)

/* A slot keeps 24 bits of the string's hash and its length (up to 255) beside its id, and its
 * first 8 bytes, so a probe for a string of at most 8 bytes (an id such as "a37415") reads the
 * slot alone, and a longer one compares the stored bytes only when those match. On a million
 * ids, reading slot, length, address and bytes from four arrays (a cache miss each) was half of
 * the load's time; reading the stored string of every match was still a third of `collabnet
 * validate` of generated L (perf). */
typedef struct {
    uint64_t head;      /* the string's first 8 bytes, zero-padded */
    uint64_t value;     /* the caller's number for this string (the graph: node index + 1 and
                         * kind), so one lookup answers both */
    uint32_t id1;       /* id + 1, 0 = empty */
    uint32_t tag;       /* upper 24 bits of the hash's upper half, then the length (255: more) */
} cni_slot;

static uint32_t stored_len(const char *d)
{
    uint32_t n;

    memcpy(&n, d - sizeof n, sizeof n);
    return n;
}

static uint64_t head_of(const char *s, size_t n)
{
    uint64_t h = 0;

    memcpy(&h, s, n < sizeof h ? n : sizeof h);
    return h;
}

static uint32_t tag_of(uint64_t h, size_t n)
{
    return ((uint32_t)(h >> 32) & ~0xFFu) | (uint32_t)(n < 0xFF ? n : 0xFF);
}

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

struct cni_strpool {
    const char **strs;  /* id -> string */
    size_t count, cap;  /* strings stored */
    size_t nkeys;       /* of which in the table */
    cni_slot *slots;    /* hash table of the interned strings (cni_slot) */
    size_t nslots;      /* power of two */
    block *blocks;
};

static char *store(cni_strpool *p, const char *s, size_t n)
{
    block *b = p->blocks;
    char *d;

    uint32_t len = (uint32_t)n;

    if (!b || b->size - b->used < sizeof len + n + 1) {
        size_t size = sizeof len + n + 1 > BLOCK_SIZE ? sizeof len + n + 1 : BLOCK_SIZE;
        b = malloc(sizeof *b + size);
        if (!b) {
            return NULL;
        }
        b->next = p->blocks;
        b->used = 0;
        b->size = size;
        p->blocks = b;
    }
    memcpy(b->data + b->used, &len, sizeof len);
    d = b->data + b->used + sizeof len;
    memcpy(d, s, n);
    d[n] = '\0';
    b->used += sizeof len + n + 1;
    return d;
}

static int rehash(cni_strpool *p, size_t nslots)
{
    cni_slot *slots = cni_calloc_array(nslots, sizeof *slots);

    if (!slots) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < p->nslots; k++) {
        const cni_slot *old = &p->slots[k];
        uint64_t h;
        size_t i;
        if (!old->id1) {
            continue;
        }
        const char *str = p->strs[old->id1 - 1];
        h = cni_hash(str, stored_len(str));
        i = (size_t)h & (nslots - 1);
        while (slots[i].id1) {
            i = (i + 1) & (nslots - 1);
        }
        slots[i] = *old;
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
    free(p->slots);
    free(p);
}

static size_t lookup(const cni_strpool *p, const char *s, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (p->nslots - 1);
    uint32_t tag = tag_of(h, n);
    uint64_t head = head_of(s, n);

    while (p->slots[i].id1) {
        const cni_slot *sl = &p->slots[i];
        if (sl->tag == tag && sl->head == head
            && (n <= sizeof head
                || (stored_len(p->strs[sl->id1 - 1]) == n
                    && memcmp(p->strs[sl->id1 - 1], s, n) == 0))) {
            return i;
        }
        i = (i + 1) & (p->nslots - 1);
    }
    return i;
}

uint32_t cni_strpool_find(const cni_strpool *p, const char *s, size_t n)
{
    size_t i = lookup(p, s, n, cni_hash(s, n));

    return p->slots[i].id1 ? p->slots[i].id1 - 1 : UINT32_MAX;
}

void cni_strpool_prefetch(const cni_strpool *p, const char *s, size_t n)
{
    cni_strpool_prefetch_hash(p, cni_hash(s, n));
}

void cni_strpool_prefetch_hash(const cni_strpool *p, uint64_t h)
{
    CNI_PREFETCH(&p->slots[(size_t)h & (p->nslots - 1)]);
}

void cni_strpool_prefetch_id(const cni_strpool *p, uint32_t id, int step)
{
    if (id < p->count) {
        CNI_PREFETCH(step == 0 ? (const void *)&p->strs[id] : (const void *)p->strs[id]);
    }
}

uint64_t cni_strpool_find_value(const cni_strpool *p, const char *s, size_t n)
{
    return cni_strpool_find_value_hash(p, s, n, cni_hash(s, n));
}

uint64_t cni_strpool_find_value_hash(const cni_strpool *p, const char *s, size_t n, uint64_t h)
{
    return p->slots[lookup(p, s, n, h)].value; /* an empty slot's value is 0 */
}

int cni_strpool_intern(uint32_t *out, cni_strpool *p, const char *s, size_t n)
{
    return cni_strpool_intern_value(out, p, s, n, NULL);
}

/* Store s[0..n) under the next id; interning also enters it in the table. */
int cni_strpool_add(uint32_t *out, cni_strpool *p, const char *s, size_t n)
{
    char *d;

    if (n > UINT32_MAX - 1 || p->count >= UINT32_MAX - 1) {
        return cni_fail(CN_ENOMEM, "string pool full");
    }
    if (p->count == p->cap
        && cni_grow((void **)&p->strs, &p->cap, p->count + 1, sizeof *p->strs) < 0) {
        return CN_ENOMEM;
    }
    if (!(d = store(p, s, n))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    p->strs[p->count] = d;
    *out = (uint32_t)p->count++;
    return 0;
}

int cni_strpool_intern_value(uint32_t *out, cni_strpool *p, const char *s, size_t n,
                             const uint64_t *value)
{
    uint64_t h = cni_hash(s, n);
    size_t i = lookup(p, s, n, h);
    int rc;

    if (p->slots[i].id1) {
        if (value) {
            p->slots[i].value = *value;
        }
        *out = p->slots[i].id1 - 1;
        return 0;
    }
    if (p->nkeys + 2 > p->nslots) {
        /* earlier rehashes failed for lack of memory: keep a free slot so lookups end */
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_strpool_add(out, p, s, n)) < 0) {
        return rc;
    }
    p->slots[i].head = head_of(s, n);
    p->slots[i].id1 = *out + 1;
    p->slots[i].tag = tag_of(h, n);
    p->slots[i].value = value ? *value : 0;
    if (++p->nkeys * 2 > p->nslots && rehash(p, p->nslots * 2) < 0) {
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
