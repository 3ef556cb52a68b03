/* Text for diagrams: a growable buffer, NFC normalisation (libunistring), wrapping, escaping. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "../util/util.h"

char *cni_text_clean(const char *s)
{
    size_t n = strlen(s), outlen = 0;
    cni_buf valid;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    uint8_t *nfc;
    char *out;
    bool space = true; /* drops leading white space */

    /* 1. valid UTF-8, control characters as spaces */
    cni_buf_init(&valid);
    while (p < end) {
        ucs4_t uc;
        int len = u8_mbtoucr(&uc, p, (size_t)(end - p));
        if (len < 0) {
            cni_buf_puts(&valid, "\xEF\xBF\xBD"); /* U+FFFD */
            p++;
            continue;
        }
        if (cni_is_control(uc)) {
            cni_buf_add(&valid, " ", 1);
        } else {
            cni_buf_add(&valid, (const char *)p, (size_t)len);
        }
        p += len;
    }
    if (!cni_buf_str(&valid)) {
        cni_buf_fini(&valid);
        return NULL;
    }
    /* 2. NFC */
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)cni_buf_str(&valid), valid.len, NULL,
                       &outlen);
    cni_buf_fini(&valid);
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

size_t cni_text_width(const char *s)
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

/* cni_text_wrap(); *was_cut tells whether text was left out. */
static char *wrap(const char *s, size_t width, size_t max_lines, bool *was_cut)
{
    cni_buf b;
    size_t lines = 0;
    char *res;

    if (width == 0) {
        width = 1;
    }
    if (max_lines == 0) {
        max_lines = 1;
    }
    cni_buf_init(&b);
    cni_buf_puts(&b, "");
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
                cni_buf_add(&b, "\n", 1);
            }
            cni_buf_add(&b, s, cut);
            cni_buf_puts(&b, "\xE2\x80\xA6"); /* … */
            *was_cut = true;
            break;
        }
        if (lines++) {
            cni_buf_add(&b, "\n", 1);
        }
        size_t end = take;
        while (end > 0 && s[end - 1] == ' ') {
            end--;
        }
        cni_buf_add(&b, s, end);
        s += take;
        while (*s == ' ') {
            s++;
        }
    }
    if (!cni_buf_str(&b)) {
        cni_buf_fini(&b);
        return NULL;
    }
    res = b.s;
    return res;
}

char *cni_text_wrap(const char *s, size_t width, size_t max_lines)
{
    bool cut = false;
    return wrap(s, width, max_lines, &cut);
}

/* Byte offset in s of its last words of at most @p chars characters (s cut after a space), or
 * of its last @p chars characters when its last word is longer. */
static size_t tail_start(const char *s, size_t chars)
{
    size_t w = cni_text_width(s), start;

    if (w <= chars) {
        return 0;
    }
    start = prefix_bytes(s, w - chars);
    if (s[start - 1] == ' ') {
        return start;
    }
    for (size_t i = start; s[i]; i++) {
        if (s[i] == ' ') {
            return i + 1;
        }
    }
    return start;
}

char *cni_text_wrap_end(const char *s, size_t width, size_t max_lines)
{
    bool cut = false;
    char *full = wrap(s, width, max_lines, &cut), *head = NULL, *res = NULL;
    size_t hn = 0, tail;
    cni_buf b;

    if (!full || !cut || width < 3) {
        return full;
    }
    cni_buf_init(&b);
    if (max_lines > 1) {
        /* the first lines as cni_text_wrap() draws them (text was cut on the last one only) */
        hn = strlen(full);
        while (hn > 0 && full[hn - 1] != '\n') {
            hn--;
        }
        cni_buf_add(&b, full, hn);
        tail = tail_start(s, width - 1);
    } else {
        /* one line: about half of it from the start, the rest from the end */
        size_t keep = (width - 1) / 2;
        head = wrap(s, keep + 1, 1, &cut); /* keep characters at most, then "…" */
        hn = head ? strlen(head) - 3 : 0;
        cni_buf_add(&b, head ? head : "", hn);
        tail = tail_start(s, width - cni_text_width(head ? head : "…"));
    }
    cni_buf_puts(&b, "\xE2\x80\xA6"); /* … */
    cni_buf_puts(&b, s + tail);
    if (cni_buf_str(&b) && (max_lines > 1 || head)) {
        res = b.s;
    } else {
        cni_buf_fini(&b);
    }
    free(head);
    free(full);
    return res;
}

void cni_text_gv_html(cni_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': cni_buf_puts(b, "&amp;"); break;
        case '<': cni_buf_puts(b, "&lt;"); break;
        case '>': cni_buf_puts(b, "&gt;"); break;
        case '"': cni_buf_puts(b, "&quot;"); break;
        case '\'': cni_buf_puts(b, "&#39;"); break;
        case '\n': cni_buf_puts(b, "<BR/>"); break;
        /* Graphviz expands \N, \G, ... in HTML-like labels too; a doubled backslash is one */
        case '\\': cni_buf_puts(b, "\\\\"); break;
        default: cni_buf_add(b, p, 1);
        }
    }
}
