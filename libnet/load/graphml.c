/* GraphML in: a file from Gephi, Cytoscape, NetworkX or igraph becomes a dataset directory.
 * Read with libxml2's streaming reader (line numbers for every message, bounded by the file). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <libxml/xmlreader.h>

#include <collabnet/collabnet.h>

#include "../util/outfile.h"
#include "../util/util.h"

typedef struct key {
    char *id, *name;
    bool node; /* for="node" (else edge; "all" keys are both) */
    bool edge;
} key;

typedef struct item {
    char **vals; /* one per key declared before the element, NULL when absent */
    size_t nvals;
    char *id, *source, *target;
    size_t line;
} item;

typedef struct im {
    const char *path;
    const cn_import_options *o;
    cn_diag_list *diags;
    key *keys;
    size_t nkeys, keys_cap;
    item *nodes, *edges;
    size_t nnodes, nodes_cap, nedges, edges_cap;
    int rc;
    size_t problems;
    bool xml_failed;
} im;

static void problem(im *x, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(im *x, size_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    x->problems++;
    if (x->diags) {
        cn_diag_list_add(x->diags, x->path, line, "%s", msg);
    }
}

static void item_free(item *it)
{
    for (size_t k = 0; it->vals && k < it->nvals; k++) {
        free(it->vals[k]);
    }
    free(it->vals);
    free(it->id);
    free(it->source);
    free(it->target);
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
    char *s = v ? cni_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static size_t find_key(const im *x, const char *id)
{
    for (size_t k = 0; k < x->nkeys; k++) {
        if (strcmp(x->keys[k].id, id) == 0) {
            return k;
        }
    }
    return CN_NONE;
}

/* The key whose attr.name is @p name for nodes or edges, CN_NONE if none. */
static size_t named(const im *x, const char *name, bool node)
{
    for (size_t k = 0; name && k < x->nkeys; k++) {
        if (strcmp(x->keys[k].name, name) == 0 && (node ? x->keys[k].node : x->keys[k].edge)) {
            return k;
        }
    }
    return CN_NONE;
}

/* libxml2's messages come here instead of stderr: the first one becomes a problem. */
static void xml_error(void *ctx, xmlErrorPtr e)
{
    im *x = ctx;
    if (x->xml_failed || !e || e->level < XML_ERR_ERROR) {
        return;
    }
    x->xml_failed = true;
    char msg[400];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "parse error");
    size_t l = strlen(msg);
    while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' ')) {
        msg[--l] = '\0';
    }
    problem(x, (size_t)e->line, "not well-formed XML: %s", msg);
}

static int read_file(im *x)
{
    xmlTextReaderPtr r;
    item *cur = NULL;
    int ret;

    if (access(x->path, R_OK) != 0) {
        return cni_fail(errno == ENOENT ? CN_ENOENT : CN_EIO, "cannot read '%s': %s", x->path,
                        strerror(errno));
    }
    if (!(r = xmlReaderForFile(x->path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS))) {
        return cni_fail(CN_EIO, "cannot read '%s'", x->path);
    }
    xmlTextReaderSetStructuredErrorHandler(r, xml_error, x);
    while (x->rc == 0 && (ret = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        xmlNodePtr here = xmlTextReaderCurrentNode(r);
        long ln = here ? xmlGetLineNo(here) : -1;
        size_t line = ln > 0 ? (size_t)ln : (size_t)xmlTextReaderGetParserLineNumber(r);
        if (type == XML_READER_TYPE_END_ELEMENT && (strcmp(name, "node") == 0 || strcmp(name, "edge") == 0)) {
            cur = NULL;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) {
            continue;
        }
        if (strcmp(name, "key") == 0) {
            char *id = attr(r, "id"), *an = attr(r, "attr.name"), *f = attr(r, "for");
            if (!id) {
                problem(x, line, "a <key> without an id");
            } else if (cni_grow((void **)&x->keys, &x->keys_cap, x->nkeys + 1, sizeof *x->keys)) {
                x->rc = CN_ENOMEM;
            } else {
                x->keys[x->nkeys++] = (key){ id, an ? an : cni_strdup(id),
                                             !f || strcmp(f, "node") == 0 || strcmp(f, "all") == 0,
                                             !f || strcmp(f, "edge") == 0 || strcmp(f, "all") == 0 };
                id = an = NULL;
            }
            free(id);
            free(an);
            free(f);
        } else if (strcmp(name, "node") == 0 || strcmp(name, "edge") == 0) {
            bool node = name[0] == 'n';
            item **arr = node ? &x->nodes : &x->edges;
            size_t *n = node ? &x->nnodes : &x->nedges, *cap = node ? &x->nodes_cap : &x->edges_cap;
            if (cni_grow((void **)arr, cap, *n + 1, sizeof **arr)) {
                x->rc = CN_ENOMEM;
                break;
            }
            cur = &(*arr)[(*n)++];
            memset(cur, 0, sizeof *cur);
            cur->line = line;
            cur->vals = cni_calloc_array(x->nkeys + 1, sizeof *cur->vals);
            cur->nvals = cur->vals ? x->nkeys : 0;
            cur->id = attr(r, "id");
            if (!node) {
                cur->source = attr(r, "source");
                cur->target = attr(r, "target");
                if (!cur->source || !cur->target) {
                    problem(x, line, "an <edge> without source or target");
                }
            } else if (!cur->id || !*cur->id) {
                problem(x, line, "a <node> without an id");
            }
            if (xmlTextReaderIsEmptyElement(r)) {
                cur = NULL;
            }
        } else if (strcmp(name, "data") == 0 && cur) {
            char *k = attr(r, "key");
            size_t kk = k ? find_key(x, k) : CN_NONE;
            xmlChar *text = xmlTextReaderReadString(r);
            if (kk == CN_NONE) {
                problem(x, line, "<data> with an undeclared key '%s'", k ? k : "");
            } else if (kk >= cur->nvals) {
                problem(x, line, "key '%s' is declared after the element that uses it", k);
            } else {
                free(cur->vals[kk]);
                cur->vals[kk] = cni_strdup(text ? (const char *)text : "");
            }
            xmlFree(text);
            free(k);
        } else if (strcmp(name, "hyperedge") == 0) {
            problem(x, line, "hyperedges are not supported");
        }
        if (x->o->max_errors && x->problems >= x->o->max_errors) {
            break;
        }
    }
    if (x->rc == 0 && ret < 0 && !x->xml_failed) {
        problem(x, 0, "not well-formed XML");
    }
    xmlFreeTextReader(r);
    return x->rc ? cni_fail(CN_ENOMEM, "out of memory") : 0;
}

static void csv_cell(FILE *fp, const char *s, bool first)
{
    if (!first) {
        fputc(',', fp);
    }
    csv_fwrite(fp, s ? s : "", s ? strlen(s) : 0);
}

/* Columns of the contract, which an unmapped attribute must not take. */
static bool reserved(const char *name)
{
    static const char *const cols[] = { "id", "label", "kind", "region", "country", "fields",
                                        "source", "target", "role", "weight", "since", "until",
                                        "ref" };
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
        if (strcmp(name, cols[k]) == 0) {
            return true;
        }
    }
    return false;
}

static const char *val(const item *it, size_t k)
{
    return k == CN_NONE || k >= it->nvals ? NULL : it->vals[k];
}

static int parse_kind(const char *s, int count, const char *(*name)(int))
{
    for (int k = 0; s && k < count; k++) {
        if (cni_streq_nocase(s, name(k))) {
            return k;
        }
    }
    return -1;
}
static const char *node_kind_name(int k) { return cn_node_kind_name((cn_node_kind)k); }
static const char *edge_kind_name(int k) { return cn_edge_kind_name((cn_edge_kind)k); }
static const char *role_name(int k) { return cn_role_name((cn_role)k); }

/* Check the mapped values with the GraphML line of each element, then write the CSV files. */
static int write_dataset(im *x, cni_outdir *d)
{
    const cn_import_options *o = x->o;
    size_t kn_kind = named(x, o->node_kind, true), kn_label = named(x, o->label, true),
           kn_region = named(x, "region", true), kn_country = named(x, "country", true),
           kn_fields = named(x, "fields", true), ke_kind = named(x, o->edge_kind, false),
           ke_role = named(x, "role", false), ke_weight = named(x, "weight", false),
           ke_since = named(x, "since", false), ke_until = named(x, "until", false),
           ke_ref = named(x, "ref", false);
    int *kinds = cni_calloc_array(x->nnodes + 1, sizeof *kinds);
    size_t *node_of = cni_alloc_array(x->nnodes + 2, sizeof *node_of); /* pool id -> node */
    cni_strpool *ids = NULL;
    char *path = NULL;
    FILE *fp;
    int rc = 0;

    if (!kinds || !node_of || cni_strpool_create(&ids) != 0) {
        free(kinds);
        free(node_of);
        cni_strpool_destroy(ids);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < x->nnodes; i++) {
        uint32_t id;
        const char *s = x->nodes[i].id ? x->nodes[i].id : "";
        size_t before = cni_strpool_count(ids);
        if (cni_strpool_intern(&id, ids, s, strlen(s)) != 0) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            break;
        }
        if (cni_strpool_count(ids) == before && *s) {
            problem(x, x->nodes[i].line, "node id '%s' given twice", s);
        } else if (id < x->nnodes + 2) {
            node_of[id] = i;
        }
    }
    if (o->node_kind && kn_kind == CN_NONE && o->default_node_kind < 0) {
        problem(x, 0, "no node attribute '%s' for the kind (name one with --node-kind, or give "
                      "--default-kind)", o->node_kind);
    }
    for (size_t i = 0; i < x->nnodes; i++) {
        const char *k = val(&x->nodes[i], kn_kind);
        kinds[i] = k && *k ? parse_kind(k, CN_NODE_KIND_COUNT, node_kind_name) : o->default_node_kind;
        if (kinds[i] < 0 && kn_kind != CN_NONE) {
            if (k && *k) {
                problem(x, x->nodes[i].line, "node '%s': kind '%s' is not institution, "
                                             "enterprise, expert or network",
                        x->nodes[i].id ? x->nodes[i].id : "", k);
            } else {
                problem(x, x->nodes[i].line, "node '%s' has no '%s' (give --default-kind)",
                        x->nodes[i].id ? x->nodes[i].id : "", o->node_kind);
            }
        }
    }
    for (size_t e = 0; e < x->nedges; e++) {
        const item *ed = &x->edges[e];
        const char *k = val(ed, ke_kind), *role = val(ed, ke_role);
        if (k && *k && parse_kind(k, CN_EDGE_KIND_COUNT, edge_kind_name) < 0) {
            problem(x, ed->line, "edge '%s' -> '%s': kind '%s' is not membership or "
                                 "collaboration", ed->source ? ed->source : "",
                    ed->target ? ed->target : "", k);
        }
        if (role && *role && parse_kind(role, CN_ROLE_COUNT, role_name) <= 0) {
            problem(x, ed->line, "edge '%s' -> '%s': role '%s' is not lead, member or partner",
                    ed->source ? ed->source : "", ed->target ? ed->target : "", role);
        }
    }
    if (x->problems || rc) {
        free(kinds);
        free(node_of);
        cni_strpool_destroy(ids);
        return rc ? rc : cni_fail(CN_EDATA, "'%s' cannot become a dataset: %zu problem%s", x->path,
                        x->problems, x->problems == 1 ? "" : "s");
    }
    /* nodes.csv: the contract's columns, then every other node attribute */
    if ((rc = cni_outdir_path(&path, d, "nodes.csv")) < 0 || !(fp = fopen(path, "w"))) {
        rc = rc < 0 ? rc : cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
        free(path);
        free(kinds);
        free(node_of);
        cni_strpool_destroy(ids);
        return rc;
    }
    fputs("id,label,kind,region,country,fields", fp);
    for (size_t k = 0; k < x->nkeys; k++) {
        if (x->keys[k].node && k != kn_kind && k != kn_label && k != kn_region && k != kn_country
            && k != kn_fields) {
            char col[512];
            snprintf(col, sizeof col, "%s%s", reserved(x->keys[k].name) ? "x_" : "", x->keys[k].name);
            csv_cell(fp, col, false);
        }
    }
    fputc('\n', fp);
    for (size_t i = 0; i < x->nnodes; i++) {
        const item *it = &x->nodes[i];
        const char *fields = val(it, kn_fields);
        char *f = fields ? cni_strdup(fields) : NULL;
        for (char *p = f; p && *p; p++) {
            *p = *p == ',' || *p == '|' ? ';' : *p; /* lists written with , or | */
        }
        csv_cell(fp, it->id, true);
        csv_cell(fp, val(it, kn_label), false);
        csv_cell(fp, kinds[i] >= 0 ? cn_node_kind_name((cn_node_kind)kinds[i]) : "", false);
        csv_cell(fp, val(it, kn_region), false);
        csv_cell(fp, val(it, kn_country), false);
        csv_cell(fp, f, false);
        free(f);
        for (size_t k = 0; k < x->nkeys; k++) {
            if (x->keys[k].node && k != kn_kind && k != kn_label && k != kn_region
                && k != kn_country && k != kn_fields) {
                csv_cell(fp, val(it, k), false);
            }
        }
        fputc('\n', fp);
    }
    if (ferror(fp) | (fclose(fp) != 0)) {
        rc = cni_fail(CN_EIO, "cannot write '%s'", path);
    }
    /* edges.csv */
    free(path);
    path = NULL;
    if (rc == 0 && (rc = cni_outdir_path(&path, d, "edges.csv")) == 0 && !(fp = fopen(path, "w"))) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
    }
    if (rc == 0) {
        fputs("source,target,kind,role,weight,since,until,ref", fp);
        for (size_t k = 0; k < x->nkeys; k++) {
            if (x->keys[k].edge && k != ke_kind && k != ke_role && k != ke_weight && k != ke_since
                && k != ke_until && k != ke_ref) {
                char col[512];
                snprintf(col, sizeof col, "%s%s", reserved(x->keys[k].name) ? "x_" : "", x->keys[k].name);
                csv_cell(fp, col, false);
            }
        }
        fputc('\n', fp);
        for (size_t e = 0; e < x->nedges; e++) {
            const item *ed = &x->edges[e];
            const char *k = val(ed, ke_kind);
            int kind = k && *k ? parse_kind(k, CN_EDGE_KIND_COUNT, edge_kind_name)
                               : (int)o->default_edge_kind;
            const char *src = ed->source, *dst = ed->target;
            if (kind == CN_EDGE_MEMBERSHIP && src && dst) {
                /* a member points at its network: turn network -> member around */
                uint32_t a = cni_strpool_find(ids, src, strlen(src)),
                         b = cni_strpool_find(ids, dst, strlen(dst));
                size_t si = a != UINT32_MAX && a < x->nnodes + 2 ? node_of[a] : CN_NONE;
                size_t ti = b != UINT32_MAX && b < x->nnodes + 2 ? node_of[b] : CN_NONE;
                if (si != CN_NONE && ti != CN_NONE && kinds[si] == CN_NODE_NETWORK
                    && kinds[ti] != CN_NODE_NETWORK) {
                    src = ed->target;
                    dst = ed->source;
                }
            }
            csv_cell(fp, src, true);
            csv_cell(fp, dst, false);
            csv_cell(fp, cn_edge_kind_name((cn_edge_kind)kind), false);
            csv_cell(fp, kind == CN_EDGE_MEMBERSHIP ? val(ed, ke_role) : NULL, false);
            csv_cell(fp, val(ed, ke_weight), false);
            csv_cell(fp, val(ed, ke_since), false);
            csv_cell(fp, val(ed, ke_until), false);
            csv_cell(fp, val(ed, ke_ref), false);
            for (size_t kk = 0; kk < x->nkeys; kk++) {
                if (x->keys[kk].edge && kk != ke_kind && kk != ke_role && kk != ke_weight
                    && kk != ke_since && kk != ke_until && kk != ke_ref) {
                    csv_cell(fp, val(ed, kk), false);
                }
            }
            fputc('\n', fp);
        }
        if (ferror(fp) | (fclose(fp) != 0)) {
            rc = cni_fail(CN_EIO, "cannot write '%s'", path);
        }
    }
    free(path);
    free(kinds);
    free(node_of);
    cni_strpool_destroy(ids);
    return rc;
}

int cn_import_graphml(const char *path, const char *dir, const cn_import_options *opts,
                      cn_diag_list *diags)
{
    cn_import_options defaults = CN_IMPORT_OPTIONS_INIT;
    im x;
    cni_outdir out;
    struct stat st;
    int rc;

    if ((rc = CNI_CHECK_PTR(path)) < 0 || (rc = CNI_CHECK_PTR(dir)) < 0) {
        return rc;
    }
    if (!*dir) {
        return CNI_EINVAL("dir is empty");
    }
    if (opts && (opts->default_node_kind < -1 || opts->default_node_kind >= CN_NODE_KIND_COUNT)) {
        return CNI_EINVAL("opts->default_node_kind is not -1 or a cn_node_kind");
    }
    if (opts && (unsigned)opts->default_edge_kind >= CN_EDGE_KIND_COUNT) {
        return CNI_EINVAL("opts->default_edge_kind is not a cn_edge_kind");
    }
    if (stat(dir, &st) == 0) {
        return cni_fail(CN_ECREATE, "'%s' exists: give a new directory for the dataset", dir);
    }
    memset(&out, 0, sizeof out);
    memset(&x, 0, sizeof x);
    x.path = path;
    x.o = opts ? opts : &defaults;
    x.diags = diags;
    LIBXML_TEST_VERSION
    rc = read_file(&x);
    if (rc == 0 && x.xml_failed) {
        rc = cni_fail(CN_EDATA, "'%s' is not GraphML collabnet can read: %zu problem%s", path,
                      x.problems, x.problems == 1 ? "" : "s");
    }
    if (rc == 0 && x.nnodes == 0) {
        problem(&x, 0, "no <node> in the file");
        rc = cni_fail(CN_EDATA, "'%s' has no nodes", path);
    }
    if (rc == 0 && (rc = cni_outdir_open(&out, dir, "imported dataset")) == 0) {
        rc = write_dataset(&x, &out);
    }
    if (rc == 0) {
        /* the written dataset must load: the contract's own checks, as a last guard */
        cn_graph *g = NULL;
        cn_diag_list *check = NULL;
        if ((rc = cn_diag_list_create(&check, 20)) == 0) {
            rc = cn_load_dataset(&g, out.tmp, NULL, check);
            for (size_t k = 0; rc != 0 && k < cn_diag_list_count(check); k++) {
                const cn_diag *d = cn_diag_list_at(check, k);
                problem(&x, 0, "the converted %s, line %zu: %s", strrchr(d->file, '/') + 1,
                        d->line, d->message);
            }
            if (rc == CN_EDATA) {
                cni_fail(CN_EDATA, "'%s' converts to a dataset that breaks the contract", path);
            }
            cn_graph_destroy(g);
            cn_diag_list_destroy(check);
        }
    }
    if (rc == 0) {
        rc = cni_outdir_commit(&out);
    } else {
        cni_outdir_abort(&out);
    }
    for (size_t k = 0; k < x.nkeys; k++) {
        free(x.keys[k].id);
        free(x.keys[k].name);
    }
    for (size_t i = 0; i < x.nnodes; i++) {
        item_free(&x.nodes[i]);
    }
    for (size_t e = 0; e < x.nedges; e++) {
        item_free(&x.edges[e]);
    }
    free(x.keys);
    free(x.nodes);
    free(x.edges);
    return rc;
}
