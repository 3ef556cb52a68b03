/* Internal: the only place that calls Graphviz. */
#ifndef CNI_GV_H
#define CNI_GV_H

#include <stdio.h>

#include "scene.h"

/* A PNG's bitmap stays within these (cairo's limit is 32,767 pixels a side; 100 million
 * pixels are 400 MB of memory while drawing). */
#define CNI_PNG_MAX_SIDE 32000.0
#define CNI_PNG_MAX_PIXELS 100e6

/* Lay out @p s with its engine and draw it in @p format into a malloc'd buffer (for
 * CN_FORMAT_DOT: the source, not laid out). *dpi_used receives the resolution of a PNG: @p dpi
 * (0: 144), or less when the bitmap would pass CNI_PNG_MAX_SIDE or CNI_PNG_MAX_PIXELS; 0 for
 * the other formats. 0, CN_ERENDER (message in cn_errmsg()) or CN_ENOMEM. Not thread-safe:
 * Graphviz keeps process-wide state. */
int cni_gv_render(char **out, size_t *len, double *dpi_used, const cni_scene *s,
                  cn_render_format format, unsigned dpi);

/* Write @p s as DOT (not laid out) to @p fp. 0, CN_EIO or CN_ENOMEM. */
int cni_gv_write(FILE *fp, const cni_scene *s);

#endif
