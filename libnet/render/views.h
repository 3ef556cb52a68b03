/* Internal: build the scene of a view. */
#ifndef CNI_VIEWS_H
#define CNI_VIEWS_H

#include "scene.h"

/* Fill @p s with view o->view of @p g (engine included); @p st gets the counts. 0 or an error
 * (CN_EINVAL for a bad focus or label column, analysis errors, CN_ENOMEM). */
int cni_build_view(cni_scene *s, cn_render_stats *st, const cn_graph *g,
                   const cn_render_options *o);

#endif
