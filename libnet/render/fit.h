/* Internal: page fit (font sizes of a scene) and a PNG's resolution. */
#ifndef CNI_FIT_H
#define CNI_FIT_H

#include <stddef.h>

#include "scene.h"

/* Size the text of @p s for @p font_size points: every font size (node, edge, cluster and
 * graph sizes, POINT-SIZE in HTML labels) scaled by font_size / CN_RENDER_FONT_SIZE and raised
 * to font_size where below it, so that no text is smaller. Errors are sticky in s->status. */
void cni_fit_fonts(cni_scene *s, double font_size);

/* Put a pHYs chunk (@p dpi as pixels per metre) after the IHDR of the PNG in *png (malloc'd;
 * replaced). 0, CN_ERENDER (not a PNG) or CN_ENOMEM (*png untouched). */
int cni_png_set_dpi(char **png, size_t *len, double dpi);

#endif
