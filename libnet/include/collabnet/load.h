/* collabnet — loading a dataset (nodes.csv + edges.csv) into a graph. */
#ifndef COLLABNET_LOAD_H
#define COLLABNET_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/error.h>
#include <collabnet/model.h>
/* Not needed here any more (cn_targets is in model.h); kept so that code which included only
 * load.h for the analyses still compiles. */
#include <collabnet/analysis.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most columns a nodes.csv or edges.csv header may have (Excel's and LibreOffice's limit):
 *  a wider header is a data error, so that a file cannot make every row hold millions of
 *  cells. */
#define CN_MAX_COLUMNS 16384
/** Longest record (one row, however many lines it spans) in bytes: longer is a data error, so
 *  that a file of one endless line cannot take unbounded memory. */
#define CN_MAX_RECORD (128 << 20)
/** Largest total of the weights of a dataset's edge rows, and of their reciprocals (a path's
 *  length counts an edge as 1 / weight): past it the row that crossed it is a data error, so
 *  that every sum an analysis makes (a tie's weight, a node's strength, a path's length) stays
 *  finite. */
#define CN_MAX_WEIGHT_SUM 1e300
/** Largest count a targets file may ask for (networks of a field, members or leads of a
 *  network): a larger number is a data error, never a silent wrap-around. */
#define CN_TARGETS_MAX_COUNT 1000000000
/** Largest targets file read, in bytes: a larger one is a data error (it is no page of rules). */
#define CN_TARGETS_MAX_BYTES (16 << 20)

typedef struct cn_load_options {
    size_t max_errors; /**< stop reading after this many problems (0: 100); the load fails */
    unsigned flags;    /**< reserved, 0 */
    cn_date at;        /**< if set (year > 0): keep only the edges in force then (README "Time") */
    const char *scenario;      /**< cn_load_dataset() only: a directory whose nodes.csv and/or
                                    edges.csv (the contract, plus an `action` column: add or
                                    remove) are applied to the dataset (README "Scenarios");
                                    NULL: none */
    const char *const *without; /**< ids of nodes removed with their edges; may be NULL */
    size_t nwithout;            /**< entries of @p without */
} cn_load_options;
#define CN_LOAD_OPTIONS_INIT { 100, 0, { 0, 0, 0 }, NULL, NULL, 0 }

/**
 * Load a dataset directory: DIR/nodes.csv and DIR/edges.csv (dataset contract v1, README.md).
 * Both files are streamed; the cost is linear in their size.
 * @param[out] out  the graph, released with cn_graph_destroy(); NULL on failure
 * @param dir       the dataset directory; it prefixes the file names in diagnostics
 * @param opts      options, or NULL for the defaults
 * @param diags     receives every contract violation (file, line, message); may be NULL
 * With opts->scenario, the scenario's files are read after the dataset's (nodes, scenario
 * nodes, edges, scenario edges) with the same checks; with opts->without, those nodes go. A
 * row adding an id that exists, removing what does not exist, or naming a removed node is a
 * problem in @p diags like any other (an unknown --without id: file "--without", line 0).
 * @return 0; CN_EINVAL when @p out or @p dir is NULL; CN_ENOENT when @p dir (or the scenario
 *         directory) does not exist or
 *         is not a directory, or a file exists but cannot be opened (no permission, a
 *         directory); CN_EDATA when a file is missing or breaks the contract (see @p diags);
 *         CN_EIO when a read fails; CN_ENOMEM. cn_errmsg() says more.
 */
int cn_load_dataset(cn_graph **out, const char *dir, const cn_load_options *opts,
                    cn_diag_list *diags);

/**
 * Load a dataset from two in-memory CSV buffers (for embedding and fuzzing; nothing touches the
 * disk). @p nodes_name and @p edges_name are the file names used in diagnostics; each may be
 * NULL ("nodes.csv", "edges.csv"). A buffer may be NULL when its length is 0.
 * @return 0, CN_EDATA (see @p diags), CN_EINVAL (a NULL @p out, a NULL buffer of non-zero
 *         length), or CN_ENOMEM
 */
int cn_load_buffers(cn_graph **out, const char *nodes_csv, size_t nodes_len,
                    const char *nodes_name, const char *edges_csv, size_t edges_len,
                    const char *edges_name, const cn_load_options *opts, cn_diag_list *diags);

/**
 * Read a targets file (README "Targets"): priority fields, networks per field, regions each
 * field must be led in or reach, and rules every network must meet.
 * @param[out] out  released with cn_targets_destroy(); NULL on failure
 * @param diags     receives every problem as FILE:LINE: message; may be NULL
 * @return 0, CN_EINVAL (@p out or @p path NULL), CN_EDATA (see diags), CN_ENOENT (no such
 *         file, or it cannot be opened: a directory, no permission), CN_EIO (a read failed) or
 *         CN_ENOMEM
 */
int cn_targets_load(cn_targets **out, const char *path, cn_diag_list *diags);
/** The same from memory; @p name is the file name used in diagnostics (NULL: "targets.ini");
 *  @p text may be NULL when @p len is 0. CN_EINVAL for a NULL @p out or @p text. */
int cn_targets_parse(cn_targets **out, const char *text, size_t len, const char *name,
                     cn_diag_list *diags);
/**
 * Check targets against a dataset: every field (the priority list, a `has` filter), region
 * (the scope's, a [regions] rule's) and filter column and value the targets name must occur in
 * @p g, else it is most likely a typo, which would make a false gap. Each one that does not is
 * a diagnostic "warning: field 'semiconductors' is listed by no node of the dataset (did you
 * mean 'semiconductor'?)" at its line of the targets file (the suggestion only when some value
 * is close, by edit distance). Member kinds are checked when the file is read.
 * @param[out] out  the number of warnings; may be NULL
 * @param diags     receives the warnings; may be NULL
 * @return 0 (warnings or not), CN_EINVAL (@p t or @p g NULL) or CN_ENOMEM
 * Cost: a pass over the nodes for each name checked.
 */
int cn_targets_check(size_t *out, const cn_targets *t, const cn_graph *g, cn_diag_list *diags);
/** Release targets; NULL is a no-op. */
void cn_targets_destroy(cn_targets *t);

/** Size of a generated ecosystem (README "Synthetic data"). */
typedef enum cn_scale {
    CN_SCALE_S = 0, /**< about 2,000 nodes and 10,000 edge rows */
    CN_SCALE_M = 1, /**< about 100,000 nodes and 1,000,000 edge rows */
    CN_SCALE_L = 2  /**< about 1,000,000 nodes and 10,000,000 edge rows */
} cn_scale;

/** What cn_generate() wrote. */
typedef struct cn_generate_stats {
    size_t nodes, memberships, collaborations;
} cn_generate_stats;

/**
 * Write a synthetic ecosystem in the dataset contract to DIR/nodes.csv and DIR/edges.csv:
 * institutions, enterprises, experts (some abroad) and networks (one lead institution each,
 * member institutions, enterprises and experts; some networks nested in umbrellas), spread over
 * North, Central and South and over fields; collaboration ties grown by preferential attachment
 * with regional homophily, integer weights, some dated. The same scale and seed give the same
 * bytes. Both files are streamed: memory stays in the tens of MB even at L.
 * The whole dataset (with .collabnet-manifest, the list of the files written) is built in a
 * temporary directory and moved into place only when complete, so an interrupted run leaves
 * DIR as it was. An existing DIR must be empty or an earlier generated dataset (nothing in it
 * but what its manifest lists); anything else is refused before any work.
 * @param[out] out  counts; may be NULL
 * @param dir       created if missing, with its parents
 * @return 0, CN_EINVAL (NULL or empty @p dir, bad scale), CN_ECREATE (cannot be created, or
 *         @p dir holds other files; cn_errmsg() says which), CN_EIO (cannot write) or CN_ENOMEM
 */
int cn_generate(cn_generate_stats *out, const char *dir, cn_scale scale, uint64_t seed);

/* ---- import from GraphML ---- */

/** How GraphML attributes map onto the dataset contract. */
typedef struct cn_import_options {
    const char *node_kind;  /**< node attribute holding the kind ("kind"); values institution,
                                 enterprise, expert or network, in any case; NULL: none */
    const char *edge_kind;  /**< edge attribute holding membership or collaboration ("kind");
                                 NULL: none */
    const char *label;      /**< node attribute for the label ("label"); NULL: none */
    int default_node_kind;  /**< the cn_node_kind of nodes without one; -1: such a node is an
                                 error; any other value: CN_EINVAL */
    cn_edge_kind default_edge_kind; /**< the kind of edges without one */
    size_t max_errors;      /**< stop after this many problems (0: 100) */
    const char *const *kind_map; /**< other vocabularies' kinds: pairs VALUE, KIND ending
                                      in NULL, e.g. { "person", "expert", NULL }; a value of
                                      the node (edge) kind attribute that is no kind of the
                                      contract, equal to VALUE in any case, takes KIND, a
                                      node (edge) kind's name; NULL: none */
} cn_import_options;

#define CN_IMPORT_OPTIONS_INIT { "kind", "kind", "label", -1, CN_EDGE_COLLABORATION, 100, NULL }

/**
 * Make a dataset directory (nodes.csv, edges.csv) from a GraphML file, e.g. from Gephi,
 * Cytoscape, NetworkX or igraph. Node attributes named region, country and fields, and edge
 * attributes named role, weight, since, until and ref, go to the contract's columns (a name
 * in another case, such as Gephi's Weight, when no attribute has the exact name); every
 * other attribute becomes an extra column (x_NAME when NAME is a contract column); a key's
 * <default> fills elements without a <data> for it; values of typed keys (not string) are
 * trimmed, as igraph does; a key id may be declared once for nodes and once for edges. In a
 * file written by igraph (node ids n0, n1, ... in order) the node attribute id, or else name,
 * is the id when every node has one; name is the label when there is no label attribute and
 * opts->label is "label". opts->kind_map maps other vocabularies' kinds; opts->
 * default_node_kind also takes values that are no kind, with a warning counting them. Problems
 * the contract's checks find in the converted files are told at the element's GraphML line.
 * A membership edge drawn from a network to
 * an actor is turned around. Internal entities are replaced by their text; external entities
 * and DTDs are never read (a reference to one is a problem). The root must be <graphml> in
 * GraphML's namespace or none. The directory (with .collabnet-manifest, the list of the files
 * written) is written beside @p dir and renamed into place once it loads as a valid dataset.
 * Memory follows the file's size; more than CN_MAX_COLUMNS node or edge keys end the reading.
 * @param dir    must not exist; its parent must
 * @param opts   may be NULL (CN_IMPORT_OPTIONS_INIT)
 * @param diags  receives the problems, and on success too what was not kept (a <graph>'s
 *               <data>) as messages starting "warning: "; may be NULL
 * @return 0, CN_ENOENT (no such file), CN_EDATA (problems in @p diags, with the GraphML line
 *         of each), CN_ECREATE (@p dir exists or cannot be created), CN_EIO (cannot read or
 *         write), CN_EINVAL (NULL @p path or @p dir, an empty @p dir, a default kind out of
 *         range, a kind_map pair whose KIND is no node or edge kind) or CN_ENOMEM
 */
int cn_import_graphml(const char *path, const char *dir, const cn_import_options *opts,
                      cn_diag_list *diags);

#ifdef __cplusplus
}
#endif
#endif
