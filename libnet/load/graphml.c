/* GraphML in: a file from Gephi, Cytoscape, NetworkX or igraph becomes a dataset directory.
 * Read with libxml2's streaming reader (line numbers for every message, bounded by the file). */
#include <errno.h>
#include <limits.h>
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

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

typedef struct key {
    char *id, *name;
    char *def; /* the <default>: the value of an element without a <data> for the key */
    size_t line;
    bool node; /* for="node" (else edge; "all" keys are both) */
    bool edge;
    bool other;  /* for="graph", "graphml", "port"... (or "all") */
    bool typed;  /* attr.type other than string: values are trimmed, as igraph does */
} key;

typedef struct datum {
    size_t key;
    char *val;
} datum;

typedef struct item {
    datum *data; /* the element's <data> in file order (a later one for the same key wins):
                  * memory follows the file, not keys x elements */
    size_t ndata, data_cap;
    size_t nkeys; /* keys declared before the element: only those may be used */
    char *id, *source, *target;
    size_t line;
    size_t csv_line; /* where its record starts in the converted CSV file */
} item;

/* What encloses a <data>: the element at each depth of the document. */
typedef struct level {
    const char *name; /* a GraphML element's local name; NULL for another namespace's */
    int what;         /* 'n' node, 'e' edge, 0 anything else */
    size_t item;
} level;

typedef struct im {
    const char *path;
    const cn_import_options *o;
    cn_diag_list *diags;
    key *keys;
    size_t nkeys, keys_cap, node_keys, edge_keys;
    cni_strpool *key_ids; /* 'n', 'e' or 'o' (other), then the key id -> index + 1: igraph
                           * writes the same id for a node key and an edge key */
    item *nodes, *edges;
    size_t nnodes, nodes_cap, nedges, edges_cap;
    level *levels;
    size_t levels_cap;
    size_t entity_budget; /* bytes that entity references may still add */
    int rc;
    size_t problems;
    size_t csv_line; /* the line csv_cell() writes on */
    bool xml_failed;
    bool refused; /* not GraphML, or past a limit: nothing more is read */
} im;

/* A diagnostic at @p line: @p prefix ("" for a problem, "warning: " for something not kept
 * that does not stop the import) before the message. */
static void vdiag(im *x, size_t line, const char *prefix, const char *fmt, va_list ap)
{
    char msg[512];

    vsnprintf(msg, sizeof msg, fmt, ap);
    if (x->diags) {
        cn_diag_list_add(x->diags, x->path, line, "%s%s", prefix, msg);
    }
}

static void problem(im *x, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(im *x, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(x, line, "", fmt, ap);
    va_end(ap);
    x->problems++;
}

static void warning(im *x, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warning(im *x, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(x, line, "warning: ", fmt, ap);
    va_end(ap);
}

static void item_free(item *it)
{
    for (size_t k = 0; k < it->ndata; k++) {
        free(it->data[k].val);
    }
    free(it->data);
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

/* The key @p id declared for @p dom ('n' nodes, 'e' edges, 'o' anything else), CN_NONE if
 * none; with @p any, a key of that id declared for another kind of element when none is. */
static size_t find_key(const im *x, const char *id, char dom, bool any)
{
    const char doms[] = { dom, 'n', 'e', 'o' };
    char buf[256];
    size_t n = strlen(id);

    if (n >= sizeof buf) {
        return CN_NONE; /* longer than any key id add_key() registers */
    }
    memcpy(buf + 1, id, n);
    for (size_t d = 0; d < (any ? sizeof doms : 1); d++) {
        buf[0] = doms[d];
        uint64_t v = cni_strpool_find_value(x->key_ids, buf, n + 1);
        if (v) {
            return (size_t)v - 1;
        }
    }
    return CN_NONE;
}

/* Trim XML whitespace around @p s in place (a typed value: igraph trims "  2.0"). */
static void trim(char *s)
{
    size_t a = strspn(s, " \t\r\n"), n = strlen(s);
    while (n > a && strchr(" \t\r\n", s[n - 1])) {
        n--;
    }
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

/* The key whose attr.name is @p name for nodes or edges, CN_NONE if none; a name that differs
 * only in case (Gephi's Label, Weight) when no key has the exact name. */
static size_t named(const im *x, const char *name, bool node)
{
    size_t nocase = CN_NONE;
    for (size_t k = 0; name && k < x->nkeys; k++) {
        if (!(node ? x->keys[k].node : x->keys[k].edge)) {
            continue;
        }
        if (strcmp(x->keys[k].name, name) == 0) {
            return k;
        }
        if (nocase == CN_NONE && cni_streq_nocase(x->keys[k].name, name)) {
            nocase = k;
        }
    }
    return nocase;
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

/* Append the text of @p n's children to @p b, internal entities replaced by their text.
 * libxml2 substitutes entities only with XML_PARSE_NOENT, which also loads external entities
 * (XXE: a local file or, without NONET, a URL): so entities stay references in the tree and
 * are expanded here, internal ones only, within x->entity_budget (no "billion laughs"). */
static void text_of(im *x, xmlBufferPtr b, xmlNodePtr n, size_t line, bool in_entity,
                    unsigned depth)
{
    for (xmlNodePtr c = n->children; c && x->rc == 0; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t len = c->content ? strlen((const char *)c->content) : 0;
            if (in_entity && len > x->entity_budget) {
                problem(x, line, "entities expand to more text than collabnet reads (at most "
                                 "the file's size plus 16 MiB)");
                x->refused = true;
                return;
            }
            x->entity_budget -= in_entity ? len : 0;
            if (len && xmlBufferAdd(b, c->content, (int)len) != 0) {
                x->rc = CN_ENOMEM;
            }
        } else if (c->type == XML_ELEMENT_NODE && depth < 256) {
            text_of(x, b, c, line, in_entity, depth + 1);
        } else if (c->type == XML_ENTITY_REF_NODE) {
            xmlEntityPtr ent = xmlGetDocEntity(c->doc, c->name);
            if (!ent) {
                if (!x->xml_failed) { /* else libxml2 said so */
                    problem(x, line, "entity '%s' is not declared", (const char *)c->name);
                }
            } else if (ent->etype != XML_INTERNAL_GENERAL_ENTITY) {
                problem(x, line, "entity '%s' is external ('%s'): collabnet does not read "
                                 "external entities", (const char *)c->name,
                        ent->SystemID ? (const char *)ent->SystemID : "");
            } else if (depth >= 40) {
                problem(x, line, "entity '%s' is nested too deeply", (const char *)c->name);
            } else {
                text_of(x, b, (xmlNodePtr)ent, line, true, depth + 1);
            }
        }
    }
}

/* The text of the <default> of the <key> at @p r (malloc'd), NULL when it has none. */
static char *key_default(im *x, xmlTextReaderPtr r, size_t line)
{
    xmlNodePtr n = xmlTextReaderExpand(r);
    char *def = NULL;

    for (xmlNodePtr c = n ? n->children : NULL; c && !def && x->rc == 0; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "default")
            && (!c->ns || xmlStrEqual(c->ns->href, BAD_CAST GRAPHML_NS))) {
            xmlBufferPtr b = xmlBufferCreate();
            if (b) {
                text_of(x, b, c, line, false, 0);
                def = cni_strdup((const char *)xmlBufferContent(b));
            }
            xmlBufferFree(b);
            x->rc = def ? x->rc : CN_ENOMEM;
        }
    }
    return def;
}

static void add_key(im *x, xmlTextReaderPtr r, size_t line)
{
    char *id = attr(r, "id"), *an = attr(r, "attr.name"), *f = attr(r, "for");
    char *ty = attr(r, "attr.type");
    bool node = !f || strcmp(f, "node") == 0 || strcmp(f, "all") == 0;
    bool edge = !f || strcmp(f, "edge") == 0 || strcmp(f, "all") == 0;
    bool other = !f || strcmp(f, "all") == 0 || (!node && !edge);
    const char doms[3] = { node ? 'n' : 0, edge ? 'e' : 0, other ? 'o' : 0 };
    size_t first = CN_NONE;

    if (an && !*an) { /* no name: the id names the column, as when attr.name is absent */
        free(an);
        an = NULL;
    }
    for (size_t d = 0; id && d < 3 && first == CN_NONE; d++) {
        first = doms[d] ? find_key(x, id, doms[d], false) : CN_NONE;
    }
    if (!id) {
        problem(x, line, "a <key> without an id");
    } else if (strlen(id) >= 255) {
        problem(x, line, "a <key> id longer than 254 bytes");
    } else if (first != CN_NONE) {
        problem(x, line, "key '%s' is declared twice (first on line %zu)", id,
                x->keys[first].line);
    } else if ((node && x->node_keys >= CN_MAX_COLUMNS)
               || (edge && x->edge_keys >= CN_MAX_COLUMNS)) {
        /* each key is a column: stop before the keys alone pass the loader's limit */
        problem(x, line, "more than %d %s keys: a dataset has at most %d columns", CN_MAX_COLUMNS,
                node && x->node_keys >= CN_MAX_COLUMNS ? "node" : "edge", CN_MAX_COLUMNS);
        x->refused = true;
    } else if (cni_grow((void **)&x->keys, &x->keys_cap, x->nkeys + 1, sizeof *x->keys)) {
        x->rc = CN_ENOMEM;
    } else {
        uint32_t pid;
        char buf[256];
        size_t n = strlen(id);
        memcpy(buf + 1, id, n);
        for (size_t d = 0; d < 3 && x->rc == 0; d++) {
            uint64_t v = x->nkeys + 1;
            buf[0] = doms[d];
            if (doms[d] && cni_strpool_intern_value(&pid, x->key_ids, buf, n + 1, &v) != 0) {
                x->rc = CN_ENOMEM;
            }
        }
        if (x->rc == 0) {
            bool typed = ty && *ty && strcmp(ty, "string") != 0;
            char *def = key_default(x, r, line);
            if (def && typed) {
                trim(def);
            }
            x->keys[x->nkeys++] = (key){ id, an ? an : cni_strdup(id), def, line, node, edge,
                                         other, typed };
            x->node_keys += node;
            x->edge_keys += edge;
            id = an = NULL;
        }
    }
    free(id);
    free(an);
    free(f);
    free(ty);
}

static void add_data(im *x, xmlTextReaderPtr r, size_t line, const level *parent)
{
    char *k = attr(r, "key");
    bool owned = parent && (parent->what == 'n' || parent->what == 'e');
    size_t kk = k ? find_key(x, k, owned ? (char)parent->what : 'o', true) : CN_NONE;
    xmlNodePtr n = xmlTextReaderExpand(r);
    xmlBufferPtr b = xmlBufferCreate();
    char *v = NULL;

    if (!n || !b) {
        x->rc = n ? CN_ENOMEM : x->rc;
        x->xml_failed |= !n;
        goto done;
    }
    if (kk == CN_NONE) {
        problem(x, line, "<data> with an undeclared key '%s'", k ? k : "");
        goto done;
    }
    text_of(x, b, n, line, false, 0);
    if (x->rc != 0 || x->refused) {
        goto done; /* out of memory, or entities past the budget */
    }
    if (!owned) {
        if (xmlBufferLength(b) > 0) { /* an empty one loses nothing */
            warning(x, line, "<data> of the <%s> (key '%s', '%s') is not kept: a dataset has "
                             "node and edge attributes only",
                    parent && parent->name ? parent->name : "?", k, x->keys[kk].name);
        }
        goto done;
    }
    item *it = parent->what == 'n' ? &x->nodes[parent->item] : &x->edges[parent->item];
    if (kk >= it->nkeys) {
        problem(x, line, "key '%s' is declared after the element that uses it", k);
    } else if (!(parent->what == 'n' ? x->keys[kk].node : x->keys[kk].edge)) {
        warning(x, line, "key '%s' is not declared for %ss: its <data> here is not kept", k,
                parent->what == 'n' ? "node" : "edge");
    } else if (cni_grow((void **)&it->data, &it->data_cap, it->ndata + 1, sizeof *it->data)
               || !(v = cni_strdup((const char *)xmlBufferContent(b)))) {
        x->rc = CN_ENOMEM;
    } else {
        if (x->keys[kk].typed) {
            trim(v);
        }
        it->data[it->ndata++] = (datum){ kk, v };
    }
done:
    xmlBufferFree(b);
    free(k);
}

static void add_item(im *x, xmlTextReaderPtr r, size_t line, bool node, level *here)
{
    item **arr = node ? &x->nodes : &x->edges;
    size_t *n = node ? &x->nnodes : &x->nedges, *cap = node ? &x->nodes_cap : &x->edges_cap;
    item *cur;

    if (cni_grow((void **)arr, cap, *n + 1, sizeof **arr)) {
        x->rc = CN_ENOMEM;
        return;
    }
    here->what = node ? 'n' : 'e';
    here->item = *n;
    cur = &(*arr)[(*n)++];
    memset(cur, 0, sizeof *cur);
    cur->line = line;
    cur->nkeys = x->nkeys;
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
}

static int read_file(im *x)
{
    xmlTextReaderPtr r;
    struct stat st;
    int ret = 1;
    bool skip = false;

    if (access(x->path, R_OK) != 0) {
        return cni_fail(errno == ENOENT ? CN_ENOENT : CN_EIO, "cannot read '%s': %s", x->path,
                        strerror(errno));
    }
    x->entity_budget = ((size_t)16 << 20)
                       + (stat(x->path, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size : 0);
    if (cni_strpool_create(&x->key_ids) != 0) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    /* no XML_PARSE_NOENT (see text_of) and no DTD loading: nothing outside the file is read */
    if (!(r = xmlReaderForFile(x->path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS))) {
        return cni_fail(CN_EIO, "cannot read '%s'", x->path);
    }
    xmlTextReaderSetStructuredErrorHandler(r, xml_error, x);
    while (x->rc == 0 && !x->refused
           && (ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
        xmlNodePtr here = xmlTextReaderCurrentNode(r);
        long ln = here ? xmlGetLineNo(here) : -1;
        size_t line = ln > 0 ? (size_t)ln : (size_t)xmlTextReaderGetParserLineNumber(r);
        bool ours = !ns || strcmp(ns, GRAPHML_NS) == 0;
        level *lv;

        skip = false;
        if (type != XML_READER_TYPE_ELEMENT || depth < 0) {
            continue;
        }
        if (depth == 0 && (strcmp(name, "graphml") != 0 || !ours)) {
            if (strcmp(name, "graphml") != 0) {
                problem(x, line, "the root element is <%s>, not <graphml>: not a GraphML file",
                        name);
            } else {
                problem(x, line, "<graphml> in the namespace '%s', not GraphML's (" GRAPHML_NS
                                 "): not a GraphML file", ns);
            }
            x->refused = true;
            break;
        }
        if (cni_grow((void **)&x->levels, &x->levels_cap, (size_t)depth + 1, sizeof *x->levels)) {
            x->rc = CN_ENOMEM;
            break;
        }
        lv = &x->levels[depth];
        *lv = (level){ NULL, 0, 0 };
        if (!ours) {
            skip = true; /* another vocabulary (yEd's y:, a desc's XHTML): not ours to read */
            continue;
        }
        lv->name = name; /* the reader's dictionary keeps it until the reader is freed */
        if (strcmp(name, "key") == 0) {
            add_key(x, r, line);
            skip = true;
        } else if (strcmp(name, "node") == 0 || strcmp(name, "edge") == 0) {
            add_item(x, r, line, name[0] == 'n', lv);
        } else if (strcmp(name, "data") == 0) {
            add_data(x, r, line, depth > 0 ? &x->levels[depth - 1] : NULL);
            skip = true;
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

/* Write one cell; x->csv_line follows the line breaks written, so that a problem the loader
 * finds in the converted file is told at the GraphML line of its element. */
static void csv_cell(im *x, FILE *fp, const char *s, bool first)
{
    if (!first) {
        fputc(',', fp);
    }
    csv_fwrite(fp, s ? s : "", s ? strlen(s) : 0);
    for (const char *p = s ? strchr(s, '\n') : NULL; p; p = strchr(p + 1, '\n')) {
        x->csv_line++;
    }
}

static void csv_row_end(im *x, FILE *fp)
{
    fputc('\n', fp);
    x->csv_line++;
}

/* Columns of the contract, which an unmapped attribute must not take. */
static bool reserved(const char *name)
{
    static const char *const cols[] = { "id", "label", "kind", "region", "country", "fields",
                                        "source", "target", "role", "weight", "since", "until",
                                        "ref" };
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
        if (cni_streq_nocase(name, cols[k])) { /* the loader's columns are case-insensitive */
            return true;
        }
    }
    return false;
}

static const char *val(const im *x, const item *it, size_t k)
{
    for (size_t d = it->ndata; k != CN_NONE && d-- > 0;) {
        if (it->data[d].key == k) {
            return it->data[d].val; /* the last <data> for the key */
        }
    }
    return k != CN_NONE ? x->keys[k].def : NULL;
}

/* row[k] holds every key's default; fill_row() puts an item's own values in, clear_row()
 * puts the defaults back. */
static void fill_row(const char **row, const item *it)
{
    for (size_t d = 0; d < it->ndata; d++) {
        row[it->data[d].key] = it->data[d].val;
    }
}

static void clear_row(const char **row, const im *x, const item *it)
{
    for (size_t d = 0; d < it->ndata; d++) {
        row[it->data[d].key] = x->keys[it->data[d].key].def;
    }
}

/* The column an unmapped key becomes (malloc'd): its name, x_NAME for a contract column's. */
static char *column_name(const key *k)
{
    size_t n = strlen(k->name);
    char *c = malloc(n + 3);
    if (c) {
        snprintf(c, n + 3, "%s%s", reserved(k->name) ? "x_" : "", k->name);
    }
    return c;
}

/* The extra columns of nodes.csv (@p node) or edges.csv: the keys not in @p mapped. A name
 * that another extra column has in any case, or one past the loader's column limit, is a
 * problem at its key's line. 0 or CN_ENOMEM. */
static int check_columns(im *x, bool node, const size_t *mapped, size_t nmapped, size_t ncontract)
{
    cni_strpool *names = NULL;
    size_t ncols = ncontract;
    int rc = cni_strpool_create(&names);

    for (size_t k = 0; k < x->nkeys && rc == 0; k++) {
        bool is_mapped = false;
        for (size_t m = 0; m < nmapped; m++) {
            is_mapped |= mapped[m] == k;
        }
        if (!(node ? x->keys[k].node : x->keys[k].edge) || is_mapped) {
            continue;
        }
        char *c = column_name(&x->keys[k]);
        uint32_t id;
        uint64_t first, v = k + 1;
        if (!c) {
            rc = CN_ENOMEM;
            break;
        }
        for (char *p = c; *p; p++) {
            *p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p; /* the loader's case rule */
        }
        if ((first = cni_strpool_find_value(names, c, strlen(c))) != 0) {
            problem(x, x->keys[k].line, "key '%s' (%s attribute '%s'): %s already has this "
                                        "column, from key '%s' on line %zu (column names that "
                                        "differ only in case are the same)",
                    x->keys[k].id, node ? "node" : "edge", x->keys[k].name,
                    node ? "nodes.csv" : "edges.csv", x->keys[first - 1].id,
                    x->keys[first - 1].line);
        } else if (++ncols > CN_MAX_COLUMNS) {
            problem(x, x->keys[k].line, "key '%s': %s would have more than %d columns (at most "
                                        "%d are supported)", x->keys[k].id,
                    node ? "nodes.csv" : "edges.csv", CN_MAX_COLUMNS, CN_MAX_COLUMNS);
            free(c);
            break;
        } else if (cni_strpool_intern_value(&id, names, c, strlen(c), &v) != 0) {
            rc = CN_ENOMEM;
        }
        free(c);
    }
    cni_strpool_destroy(names);
    return rc;
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

/* The kind --kind-map gives @p s: a pair whose KIND is a node kind (@p node) or an edge kind
 * (else); -1 when no pair names @p s. */
static int mapped_kind(const cn_import_options *o, const char *s, bool node)
{
    for (const char *const *m = o->kind_map; s && m && m[0] && m[1]; m += 2) {
        int k = node ? parse_kind(m[1], CN_NODE_KIND_COUNT, node_kind_name)
                     : parse_kind(m[1], CN_EDGE_KIND_COUNT, edge_kind_name);
        if (k >= 0 && cni_streq_nocase(s, m[0])) {
            return k;
        }
    }
    return -1;
}

/* igraph writes node ids n0, n1, ... in order and keeps the real ones in the attribute `id`
 * (read from a GraphML file) or `name` (its own vertex names). In such a file the first of
 * these that every node has becomes the id, and edges' ends follow; returns its key or
 * CN_NONE (ids unchanged). */
static size_t igraph_ids(im *x)
{
    char buf[32];
    size_t kid = CN_NONE;

    for (size_t i = 0; i < x->nnodes; i++) {
        snprintf(buf, sizeof buf, "n%zu", i);
        if (!x->nodes[i].id || strcmp(x->nodes[i].id, buf) != 0) {
            return CN_NONE;
        }
    }
    for (int c = 0; c < 2 && kid == CN_NONE; c++) {
        kid = named(x, c == 0 ? "id" : "name", true);
        for (size_t i = 0; kid != CN_NONE && i < x->nnodes; i++) {
            const char *v = val(x, &x->nodes[i], kid);
            kid = v && *v ? kid : CN_NONE;
        }
    }
    for (size_t i = 0; kid != CN_NONE && i < x->nnodes && x->rc == 0; i++) {
        char *v = cni_strdup(val(x, &x->nodes[i], kid));
        x->rc = v ? x->rc : CN_ENOMEM;
        free(v ? x->nodes[i].id : NULL);
        x->nodes[i].id = v ? v : x->nodes[i].id;
    }
    for (size_t e = 0; kid != CN_NONE && e < x->nedges && x->rc == 0; e++) {
        char **ends[2] = { &x->edges[e].source, &x->edges[e].target };
        for (int k = 0; k < 2 && x->rc == 0; k++) {
            char *end;
            unsigned long long n = *ends[k] && (*ends[k])[0] == 'n' && (*ends[k])[1] >= '0'
                                           && (*ends[k])[1] <= '9'
                                       ? strtoull(*ends[k] + 1, &end, 10)
                                       : ULLONG_MAX;
            if (n < x->nnodes && !*end) {
                char *v = cni_strdup(x->nodes[n].id);
                x->rc = v ? x->rc : CN_ENOMEM;
                free(v ? *ends[k] : NULL);
                *ends[k] = v ? v : *ends[k];
            }
        }
    }
    return kid;
}


/* An edge's kind from its value: the contract's name in any case, or --kind-map's; -1 if none. */
static int edge_kind_of(const cn_import_options *o, const char *s)
{
    int k = parse_kind(s, CN_EDGE_KIND_COUNT, edge_kind_name);
    return k >= 0 ? k : mapped_kind(o, s, false);
}

/* The label's key: --label's attribute (default label), else, when --label is the default,
 * igraph's `name` (unless it became the id, @p kn_id). */
static size_t label_key(const im *x, size_t kn_id)
{
    size_t k = named(x, x->o->label, true);
    if (k == CN_NONE && x->o->label && strcmp(x->o->label, "label") == 0) {
        k = named(x, "name", true);
        k = k == kn_id ? CN_NONE : k;
    }
    return k;
}

/* Check the mapped values with the GraphML line of each element, then write the CSV files. */
static int write_dataset(im *x, cni_outdir *d)
{
    const cn_import_options *o = x->o;
    size_t kn_id = igraph_ids(x), kn_label = label_key(x, kn_id);
    size_t kn_kind = named(x, o->node_kind, true),
           kn_region = named(x, "region", true), kn_country = named(x, "country", true),
           kn_fields = named(x, "fields", true), ke_kind = named(x, o->edge_kind, false),
           ke_role = named(x, "role", false), ke_weight = named(x, "weight", false),
           ke_since = named(x, "since", false), ke_until = named(x, "until", false),
           ke_ref = named(x, "ref", false);
    const size_t node_cols[] = { kn_kind, kn_label, kn_region, kn_country, kn_fields, kn_id },
                 edge_cols[] = { ke_kind, ke_role, ke_weight, ke_since, ke_until, ke_ref };
    int *kinds = cni_calloc_array(x->nnodes + 1, sizeof *kinds);
    const char **row = cni_calloc_array(x->nkeys + 1, sizeof *row); /* one item's values */
    size_t *node_of = cni_alloc_array(x->nnodes + 2, sizeof *node_of); /* pool id -> node */
    size_t took_default = 0, not_kinds = 0;
    const char *not_kind = NULL; /* the first value that took the default */
    cni_strpool *ids = NULL;
    char *path = NULL;
    FILE *fp;
    int rc = 0;

    for (size_t k = 0; row && k < x->nkeys; k++) {
        row[k] = x->keys[k].def;
    }
    if (x->rc || !kinds || !row || !node_of || cni_strpool_create(&ids) != 0) {
        free(kinds);
        free(row);
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
        const char *k = val(x, &x->nodes[i], kn_kind);
        kinds[i] = k && *k ? parse_kind(k, CN_NODE_KIND_COUNT, node_kind_name) : -1;
        kinds[i] = kinds[i] < 0 ? mapped_kind(o, k, true) : kinds[i];
        if (kinds[i] < 0 && o->default_node_kind >= 0) {
            kinds[i] = o->default_node_kind;
            took_default++;
            not_kinds += k && *k;
            not_kind = !not_kind && k && *k ? k : not_kind;
        }
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
        const char *k = val(x, ed, ke_kind), *role = val(x, ed, ke_role);
        if (k && *k && edge_kind_of(o, k) < 0) {
            problem(x, ed->line, "edge '%s' -> '%s': kind '%s' is not membership or "
                                 "collaboration", ed->source ? ed->source : "",
                    ed->target ? ed->target : "", k);
        }
        if (role && *role && parse_kind(role, CN_ROLE_COUNT, role_name) <= 0) {
            problem(x, ed->line, "edge '%s' -> '%s': role '%s' is not lead, member or partner",
                    ed->source ? ed->source : "", ed->target ? ed->target : "", role);
        }
    }
    if (took_default && o->default_node_kind >= 0) {
        if (not_kinds) {
            warning(x, 0, "%zu of %zu nodes took the default kind '%s': %zu without a kind, %zu "
                          "whose kind is none of the contract's (e.g. '%s'; --kind-map "
                          "VALUE=KIND maps such values)", took_default, x->nnodes,
                    cn_node_kind_name((cn_node_kind)o->default_node_kind),
                    took_default - not_kinds, not_kinds, not_kind);
        } else {
            warning(x, 0, "%zu of %zu nodes took the default kind '%s' (they have no kind)",
                    took_default, x->nnodes,
                    cn_node_kind_name((cn_node_kind)o->default_node_kind));
        }
    }
    if (rc == 0 && (check_columns(x, true, node_cols, 6, 6) != 0
                    || check_columns(x, false, edge_cols, 6, 8) != 0)) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    if (x->problems || rc) {
        free(kinds);
        free(row);
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
        free(row);
        return rc;
    }
    fputs("id,label,kind,region,country,fields", fp);
    x->csv_line = 1;
    for (size_t k = 0; k < x->nkeys; k++) {
        if (x->keys[k].node && k != kn_kind && k != kn_label && k != kn_region && k != kn_country
            && k != kn_fields && k != kn_id) {
            char *col = column_name(&x->keys[k]);
            rc = col || rc ? rc : cni_fail(CN_ENOMEM, "out of memory");
            csv_cell(x, fp, col, false);
            free(col);
        }
    }
    csv_row_end(x, fp);
    for (size_t i = 0; rc == 0 && i < x->nnodes; i++) {
        const item *it = &x->nodes[i];
        const char *fields = val(x, it, kn_fields);
        char *f = fields ? cni_strdup(fields) : NULL;
        x->nodes[i].csv_line = x->csv_line;
        for (char *p = f; p && *p; p++) {
            *p = *p == ',' || *p == '|' ? ';' : *p; /* lists written with , or | */
        }
        csv_cell(x, fp, it->id, true);
        csv_cell(x, fp, val(x, it, kn_label), false);
        csv_cell(x, fp, kinds[i] >= 0 ? cn_node_kind_name((cn_node_kind)kinds[i]) : "", false);
        csv_cell(x, fp, val(x, it, kn_region), false);
        csv_cell(x, fp, val(x, it, kn_country), false);
        csv_cell(x, fp, f, false);
        free(f);
        fill_row(row, it);
        for (size_t k = 0; k < x->nkeys; k++) {
            if (x->keys[k].node && k != kn_kind && k != kn_label && k != kn_region
                && k != kn_country && k != kn_fields && k != kn_id) {
                csv_cell(x, fp, row[k], false);
            }
        }
        clear_row(row, x, it);
        csv_row_end(x, fp);
    }
    if ((ferror(fp) | (fclose(fp) != 0)) && rc == 0) {
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
        x->csv_line = 1;
        for (size_t k = 0; k < x->nkeys; k++) {
            if (x->keys[k].edge && k != ke_kind && k != ke_role && k != ke_weight && k != ke_since
                && k != ke_until && k != ke_ref) {
                char *col = column_name(&x->keys[k]);
                rc = col || rc ? rc : cni_fail(CN_ENOMEM, "out of memory");
                csv_cell(x, fp, col, false);
                free(col);
            }
        }
        csv_row_end(x, fp);
        for (size_t e = 0; rc == 0 && e < x->nedges; e++) {
            const item *ed = &x->edges[e];
            const char *k = val(x, ed, ke_kind);
            int kind = k && *k ? edge_kind_of(o, k) : (int)o->default_edge_kind;
            const char *src = ed->source, *dst = ed->target;
            x->edges[e].csv_line = x->csv_line;
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
            csv_cell(x, fp, src, true);
            csv_cell(x, fp, dst, false);
            csv_cell(x, fp, cn_edge_kind_name((cn_edge_kind)kind), false);
            csv_cell(x, fp, kind == CN_EDGE_MEMBERSHIP ? val(x, ed, ke_role) : NULL, false);
            csv_cell(x, fp, val(x, ed, ke_weight), false);
            csv_cell(x, fp, val(x, ed, ke_since), false);
            csv_cell(x, fp, val(x, ed, ke_until), false);
            csv_cell(x, fp, val(x, ed, ke_ref), false);
            fill_row(row, ed);
            for (size_t kk = 0; kk < x->nkeys; kk++) {
                if (x->keys[kk].edge && kk != ke_kind && kk != ke_role && kk != ke_weight
                    && kk != ke_since && kk != ke_until && kk != ke_ref) {
                    csv_cell(x, fp, row[kk], false);
                }
            }
            clear_row(row, x, ed);
            csv_row_end(x, fp);
        }
        if ((ferror(fp) | (fclose(fp) != 0)) && rc == 0) {
            rc = cni_fail(CN_EIO, "cannot write '%s'", path);
        }
    }
    free(path);
    free(kinds);
    free(row);
    free(node_of);
    cni_strpool_destroy(ids);
    return rc;
}

/* The GraphML line of the element whose record starts on line @p csv_line of the converted
 * @p file (nodes.csv or edges.csv); 0 (the whole file) for its header or the whole file. */
static size_t graphml_line(const im *x, const char *file, size_t csv_line)
{
    bool nodes = strcmp(file, "nodes.csv") == 0;
    const item *it = nodes ? x->nodes : x->edges;
    size_t lo = 0, hi = nodes ? x->nnodes : x->nedges;

    /* the last record starting on or before csv_line (records are in file order) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (it[mid].csv_line <= csv_line) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo > 0 && csv_line > 1 ? it[lo - 1].line : 0;
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
    for (const char *const *m = opts ? opts->kind_map : NULL; m && *m; m += 2) {
        if (!m[1] || (parse_kind(m[1], CN_NODE_KIND_COUNT, node_kind_name) < 0
                      && parse_kind(m[1], CN_EDGE_KIND_COUNT, edge_kind_name) < 0)) {
            return CNI_EINVAL("opts->kind_map names a KIND that is no node or edge kind");
        }
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
    if (rc == 0 && (x.xml_failed || x.refused)) {
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
                problem(&x, graphml_line(&x, strrchr(d->file, '/') + 1, d->line), "%s",
                        d->message);
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
        free(x.keys[k].def);
    }
    for (size_t i = 0; i < x.nnodes; i++) {
        item_free(&x.nodes[i]);
    }
    for (size_t e = 0; e < x.nedges; e++) {
        item_free(&x.edges[e]);
    }
    free(x.keys);
    free(x.levels);
    cni_strpool_destroy(x.key_ids);
    free(x.nodes);
    free(x.edges);
    return rc;
}
