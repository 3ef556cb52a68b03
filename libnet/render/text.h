/* Internal: text for diagrams: NFC normalisation, wrapping and escaping. */
#ifndef CNI_TEXT_H
#define CNI_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

/* Text from the data made safe to draw: NFC-normalised (so decomposed Vietnamese renders with
 * the precomposed glyphs), invalid UTF-8 bytes replaced by U+FFFD, control characters and
 * runs of white space turned into one space, trimmed. Returns a malloc'd string or NULL
 * (out of memory). */
char *cni_text_clean(const char *s);

/* Number of characters (code points) of UTF-8 text. */
size_t cni_text_width(const char *s);

/* Break cleaned text into lines of at most @p width characters at spaces (a longer word is
 * cut), at most @p max_lines lines; text that does not fit ends in "…". Lines are joined with
 * '\n'. Returns a malloc'd string or NULL (out of memory). */
char *cni_text_wrap(const char *s, size_t width, size_t max_lines);

/* As cni_text_wrap(), but text that does not fit keeps its end, which often tells apart names
 * that share a long start ("…of Transport)"): the last line is "…" and the last words (the
 * last characters when the last word is longer); on one line, the start, "…" and the end.
 * Text that fits is wrapped as by cni_text_wrap(). Returns a malloc'd string or NULL. */
char *cni_text_wrap_end(const char *s, size_t width, size_t max_lines);

/* Append text escaped for a Graphviz HTML-like label: & < > " ' as entities, '\n' as <BR/>,
 * and a backslash doubled (Graphviz would otherwise expand \N, \G and the like). */
void cni_text_gv_html(cni_buf *b, const char *text);

#endif
