/* Text for diagrams: a growable buffer, NFC normalisation (libunistring), wrapping, escaping. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "../util/util.h"

void cnr_buf_init(cnr_buf *b)
{
    memset(b, 0, sizeof *b);
}

void cnr_buf_fini(cnr_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

void cnr_buf_clear(cnr_buf *b)
{
    b->len = 0;
    if (b->s) {
        b->s[0] = '\0';
    }
}

void cnr_buf_add(cnr_buf *b, const char *s, size_t n)
{
    if (b->failed) {
        return;
    }
    if (b->len + n + 1 > b->cap || !b->s) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void cnr_buf_puts(cnr_buf *b, const char *s)
{
    cnr_buf_add(b, s, strlen(s));
}

void cnr_buf_printf(cnr_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        cnr_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    cnr_buf_add(b, big, (size_t)n);
    free(big);
}

const char *cnr_buf_str(const cnr_buf *b)
{
    return b->failed ? NULL : b->s ? b->s : "";
}

char *cnr_text_clean(const char *s)
{
    size_t n = strlen(s), outlen = 0;
    cnr_buf valid;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    uint8_t *nfc;
    char *out;
    bool space = true; /* drops leading white space */

    /* 1. valid UTF-8, control characters as spaces */
    cnr_buf_init(&valid);
    while (p < end) {
        ucs4_t uc;
        int len = u8_mbtoucr(&uc, p, (size_t)(end - p));
        if (len < 0) {
            cnr_buf_puts(&valid, "\xEF\xBF\xBD"); /* U+FFFD */
            p++;
            continue;
        }
        if (cni_is_control(uc)) {
            cnr_buf_add(&valid, " ", 1);
        } else {
            cnr_buf_add(&valid, (const char *)p, (size_t)len);
        }
        p += len;
    }
    if (!cnr_buf_str(&valid)) {
        cnr_buf_fini(&valid);
        return NULL;
    }
    /* 2. NFC */
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)cnr_buf_str(&valid), valid.len, NULL,
                       &outlen);
    cnr_buf_fini(&valid);
    if (!nfc && outlen != 0) {
        return NULL;
    }
    /* 3. collapse white space, trim */
    out = malloc(outlen + 1);
    if (!out) {
        free(nfc);
        return NULL;
    }
    n = 0;
    for (size_t i = 0; i < outlen; i++) {
        char c = (char)nfc[i];
        if (c == ' ') {
            if (!space) {
                out[n++] = ' ';
            }
            space = true;
        } else {
            out[n++] = c;
            space = false;
        }
    }
    while (n > 0 && out[n - 1] == ' ') {
        n--;
    }
    out[n] = '\0';
    free(nfc);
    return out;
}

size_t cnr_text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++) {
        w += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return w;
}

/* Byte length of the first @p chars characters of s (all of s if shorter). */
static size_t prefix_bytes(const char *s, size_t chars)
{
    size_t i = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == 0) {
                break;
            }
            chars--;
        }
        i++;
    }
    return i;
}

char *cnr_text_wrap(const char *s, size_t width, size_t max_lines)
{
    cnr_buf b;
    size_t lines = 0;
    char *res;

    if (width == 0) {
        width = 1;
    }
    if (max_lines == 0) {
        max_lines = 1;
    }
    cnr_buf_init(&b);
    cnr_buf_puts(&b, "");
    while (*s == ' ') {
        s++;
    }
    while (*s) {
        /* take as many words as fit in width characters */
        size_t fit = prefix_bytes(s, width), take;
        if (s[fit] == '\0') {
            take = fit;
        } else if (s[fit] == ' ') {
            take = fit;
        } else {
            take = fit;
            while (take > 0 && s[take] != ' ') {
                take--;
            }
            if (take == 0) {
                take = fit; /* one word longer than the line: cut it */
            }
        }
        if (lines + 1 == max_lines && s[take] != '\0') {
            /* the last line and text remains: shorten with an ellipsis */
            size_t room = prefix_bytes(s, width - (width > 1));
            size_t cut = room;
            while (cut > 0 && s[cut] != ' ' && cut > room / 2) {
                cut--;
            }
            if (s[cut] != ' ') {
                cut = room;
            }
            while (cut > 0 && s[cut - 1] == ' ') {
                cut--;
            }
            if (lines) {
                cnr_buf_add(&b, "\n", 1);
            }
            cnr_buf_add(&b, s, cut);
            cnr_buf_puts(&b, "\xE2\x80\xA6"); /* … */
            break;
        }
        if (lines++) {
            cnr_buf_add(&b, "\n", 1);
        }
        size_t end = take;
        while (end > 0 && s[end - 1] == ' ') {
            end--;
        }
        cnr_buf_add(&b, s, end);
        s += take;
        while (*s == ' ') {
            s++;
        }
    }
    if (!cnr_buf_str(&b)) {
        cnr_buf_fini(&b);
        return NULL;
    }
    res = b.s;
    return res;
}

void cnr_buf_html(cnr_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': cnr_buf_puts(b, "&amp;"); break;
        case '<': cnr_buf_puts(b, "&lt;"); break;
        case '>': cnr_buf_puts(b, "&gt;"); break;
        case '"': cnr_buf_puts(b, "&quot;"); break;
        case '\'': cnr_buf_puts(b, "&#39;"); break;
        case '\n': cnr_buf_puts(b, "<BR/>"); break;
        /* Graphviz expands \N, \G, ... in HTML-like labels too; a doubled backslash is one */
        case '\\': cnr_buf_puts(b, "\\\\"); break;
        default: cnr_buf_add(b, p, 1);
        }
    }
}
