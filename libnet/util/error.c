#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static _Thread_local char last_error[1024];

const char *cn_strerror(int status)
{
    switch (status) {
    case CN_OK: return "success";
    case CN_ERROR: return "error";
    case CN_ENOMEM: return "out of memory";
    case CN_EINVAL: return "invalid argument";
    case CN_EIO: return "input/output error";
    case CN_EDATA: return "the data break the dataset contract";
    case CN_EGRAPH: return "graph algorithm failed";
    case CN_ERENDER: return "rendering failed";
    case CN_ENOENT: return "no such input";
    case CN_ECREATE: return "cannot create the output";
    case CN_ELIMIT: return "over a size limit";
    default: return "unknown status";
    }
}

const char *cn_errmsg(void)
{
    return last_error;
}

int cni_fail(int status, const char *fmt, ...)
{
    char msg[sizeof last_error];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* names and values from the data reach a terminal through this message */
    cni_escape(last_error, sizeof last_error, msg, strlen(msg));
    return status;
}

void cni_clear_error(void)
{
    last_error[0] = '\0';
}

void cn_free(void *p)
{
    free(p);
}

/* ---- diagnostics ---- */

struct cn_diag_list {
    cn_diag *items;
    size_t count, cap, limit, total;
};

int cn_diag_list_create(cn_diag_list **out, size_t limit)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = calloc(1, sizeof **out);
    if (!*out) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    (*out)->limit = limit ? limit : 100;
    return 0;
}

void cn_diag_list_destroy(cn_diag_list *list)
{
    if (!list) {
        return;
    }
    for (size_t i = 0; i < list->count; i++) {
        free((char *)list->items[i].file);
        free((char *)list->items[i].message);
    }
    free(list->items);
    free(list);
}

size_t cn_diag_list_count(const cn_diag_list *list)
{
    return list ? list->count : 0;
}

size_t cn_diag_list_total(const cn_diag_list *list)
{
    return list ? list->total : 0;
}

const cn_diag *cn_diag_list_at(const cn_diag_list *list, size_t i)
{
    return list && i < list->count ? &list->items[i] : NULL;
}

int cn_diag_list_add(cn_diag_list *list, const char *file, size_t line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    char *f, *m;

    if (!fmt) {
        return CNI_EINVAL("fmt is NULL");
    }
    if (!list) {
        return 0;
    }
    list->total++;
    if (list->count >= list->limit) {
        return 0;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (list->count == list->cap) {
        /* grown here, not with cni_grow(): mem.c reports through cni_fail(), so error.c stays
         * below it (util/ has no cycle) */
        size_t ncap = list->cap ? 2 * list->cap : 16;
        cn_diag *items = ncap <= SIZE_MAX / sizeof *items
                             ? realloc(list->items, ncap * sizeof *items) : NULL;
        if (!items) {
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        list->items = items;
        list->cap = ncap;
    }
    /* the message quotes the data and the file name is the user's: both reach a terminal, where a
     * control character must not act nor a newline forge a second FILE:LINE: line */
    f = cni_escape_dup(file ? file : "");
    m = cni_escape_dup(msg);
    if (!f || !m) {
        free(f);
        free(m);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    list->items[list->count++] = (cn_diag){ f, line, m };
    return 0;
}
