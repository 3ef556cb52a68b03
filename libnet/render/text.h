/* Internal: text for diagrams: a growable buffer, NFC normalisation, wrapping and escaping. */
#ifndef CNR_TEXT_H
#define CNR_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* A growable NUL-terminated string. Errors are sticky: after a failed append, failed is set
 * and further appends do nothing. */
typedef struct cnr_buf {
    char *s;
    size_t len, cap;
    bool failed;
} cnr_buf;

void cnr_buf_init(cnr_buf *b);
void cnr_buf_fini(cnr_buf *b);
void cnr_buf_clear(cnr_buf *b);
void cnr_buf_add(cnr_buf *b, const char *s, size_t n);
void cnr_buf_puts(cnr_buf *b, const char *s);
void cnr_buf_printf(cnr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty); NULL after a failure. */
const char *cnr_buf_str(const cnr_buf *b);

/* Text from the data made safe to draw: NFC-normalised (so decomposed Vietnamese renders with
 * the precomposed glyphs), invalid UTF-8 bytes replaced by U+FFFD, control characters and
 * runs of white space turned into one space, trimmed. Returns a malloc'd string or NULL
 * (out of memory). */
char *cnr_text_clean(const char *s);

/* Number of characters (code points) of UTF-8 text. */
size_t cnr_text_width(const char *s);

/* Break cleaned text into lines of at most @p width characters at spaces (a longer word is
 * cut), at most @p max_lines lines; text that does not fit ends in "…". Lines are joined with
 * '\n'. Returns a malloc'd string or NULL (out of memory). */
char *cnr_text_wrap(const char *s, size_t width, size_t max_lines);

/* Append text escaped for a Graphviz HTML-like label: & < > " ' as entities, '\n' as <BR/>,
 * and a backslash doubled (Graphviz would otherwise expand \N, \G and the like). */
void cnr_buf_html(cnr_buf *b, const char *text);

#endif
