/* ISO 8601 calendar dates of reduced precision, as edges.csv gives them in since/until. */
#include <stdio.h>
#include <string.h>

#include <collabnet/model.h>

#include "graph.h"

static int digits(const char *s, size_t n)
{
    int v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

int cn_date_parse(cn_date *out, const char *text)
{
    size_t n;
    cn_date d = { 0, 0, 0 };
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = d;
    if ((rc = CNI_CHECK_PTR(text)) < 0) {
        return rc;
    }
    n = strlen(text);
    if (n == 0) {
        return 0;
    }
    if ((n != 4 && n != 7 && n != 10) || (n >= 7 && text[4] != '-') || (n == 10 && text[7] != '-')
        || (d.year = digits(text, 4)) < 1
        || (n >= 7 && ((d.month = digits(text + 5, 2)) < 1 || d.month > 12))
        || (n == 10 && ((d.day = digits(text + 8, 2)) < 1
                        || d.day > days_in_month(d.year, d.month)))) {
        return cni_fail(CN_EINVAL, "malformed date '%.10s%s' (expected YYYY, YYYY-MM or "
                                   "YYYY-MM-DD)", text, n > 10 ? "..." : "");
    }
    *out = d;
    return 0;
}

char *cn_date_format(char *buf, cn_date d)
{
    unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 100, dd = (unsigned)d.day % 100;

    if (!buf) {
        return NULL;
    }
    if (d.year <= 0) {
        buf[0] = '\0';
    } else if (d.month == 0) {
        snprintf(buf, 11, "%04u", y);
    } else if (d.day == 0) {
        snprintf(buf, 11, "%04u-%02u", y, m);
    } else {
        snprintf(buf, 11, "%04u-%02u-%02u", y, m, dd);
    }
    return buf;
}

/* First and last day a reduced date stands for, as YYYYMMDD. */
static long first_day(cn_date d)
{
    return d.year * 10000L + (d.month ? d.month : 1) * 100L + (d.day ? d.day : 1);
}

static long last_day(cn_date d)
{
    return d.year * 10000L + (d.month ? d.month : 12) * 100L + (d.day ? d.day : 31);
}

cn_date cni_date_first(cn_date d)
{
    if (d.year > 0) {
        d.month = d.month ? d.month : 1;
        d.day = d.day ? d.day : 1;
    }
    return d;
}

cn_date cni_date_last(cn_date d)
{
    if (d.year > 0) {
        d.month = d.month ? d.month : 12;
        d.day = d.day ? d.day : days_in_month(d.year, d.month);
    }
    return d;
}

bool cn_date_before(cn_date a, cn_date b)
{
    return a.year > 0 && b.year > 0 && last_day(a) < first_day(b);
}

cni_date cni_date_pack(cn_date d)
{
    return d.year > 0 ? (cni_date)(d.year * 10000 + d.month * 100 + d.day) : 0;
}

cn_date cni_date_unpack(cni_date p)
{
    cn_date d = { p / 10000, p / 100 % 100, p % 100 };

    return d;
}

bool cn_date_in_force(cn_date since, cn_date until, cn_date at)
{
    /* in force when its period overlaps the period @p at names */
    if (at.year <= 0) {
        return true;
    }
    return !cn_date_before(at, since) && !cn_date_before(until, at);
}
