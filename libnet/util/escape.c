/* Text from the data made safe for a terminal: control characters and invalid UTF-8 escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "util.h"

bool cni_is_control(uint32_t uc)
{
    return uc < 0x20 || uc == 0x7F || (uc >= 0x80 && uc < 0xA0) || uc == 0x2028 || uc == 0x2029;
}

/* The escape for the character at s[0..n) (written to esc, at most 7 bytes); *used gets the bytes
 * it takes. Returns the escape's length, or 0 when the character stays as it is. */
static size_t escape_one(char esc[8], size_t *used, const char *s, size_t n)
{
    ucs4_t uc;
    int len = u8_mbtoucr(&uc, (const uint8_t *)s, n);

    if (len < 0) {
        *used = 1;
        return (size_t)snprintf(esc, 8, "\\x%02x", (unsigned char)s[0]);
    }
    *used = (size_t)len;
    if (!cni_is_control(uc)) {
        return 0;
    }
    switch (uc) {
    case '\n': return (size_t)snprintf(esc, 8, "\\n");
    case '\r': return (size_t)snprintf(esc, 8, "\\r");
    case '\t': return (size_t)snprintf(esc, 8, "\\t");
    default:
        return (size_t)snprintf(esc, 8, uc < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)uc);
    }
}

size_t cni_escaped_len(const char *s, size_t n)
{
    size_t out = 0;
    char esc[8];

    for (size_t i = 0, used; i < n; i += used) {
        size_t e = escape_one(esc, &used, s + i, n - i);
        out += e ? e : used;
    }
    return out;
}

size_t cni_escape(char *dst, size_t cap, const char *s, size_t n)
{
    size_t out = 0;
    char esc[8];

    if (cap == 0) {
        return 0;
    }
    for (size_t i = 0, used; i < n; i += used) {
        size_t e = escape_one(esc, &used, s + i, n - i);
        const char *piece = e ? esc : s + i;
        size_t len = e ? e : used;
        if (out + len >= cap) {
            break; /* never half a character or half an escape */
        }
        memcpy(dst + out, piece, len);
        out += len;
    }
    dst[out] = '\0';
    return out;
}

char *cni_escape_dup(const char *s)
{
    size_t n = strlen(s), len = cni_escaped_len(s, n);
    char *out = malloc(len + 1);

    if (out) {
        cni_escape(out, len + 1, s, n);
    }
    return out;
}
