/* Internal: the only place that calls Graphviz. */
#ifndef CNR_GV_H
#define CNR_GV_H

#include <stdio.h>

#include "scene.h"

/* Lay out @p s with its engine and draw it in @p format into a malloc'd buffer (for
 * CN_FORMAT_DOT: the source, not laid out). 0, CN_ERENDER (message in cn_errmsg()) or
 * CN_ENOMEM. Not thread-safe: Graphviz keeps process-wide state. */
int cnr_gv_render(char **out, size_t *len, const cnr_scene *s, cn_render_format format,
                  unsigned dpi);

/* Write @p s as DOT (not laid out) to @p fp. 0, CN_EIO or CN_ENOMEM. */
int cnr_gv_write(FILE *fp, const cnr_scene *s);

#endif
