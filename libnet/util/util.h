/* Internal utilities: error state, growable arrays, string interning. Needs nothing else. */
#ifndef CNI_UTIL_H
#define CNI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <collabnet/error.h>

/* Set this thread's last error message (printf-style) and return @p status. */
int cni_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clear this thread's last error message. */
void cni_clear_error(void);
/* The argument checks at the entry of public functions (error.h states the contract):
 * CN_EINVAL with "FUNCTION: WHAT" as this thread's message, e.g. "cn_centrality: g is NULL". */
#define CNI_EINVAL(what) cni_fail(CN_EINVAL, "%s: %s", __func__, (what))
/* 0 when pointer argument @p p is set, else CNI_EINVAL("p is NULL"). */
#define CNI_CHECK_PTR(p) ((p) ? 0 : CNI_EINVAL(#p " is NULL"))
/* A hint to start loading what p points to: no effect on results. */
#if defined(__GNUC__) || defined(__clang__)
#define CNI_PREFETCH(p) __builtin_prefetch(p)
#else
#define CNI_PREFETCH(p) ((void)(p))
#endif

/* Overflow-checked allocation helpers; NULL on failure or overflow. */
void *cni_alloc_array(size_t n, size_t size);
void *cni_calloc_array(size_t n, size_t size);
/* Grow *p (holding *cap elements of @p size) to at least @p need elements. 0 or CN_ENOMEM. */
int cni_grow(void **p, size_t *cap, size_t need, size_t size);
/* Advise transparent huge pages for an array of at least 4 MB (no-op otherwise). */
void cni_advise_huge(void *p, size_t bytes);
char *cni_strdup(const char *s);
/* qsort() that accepts an empty or NULL array (qsort(NULL, 0, ...) is undefined behaviour). */
void cni_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* The same with a context passed to every comparison (glibc's qsort_r order): a comparator that
 * needs more than the two elements takes it from @p ctx, never from a file-static variable, so
 * that the library stays reentrant. */
void cni_sort_r(void *base, size_t n, size_t size,
                int (*cmp)(const void *, const void *, void *), void *ctx);
char *cni_strndup(const char *s, size_t n);

/* Byte-level ASCII helpers (locale-independent). */
bool cni_streq_nocase(const char *a, const char *b);

/* The candidate closest to a mistyped word, for "did you mean ...?": init with the word, offer
 * every candidate (borrowed: it must outlive the search), then best is the nearest by edit
 * distance (letter case ignored) when it is close, at most a third of the word changed, else
 * NULL. Ties go to the candidate first in byte order, so the answer does not depend on the
 * order of offers. */
typedef struct cni_closest {
    const char *word, *best;
    size_t dist; /* best's distance; before one is found, the first distance too far */
} cni_closest;
void cni_closest_init(cni_closest *c, const char *word);
void cni_closest_offer(cni_closest *c, const char *candidate);

/* Length of the valid UTF-8 prefix of s[0..n): n when all valid. */
size_t cni_utf8_valid_prefix(const unsigned char *s, size_t n);

/* Text from the data shown to a person (messages, terminal tables): a control character (C0,
 * DEL, C1, U+2028, U+2029) is escaped as \n, \r, \t, \xNN or \uNNNN, an invalid UTF-8 byte as
 * \xNN; other text, Vietnamese included, stays as it is. A backslash is not escaped, so escaping
 * twice changes nothing. Messages are escaped once, where the library builds them (cni_fail(),
 * cn_diag_list_add()); the CLI escapes its aligned tables. */
bool cni_is_control(uint32_t uc);
/* Length of s[0..n) escaped (without the NUL). */
size_t cni_escaped_len(const char *s, size_t n);
/* Write s[0..n) escaped into dst (cap bytes, NUL-terminated; cut before a character or escape
 * that does not fit). Returns the length written. */
size_t cni_escape(char *dst, size_t cap, const char *s, size_t n);
/* s escaped, malloc'd; NULL when out of memory. */
char *cni_escape_dup(const char *s);

/* String interning: equal strings get the same id; id 0 is always "". */
typedef struct cni_strpool cni_strpool;
int cni_strpool_create(cni_strpool **out);
void cni_strpool_destroy(cni_strpool *p);
/* Intern s[0..n); *out receives its id. 0 or CN_ENOMEM. */
int cni_strpool_intern(uint32_t *out, cni_strpool *p, const char *s, size_t n);
/* Id of s if interned, else UINT32_MAX. */
uint32_t cni_strpool_find(const cni_strpool *p, const char *s, size_t n);
/* Intern s[0..n) and, when value is not NULL, set the number kept with it (new strings get 0).
 * One lookup then yields both: the graph keeps node index + 1 and kind there for node ids. */
int cni_strpool_intern_value(uint32_t *out, cni_strpool *p, const char *s, size_t n,
                             const uint64_t *value);
/* Store s[0..n) under a new id without entering it in the table: for strings that are mostly
 * unique and never looked up (node labels), so the table stays small. Not found by
 * cni_strpool_find; an equal string interned later gets another id. 0 or CN_ENOMEM. */
int cni_strpool_add(uint32_t *out, cni_strpool *p, const char *s, size_t n);
/* Start loading the table slot for s, so that looking up two strings in a row waits for one
 * memory access instead of two (the loader does this for an edge's two endpoints). */
void cni_strpool_prefetch(const cni_strpool *p, const char *s, size_t n);
/* Start loading string @p id's pointer (@p step 0) or, once that has arrived, its bytes (@p step
 * 1): for callers that read many strings in an order of their own (a hint, like the above). */
void cni_strpool_prefetch_id(const cni_strpool *p, uint32_t id, int step);
/* The number kept with s, or 0 when s is not interned or has none. */
uint64_t cni_strpool_find_value(const cni_strpool *p, const char *s, size_t n);
/* The same two with s's cni_hash() already computed (@p h), by another thread for instance:
 * the hash is a pure function of the bytes, so it can be taken where the table is not read. */
void cni_strpool_prefetch_hash(const cni_strpool *p, uint64_t h);
uint64_t cni_strpool_find_value_hash(const cni_strpool *p, const char *s, size_t n, uint64_t h);
const char *cni_strpool_get(const cni_strpool *p, uint32_t id);
size_t cni_strpool_count(const cni_strpool *p);

/* 64-bit FNV-1a; good enough for hash tables of ids. */
uint64_t cni_hash(const char *s, size_t n);

#endif
