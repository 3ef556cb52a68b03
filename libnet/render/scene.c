/* A diagram as plain data, built by the views and handed to gv.c. */
#include "scene.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "text.h"

void cni_scene_init(cni_scene *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->engine, sizeof s->engine, "dot");
}

static void attrs_fini(cni_attrs *a)
{
    for (size_t k = 0; k < a->n; k++) {
        free(a->v[k].value);
    }
    free(a->v);
    memset(a, 0, sizeof *a);
}

void cni_scene_fini(cni_scene *s)
{
    attrs_fini(&s->graph);
    attrs_fini(&s->node_defaults);
    attrs_fini(&s->edge_defaults);
    for (size_t i = 0; i < s->nnodes; i++) {
        attrs_fini(&s->nodes[i].a);
    }
    for (size_t e = 0; e < s->nedges; e++) {
        attrs_fini(&s->edges[e].a);
    }
    for (size_t c = 0; c < s->nclusters; c++) {
        attrs_fini(&s->clusters[c].a);
    }
    free(s->nodes);
    free(s->edges);
    free(s->clusters);
    memset(s, 0, sizeof *s);
}

size_t cni_node_add(cni_scene *s, size_t cluster)
{
    if (s->status || cni_grow((void **)&s->nodes, &s->nodes_cap, s->nnodes + 1, sizeof *s->nodes)) {
        s->status = CN_ENOMEM;
        return CN_NONE;
    }
    memset(&s->nodes[s->nnodes], 0, sizeof *s->nodes);
    s->nodes[s->nnodes].cluster = cluster;
    return s->nnodes++;
}

size_t cni_edge_add(cni_scene *s, size_t tail, size_t head)
{
    if (s->status || tail >= s->nnodes || head >= s->nnodes
        || cni_grow((void **)&s->edges, &s->edges_cap, s->nedges + 1, sizeof *s->edges)) {
        s->status = s->status ? s->status : CN_ENOMEM;
        return CN_NONE;
    }
    memset(&s->edges[s->nedges], 0, sizeof *s->edges);
    s->edges[s->nedges].tail = tail;
    s->edges[s->nedges].head = head;
    return s->nedges++;
}

size_t cni_cluster_add(cni_scene *s)
{
    if (s->status
        || cni_grow((void **)&s->clusters, &s->clusters_cap, s->nclusters + 1,
                    sizeof *s->clusters)) {
        s->status = CN_ENOMEM;
        return CN_NONE;
    }
    memset(&s->clusters[s->nclusters], 0, sizeof *s->clusters);
    return s->nclusters++;
}

static void put(cni_scene *s, cni_attrs *a, const char *name, char *value, bool html)
{
    if (!value) {
        s->status = CN_ENOMEM;
        return;
    }
    for (size_t k = 0; k < a->n; k++) {
        if (strcmp(a->v[k].name, name) == 0) {
            free(a->v[k].value);
            a->v[k].value = value;
            a->v[k].html = html;
            return;
        }
    }
    if (cni_grow((void **)&a->v, &a->cap, a->n + 1, sizeof *a->v)) {
        free(value);
        s->status = CN_ENOMEM;
        return;
    }
    a->v[a->n++] = (cni_attr){ name, value, html };
}

void cni_set(cni_scene *s, cni_attrs *a, const char *name, const char *value)
{
    size_t n = 0;
    char *v;

    if (s->status) {
        return;
    }
    for (const char *p = value; *p; p++) {
        n += *p == '\\' ? 2 : 1;
    }
    if ((v = malloc(n + 1))) {
        char *q = v;
        for (const char *p = value; *p; p++) {
            if (*p == '\\') {
                *q++ = '\\';
            }
            *q++ = *p;
        }
        *q = '\0';
    }
    put(s, a, name, v, false);
}

void cni_setf(cni_scene *s, cni_attrs *a, const char *name, const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cni_set(s, a, name, buf);
}

void cni_set_html(cni_scene *s, cni_attrs *a, const char *name, const char *markup)
{
    if (s->status) {
        return;
    }
    if (!markup) {
        s->status = CN_ENOMEM;
        return;
    }
    put(s, a, name, cni_strdup(markup), true);
}

const char *cni_get(const cni_attrs *a, const char *name)
{
    for (size_t k = 0; k < a->n; k++) {
        if (strcmp(a->v[k].name, name) == 0) {
            return a->v[k].value;
        }
    }
    return NULL;
}
