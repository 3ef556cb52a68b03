/* Internal: a diagram as plain data (nodes, edges, clusters, Graphviz attributes), built by the
 * views without Graphviz and turned into a Graphviz graph by gv.c alone. */
#ifndef CNI_SCENE_H
#define CNI_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/render.h>

typedef struct cni_attr {
    const char *name; /* a static string */
    char *value;
    bool html;        /* an HTML-like label built with cni_text_gv_html() */
} cni_attr;

typedef struct cni_attrs {
    cni_attr *v;
    size_t n, cap;
} cni_attrs;

typedef struct cni_node {
    cni_attrs a;
    size_t cluster; /* CN_NONE: top level */
} cni_node;

typedef struct cni_edge {
    size_t tail, head; /* node indexes */
    cni_attrs a;
} cni_edge;

typedef struct cni_cluster {
    cni_attrs a;
} cni_cluster;

/* Graphviz node names are "n<index>", cluster names "cluster_<index>": no data reaches a
 * name, so nothing from the input can break the DOT syntax. Errors are sticky in status. */
typedef struct cni_scene {
    bool directed;
    char engine[16];
    cni_attrs graph, node_defaults, edge_defaults;
    cni_node *nodes;
    size_t nnodes, nodes_cap;
    cni_edge *edges;
    size_t nedges, edges_cap;
    cni_cluster *clusters;
    size_t nclusters, clusters_cap;
    int status; /* 0 or CN_ENOMEM */
} cni_scene;

void cni_scene_init(cni_scene *s);
void cni_scene_fini(cni_scene *s);
/* Add a node (in @p cluster, CN_NONE for none) and return its index (CN_NONE on failure). */
size_t cni_node_add(cni_scene *s, size_t cluster);
size_t cni_edge_add(cni_scene *s, size_t tail, size_t head);
size_t cni_cluster_add(cni_scene *s);
/* Set an attribute; @p value is copied. For Graphviz "escString" attributes (label, tooltip,
 * xlabel, id) the text is taken literally: backslashes are doubled so that \N, \n, \l and the
 * like in the data are not interpreted. */
void cni_set(cni_scene *s, cni_attrs *a, const char *name, const char *value);
void cni_setf(cni_scene *s, cni_attrs *a, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Set an HTML-like label (markup built by the caller with every text escaped). */
void cni_set_html(cni_scene *s, cni_attrs *a, const char *name, const char *markup);
/* The value of an attribute, NULL if unset. */
const char *cni_get(const cni_attrs *a, const char *name);

#endif
