/* Internal: the graph's columnar storage and the builder the loader uses. */
#ifndef CNI_GRAPH_H
#define CNI_GRAPH_H

#include <stdint.h>

#include <collabnet/model.h>

#include "../util/util.h"

#define CNI_NO_INDEX UINT32_MAX
#define CNI_KIND_INVALID 0xFF /* a node whose row was bad: known id, no kind checks */

/* A date packed as YYYYMMDD (month/day 0 when not given); 0 is "no date". */
typedef int32_t cni_date;

/* A column of 4-byte values kept as a rule while every row follows it: row e's value is
 * base + step * e (step 0: one value for all, such as one ref; 1: one line after another), and
 * the array v is made at the first row that breaks it (at generated L the lines and the refs of
 * 10 million edge rows follow their rules: 80 MB fewer). Read with cni_lazy_get(). */
typedef struct cni_lazy_col {
    uint32_t *v;   /* NULL while the rule holds */
    uint32_t base, step;
} cni_lazy_col;

static inline uint32_t cni_lazy_get(const cni_lazy_col *c, size_t e)
{
    return c->v ? c->v[e] : c->base + c->step * (uint32_t)e;
}

struct cn_graph {
    cni_strpool *pool;

    /* nodes, one entry per node in each column */
    size_t n, ncap;
    uint32_t *node_id, *node_label, *node_region, *node_country, *node_line;
    uint8_t *node_kind;
    uint32_t *field_off; /* n + 1 offsets into fields */
    uint32_t *fields;    /* interned slugs */
    size_t nfields, fcap;
    size_t nattr;        /* extra nodes.csv columns */
    uint32_t *node_attr_name;
    uint32_t **node_attr; /* [nattr][ncap] */

    /* edge rows */
    size_t m, mcap;
    uint32_t *e_src, *e_dst;
    cni_lazy_col e_line;  /* each row one line past the previous one, as a rule */
    cni_lazy_col e_ref;   /* one ref for all, as a rule */
    uint8_t *e_kind, *e_role;
    double *e_weight;
    cni_date *e_since, *e_until;
    size_t neattr;
    uint32_t *edge_attr_name;
    uint32_t **edge_attr; /* [neattr][mcap] */

    /* derived by cni_graph_finalize() */
    size_t count_kind[CN_NODE_KIND_COUNT], count_edge_kind[CN_EDGE_KIND_COUNT];
    uint32_t *lead;                 /* per node: lead edge index, CNI_NO_INDEX */
    uint32_t *in_off, *in_edges;    /* membership edges by target, CSR (n + 1 offsets) */
    uint32_t *out_off, *out_edges;  /* membership edges by source */
    size_t nties;
    uint32_t *tie_a, *tie_b, *tie_rows;
    double *tie_w;
};

int cni_graph_create(cn_graph **out);
/* Declare the extra columns (by interned name) before adding nodes or edges. */
int cni_graph_set_node_attrs(cn_graph *g, const char *const *names, const size_t *lens, size_t n);
int cni_graph_set_edge_attrs(cn_graph *g, const char *const *names, const size_t *lens, size_t n);
/* cn_graph_find that also gives the node's kind from the same table slot (one cache miss
 * fewer per edge endpoint at a million nodes). *kind is unspecified when not found. */
size_t cni_graph_find_kind(const cn_graph *g, const char *id, cn_node_kind *kind);
/* Start fetching what cn_graph_find(g, id) will read (a hint: no effect on results). */
void cni_graph_prefetch_node(const cn_graph *g, const char *id);
/* The same two for an id of @p len bytes whose cni_hash() is @p h (computed elsewhere, such as
 * on the thread that reads the file). */
size_t cni_graph_find_kind_hash(const cn_graph *g, const char *id, size_t len, uint64_t h,
                                cn_node_kind *kind);
void cni_graph_prefetch_hash(const cn_graph *g, uint64_t h);
/* Start loading what cn_graph_node_id(), cn_graph_node_label() and cn_graph_node_kind() read
 * for node @p i, in three steps issued some rows apart (0: the node's entries, 1: the pool's
 * pointers, 2: the strings), each reading what the step before fetched: a writer of rows in
 * score order waits for one memory access a row instead of four. A hint: no effect on results. */
void cni_graph_prefetch_row(const cn_graph *g, size_t i, int step);
/* Intern a string in the graph's pool. */
int cni_graph_intern(uint32_t *out, cn_graph *g, const char *s, size_t n);
/* Keep a string that is mostly unique and never looked up (a label) without interning it. */
int cni_graph_store(uint32_t *out, cn_graph *g, const char *s, size_t n);
/* Append a node; *out is its index. The id must not be present yet (see cn_graph_find). */
int cni_graph_add_node(size_t *out, cn_graph *g, const char *id, size_t idlen, uint8_t kind,
                       uint32_t line);
/* Setters for the node just added (index i). */
void cni_graph_set_node_str(cn_graph *g, size_t i, uint32_t label, uint32_t region,
                            uint32_t country);
int cni_graph_add_field(cn_graph *g, size_t i, const char *slug, size_t len);
int cni_graph_set_node_attr(cn_graph *g, size_t i, size_t k, const char *s, size_t len);
/* Make room for @p m edge rows in all (a hint: the rows are still added one by one). */
int cni_graph_reserve_edges(cn_graph *g, size_t m);
/* Append an edge row; *out is its index. */
int cni_graph_add_edge(size_t *out, cn_graph *g, uint32_t src, uint32_t dst, uint8_t kind,
                       uint8_t role, double weight, cni_date since, cni_date until,
                       uint32_t ref, uint32_t line);
int cni_graph_set_edge_attr(cn_graph *g, size_t e, size_t k, const char *s, size_t len);
/* Build the derived indexes: kind counts, membership CSR, leads, merged collaboration ties. */
int cni_graph_finalize(cn_graph *g);

/* The node columns a targets filter may name: id, label, kind, region, country, fields (the
 * contract's, always present), then nodes.csv's extra columns. A column index is below
 * cni_graph_column_count(); cni_graph_column_find() matches a name case-insensitively, as
 * nodes.csv's header is, and gives CN_NONE for none. A value is the node's text in that column
 * ("" when empty), NULL for `fields`, a list (cn_graph_node_has_field). */
#define CNI_COLUMN_REGION 3
#define CNI_COLUMN_FIELDS 5
size_t cni_graph_column_count(const cn_graph *g);
const char *cni_graph_column_name(const cn_graph *g, size_t col);
size_t cni_graph_column_find(const cn_graph *g, const char *name);
const char *cni_graph_column_value(const cn_graph *g, size_t i, size_t col);

/* Drop the edge rows not in force at @p at and rebuild the derived indexes. */
int cni_graph_keep_in_force(cn_graph *g, cn_date at);
/* Drop the nodes with node_gone[i] (g->n flags), the edge rows with edge_gone[e] (g->m flags;
 * NULL: none) and every edge row of a dropped node; the rest keep their order and lines, and
 * node indexes are renumbered (cn_graph_find follows). Rebuilds the derived indexes. For
 * scenarios (README "Scenarios"). 0 or CN_ENOMEM. */
int cni_graph_remove(cn_graph *g, const uint8_t *node_gone, const uint8_t *edge_gone);

/*
 * Strongly connected components of a directed graph on @p n vertices with @p m edges
 * (from[k] -> to[k]): @p comp receives n component ids, *ncomp their number. Returns 0,
 * CN_ENOMEM or CN_EGRAPH. For the loader's membership-cycle check.
 * Declared by the model, defined in analysis/ig.c: igraph has the algorithm (STYLE: do not
 * re-implement igraph) and only ig.c includes igraph, so the model names the operation and
 * analysis provides it. load/ thus includes model/ only; the one library links both, as it
 * links everything.
 */
int cni_graph_strong_components(uint32_t *comp, size_t *ncomp, size_t n, const uint32_t *from,
                                const uint32_t *to, size_t m);

cni_date cni_date_pack(cn_date d);
cn_date cni_date_unpack(cni_date d);
/* The first and the last calendar day of the period a reduced date names (2027 -> 2027-01-01
 * and 2027-12-31, 2024-02 -> 2024-02-01 and 2024-02-29); the absent date stays absent. */
cn_date cni_date_first(cn_date d);
cn_date cni_date_last(cn_date d);

#endif
