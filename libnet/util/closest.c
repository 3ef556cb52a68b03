/* "Did you mean ...?": the candidate nearest a mistyped word, by edit distance. */
#include <string.h>

#include "util.h"

/* Words longer than this are not compared (a label, a sentence): no typo worth naming there. */
#define MAX_LEN 64

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Optimal string alignment distance between a and b (ASCII letter case ignored): insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1. Bytes, not characters: a
 * Vietnamese letter mistyped costs 2 or 3, which only makes a suggestion rarer. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t rows[3][MAX_LEN + 1], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

    for (size_t j = 0; j <= nb; j++) {
        prev[j] = j;
    }
    for (size_t i = 1; i <= na; i++) {
        size_t *t;
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]);
            size_t d = prev[j - 1] + cost;
            d = prev[j] + 1 < d ? prev[j] + 1 : d;
            d = cur[j - 1] + 1 < d ? cur[j - 1] + 1 : d;
            if (i > 1 && j > 1 && lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2])
                && lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1])
                && prev2[j - 2] + 1 < d) {
                d = prev2[j - 2] + 1;
            }
            cur[j] = d;
        }
        t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

void cni_closest_init(cni_closest *c, const char *word)
{
    size_t n = strlen(word);

    c->word = word;
    c->best = NULL;
    /* close: at most a third of the word changed (one edit for a word of up to five bytes) */
    c->dist = n > MAX_LEN ? 0 : (n / 3 > 1 ? n / 3 : 1) + 1;
}

void cni_closest_offer(cni_closest *c, const char *candidate)
{
    size_t na = strlen(c->word), nb = strlen(candidate), d;

    /* the lengths alone bound the distance: most candidates stop here (a column of a million
     * values costs a pass, not a million full comparisons) */
    if (c->dist == 0 || nb > MAX_LEN || nb == 0 || (na > nb ? na - nb : nb - na) > c->dist
        || strcmp(candidate, c->word) == 0) {
        return;
    }
    d = distance(c->word, na, candidate, nb);
    if (d < nb && (d < c->dist || (d == c->dist && c->best && strcmp(candidate, c->best) < 0))) {
        c->best = candidate;
        c->dist = d;
    }
}
