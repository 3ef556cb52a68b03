/* Internal: the candidates who could close a coverage gap, ranked from every signal the data
 * hold, each with its evidence in words (README "How candidates are ranked"). */
#ifndef CNI_CANDIDATES_H
#define CNI_CANDIDATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <collabnet/analysis.h>

/* What the candidates search keeps between gaps: the collaboration adjacency, an index of
 * fields and the per-node scratch (one search at a time). */
typedef struct cni_cands cni_cands;

int cni_cands_create(cni_cands **out, const cn_graph *g);
void cni_cands_destroy(cni_cands *cc);

/* Whether node i fits a rule's filter (the caller's `where`). */
typedef bool cni_cand_fit(const cn_graph *g, size_t i, const void *ctx);

/* One gap: who may close it and what the evidence is measured against. */
typedef struct cni_cand_query {
    int kind;                  /* the candidates' cn_node_kind */
    cni_cand_fit *fit;         /* may be NULL: no filter beyond the kind */
    const void *fit_ctx;
    const char *filter;        /* the filter in words (" whose country is not VN") or "" */
    bool country;              /* the filter is on country: a candidate's country is a signal */
    size_t network;            /* a network rule's network, else CN_NONE: never a candidate,
                                  and its fields are those concerned */
    bool lead;                 /* candidates are the network's own member institutions */
    const char *field;         /* a field rule's field (else the network's fields) */
    const char *region;        /* a regional rule's region: required; NULL: the network's region
                                  counts as a signal */
    const uint32_t *nets;      /* networks whose leads and members the candidates relate to */
    size_t nnets;
    const uint32_t *exclude;   /* networks whose members are no candidates */
    size_t nexclude;
} cni_cand_query;

/* The candidates of one gap, best first; the strings the suggestions point to live in text. */
typedef struct cni_cand_list {
    cn_suggestion *items;
    size_t n;
    char *text;
    char *no_candidate;        /* no candidate: which signal the data lack, in words */
} cni_cand_list;

/* Find at most @p max candidates for @p q into @p out (zeroed first; released with
 * cni_cand_list_fini()). @return 0 or CN_ENOMEM */
int cni_cands_find(cni_cand_list *out, cni_cands *cc, const cni_cand_query *q, size_t max);
void cni_cand_list_fini(cni_cand_list *l);

#endif
