/* Internal: the only place that calls Graphviz. */
#ifndef CNI_GV_H
#define CNI_GV_H

#include <stdbool.h>
#include <stdio.h>

#include "scene.h"

/* A PNG's bitmap stays within these (cairo's limit is 32,767 pixels a side; 100 million
 * pixels are 400 MB of memory while drawing). */
#define CNI_PNG_MAX_SIDE 32000.0
#define CNI_PNG_MAX_PIXELS 100e6

/* A scene as a Graphviz graph, laid out once and drawn in any format. Not thread-safe:
 * Graphviz keeps process-wide state. */
typedef struct cni_gv_layout cni_gv_layout;

/* Build @p s and, when @p lay_out (not needed for the DOT source alone), lay it out with its
 * engine. With @p fill_w and @p fill_h above 0 (points, the pad included) the layout is asked
 * to fill that size (size, ratio=fill); with @p box_w and @p box_h above 0 it is drawn at 100 %
 * when it fits that box (cni_gv_layout_size() tells), never scaled to it. 0, CN_ERENDER
 * (message in cn_errmsg()) or CN_ENOMEM; *out is released with cni_gv_layout_free(). One
 * layout alive at a time: Graphviz 2.42 crashes drawing a graph laid out before another that
 * was freed since. */
int cni_gv_layout_make(cni_gv_layout **out, const cni_scene *s, bool lay_out, double fill_w,
                       double fill_h, double box_w, double box_h);
/* The drawing's size in points, its pad included (0 when not laid out). */
void cni_gv_layout_size(const cni_gv_layout *l, double *w, double *h);
/* The centre of scene node @p i in the layout, in points (0, 0 when not laid out). */
void cni_gv_layout_node_pos(const cni_gv_layout *l, size_t i, double *x, double *y);
/* Draw @p l in @p format into a malloc'd buffer (for CN_FORMAT_DOT: the source, not laid
 * out). *dpi_used receives the resolution of a PNG: @p dpi (0: 144), or less when the bitmap
 * would pass CNI_PNG_MAX_SIDE or CNI_PNG_MAX_PIXELS; 0 for the other formats. 0, CN_ERENDER
 * or CN_ENOMEM. */
int cni_gv_layout_draw(char **out, size_t *len, double *dpi_used, cni_gv_layout *l,
                       cn_render_format format, unsigned dpi);
void cni_gv_layout_free(cni_gv_layout *l); /* NULL is a no-op */

/* Write @p s as DOT (not laid out) to @p fp. 0, CN_EIO or CN_ENOMEM. */
int cni_gv_write(FILE *fp, const cni_scene *s);

#endif
