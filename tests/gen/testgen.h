/* Test dataset generator: valid datasets (README "The dataset contract") of many shapes, drawn
 * from a byte source that is either a seeded PRNG (the property test) or a fuzzer's input bytes
 * (tests/fuzz/fuzz_dataset.c), so that the same code explores shapes both ways. */
#ifndef TESTGEN_H
#define TESTGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where the generator's choices come from. */
typedef struct tgen_src {
    const uint8_t *data; /* bytes mode: the input, consumed in order; NULL: PRNG mode */
    size_t len, pos;
    uint64_t state;      /* PRNG mode: splitmix64 state */
} tgen_src;

void tgen_src_seed(tgen_src *s, uint64_t seed);
void tgen_src_bytes(tgen_src *s, const uint8_t *data, size_t len);
/* A value in [0, max) (0 when max <= 1). Bytes mode reads 1, 2 or 4 bytes by the size of max,
 * and gives 0 once the input is used up, so every input makes a (smaller) dataset. */
size_t tgen_next(tgen_src *s, size_t max);

/* How large a dataset may get. */
typedef struct tgen_params {
    size_t max_actors;   /* actors besides the shapes' own (star members, spanners) */
    size_t max_networks; /* networks besides the shapes' own (chains, wide umbrellas) */
    size_t big;          /* members of a "big star" network */
    size_t deep;         /* longest chain of nested networks */
    size_t wide;         /* most sub-networks under one umbrella */
    size_t many;         /* most networks one actor is in, and most distinct regions */
} tgen_params;
#define TGEN_PARAMS_DEFAULT { 20, 10, 1500, 40, 40, 30 }

/* Shapes drawn into a dataset (bits of tgen_dataset.shapes). */
enum {
    TGEN_SPANNER = 1u << 0,  /* one actor in many networks (>= 20) */
    TGEN_DEEP = 1u << 1,     /* a long chain of nested networks */
    TGEN_WIDE = 1u << 2,     /* an umbrella with many sub-networks */
    TGEN_BIG = 1u << 3,      /* a network with `big` members */
    TGEN_REGIONS = 1u << 4,  /* hundreds of distinct regions */
    TGEN_REPEAT = 1u << 5,   /* repeated collaboration pairs, in both orders */
    TGEN_EXTREME = 1u << 6,  /* tiny and huge weights (sums stay finite) */
    TGEN_HOSTILE = 1u << 7,  /* hostile and Unicode labels, ids and values */
    TGEN_DATES = 1u << 8,    /* since/until on edges, and an --at date */
    TGEN_TARGETS = 1u << 9,  /* a targets.ini */
    TGEN_SHAPE_COUNT = 10
};

typedef struct tgen_dataset {
    char *nodes, *edges, *targets; /* NUL-terminated file contents; targets NULL when none */
    size_t nodes_len, edges_len, targets_len;
    char *focus;       /* an id for `render -v ego --focus` (NULL: no node) */
    char at[16];       /* a date for --at ("" when the edges carry no dates) */
    unsigned shapes;   /* TGEN_* bits drawn */
    size_t nodes_count, networks, memberships, collaborations;
    /* which optional columns were written */
    bool col_label, col_region, col_country, col_fields, col_extra;
    bool col_role, col_weight, col_since, col_until, col_ref, col_edge_extra;
} tgen_dataset;

/* Draw a dataset. Returns 0, or -1 when out of memory (*out is then empty). */
int tgen_make(tgen_dataset *out, tgen_src *src, const tgen_params *p);
void tgen_free(tgen_dataset *d);
/* Write nodes.csv, edges.csv and targets.ini (when there are targets) into @p dir, which
 * must exist. Returns 0 or -1 (errno set). */
int tgen_write(const tgen_dataset *d, const char *dir);
/* The names of the shapes drawn, comma-separated, into buf. */
const char *tgen_shape_names(unsigned shapes, char *buf, size_t size);

#endif
