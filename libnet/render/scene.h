/* Internal: a diagram as plain data (nodes, edges, clusters, Graphviz attributes), built by the
 * views without Graphviz and turned into a Graphviz graph by gv.c alone. */
#ifndef CNR_SCENE_H
#define CNR_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/render.h>

typedef struct cnr_attr {
    const char *name; /* a static string */
    char *value;
    bool html;        /* an HTML-like label built with cnr_buf_html() */
} cnr_attr;

typedef struct cnr_attrs {
    cnr_attr *v;
    size_t n, cap;
} cnr_attrs;

typedef struct cnr_node {
    cnr_attrs a;
    size_t cluster; /* CN_NONE: top level */
} cnr_node;

typedef struct cnr_edge {
    size_t tail, head; /* node indexes */
    cnr_attrs a;
} cnr_edge;

typedef struct cnr_cluster {
    cnr_attrs a;
} cnr_cluster;

/* Graphviz node names are "n<index>", cluster names "cluster_<index>": no data reaches a
 * name, so nothing from the input can break the DOT syntax. Errors are sticky in status. */
typedef struct cnr_scene {
    bool directed;
    char engine[16];
    cnr_attrs graph, node_defaults, edge_defaults;
    cnr_node *nodes;
    size_t nnodes, nodes_cap;
    cnr_edge *edges;
    size_t nedges, edges_cap;
    cnr_cluster *clusters;
    size_t nclusters, clusters_cap;
    int status; /* 0 or CN_ENOMEM */
} cnr_scene;

void cnr_scene_init(cnr_scene *s);
void cnr_scene_fini(cnr_scene *s);
/* Add a node (in @p cluster, CN_NONE for none) and return its index (CN_NONE on failure). */
size_t cnr_node_add(cnr_scene *s, size_t cluster);
size_t cnr_edge_add(cnr_scene *s, size_t tail, size_t head);
size_t cnr_cluster_add(cnr_scene *s);
/* Set an attribute; @p value is copied. For Graphviz "escString" attributes (label, tooltip,
 * xlabel, id) the text is taken literally: backslashes are doubled so that \N, \n, \l and the
 * like in the data are not interpreted. */
void cnr_set(cnr_scene *s, cnr_attrs *a, const char *name, const char *value);
void cnr_setf(cnr_scene *s, cnr_attrs *a, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Set an HTML-like label (markup built by the caller with every text escaped). */
void cnr_set_html(cnr_scene *s, cnr_attrs *a, const char *name, const char *markup);
/* The value of an attribute, NULL if unset. */
const char *cnr_get(const cnr_attrs *a, const char *name);

#endif
