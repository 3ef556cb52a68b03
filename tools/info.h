/* The facts `collabnet info` reports, computed once and printed in any format. */
#ifndef INFO_H
#define INFO_H

#include <collabnet/collabnet.h>

typedef struct info_group {
    const char *name;                   /* region or field; "" for nodes without one */
    size_t by_kind[CN_NODE_KIND_COUNT];
    size_t total;
} info_group;

typedef struct info_umbrella {
    size_t net;                         /* node index of the umbrella network */
    size_t subs;                        /* its direct sub-networks */
    info_group *by_lead_region;         /* sub-networks by their lead's region */
    size_t nregions;
} info_umbrella;

typedef struct info {
    const cn_graph *g;
    size_t merged_rows;                 /* collaboration rows folded into an earlier tie */
    info_group *regions, *fields;
    size_t nregions, nfields;
    size_t *networks;                   /* node indices of networks, file order */
    size_t nnetworks;
    info_group *lead_regions;           /* all networks by lead region ("" = no lead) */
    size_t nlead_regions;
    info_umbrella *umbrellas;
    size_t numbrellas;
    cn_components components;           /* combined view */
} info;

/* Compute everything; returns 0 or a negative cn_status. */
int info_compute(info *out, const cn_graph *g);
void info_free(info *in);

#endif
