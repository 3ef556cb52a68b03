/* Internal: degree, strength and coreness from a view's edge arrays, without building an igraph
 * graph: the same values as igraph 0.10's igraph_degree(), igraph_strength() (the same sums
 * in the same order, so the same bits) and igraph_coreness(), in time linear in the edges. */
#ifndef CNI_DEGREE_H
#define CNI_DEGREE_H

#include <stdbool.h>

#include "view.h"

/* Whether cni_degree_measure() computes @p m on @p v: degree, strength or coreness, on a view
 * without self-loops (the loader refuses them; igraph counts them in its own order). */
bool cni_degree_handles(const cni_view *v, cn_measure m);

/**
 * Measure @p m of every vertex of @p v into res[0..v->nv).
 * @param weighted  strength sums the edge weights (else it is the degree)
 * @return 0, CN_EINVAL when cni_degree_handles() is false, or CN_ENOMEM
 */
int cni_degree_measure(double *res, const cni_view *v, cn_measure m, bool weighted);

#endif
