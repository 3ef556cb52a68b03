/* collabnet — status codes, last-error message and data diagnostics. */
#ifndef COLLABNET_ERROR_H
#define COLLABNET_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The argument contract, one rule for every public function (every header includes this one):
 *
 * - Fallible functions (those returning int: 0 or a negative cn_status) check their arguments.
 *   A NULL pointer where the function's comment does not say "may be NULL", an enumeration
 *   value out of range, an index past the end or an option outside its documented range gives
 *   CN_EINVAL, and cn_errmsg() names the function and the argument: "cn_overlap_compute: g is
 *   NULL", "cn_centrality: measures[2] is not a cn_measure". A function that makes an object or
 *   an array sets each of its out-parameters that is not NULL to NULL (a length to 0) before
 *   it checks anything else, so they are NULL after any failure; a _parse function leaves *out
 *   as it was when it fails (cn_date_parse() sets the absent date). A buffer pointer may be
 *   NULL when its length is 0.
 * - Infallible getters (returning a value directly) never read out of bounds: for a NULL
 *   object or an index past the end (count, count + 1, ..., SIZE_MAX) they return the neutral
 *   value: 0 for a count, a line or a number; NULL for a string or a pointer; CN_NONE for a
 *   node or edge index; false for a predicate; the COUNT member for an enumeration
 *   (cn_graph_node_kind() gives CN_NODE_KIND_COUNT). A getter that fills a struct fills it
 *   with those values, and does nothing when the struct pointer is NULL. Getters leave
 *   cn_errmsg() alone. For a valid object and index a string getter never returns NULL ("" for
 *   an absent value), so NULL always means "no such thing".
 * - Destroy functions and cn_free() accept NULL (a no-op).
 * - What no function can check is the caller's to guarantee: a string argument is
 *   NUL-terminated; a buffer holds at least the length passed with it; an output array holds
 *   the length the function's comment gives (e.g. cn_graph_node_count() doubles); an object
 *   comes from collabnet and is not yet released (a graph outlives the overlap and coverage
 *   made from it); an option struct starts from its _INIT macro.
 */

/** Status codes: fallible functions return 0 or one of these (negative). */
typedef enum cn_status {
    CN_OK = 0,
    CN_ERROR = -1,   /**< unclassified failure */
    CN_ENOMEM = -2,  /**< out of memory */
    CN_EINVAL = -3,  /**< invalid argument from the caller */
    CN_EIO = -4,     /**< a file could not be opened, read or written */
    CN_EDATA = -5,   /**< the data break the dataset contract; see the cn_diag_list */
    CN_EGRAPH = -6,  /**< a graph algorithm (igraph) failed */
    CN_ERENDER = -7, /**< Graphviz failed */
    CN_ENOENT = -8,  /**< a named input (dataset directory, file) does not exist or cannot be
                          opened */
    CN_ECREATE = -9, /**< an output cannot be created where asked, or would replace something
                          that is not collabnet's (cn_errmsg() says what) */
    CN_ELIMIT = -10  /**< valid data, but the work or memory an analysis needs passes a limit
                          the caller can raise (cn_errmsg() gives the figure and the option) */
} cn_status;

/** Fixed text for a status code; never NULL. */
const char *cn_strerror(int status);

/**
 * This thread's last failure in detail (e.g. "cannot open 'x/nodes.csv': Permission denied").
 * Never NULL; "" when nothing has failed. Valid until the next collabnet call on this thread.
 * Control characters and invalid UTF-8 in it are escaped (\x1b, \n, \xff; README "When the data
 * break the contract"), so it can be printed to a terminal as it is.
 */
const char *cn_errmsg(void);

/** One data problem: where it is and what is wrong. */
typedef struct cn_diag {
    const char *file;    /**< display name of the file, e.g. "data/x/edges.csv" */
    size_t line;         /**< 1-based physical line where the record starts; 0: whole file */
    const char *message; /**< lowercase, no trailing full stop; in it and in file, control
                              characters and invalid UTF-8 are escaped (\x1b, \n, \xff) */
} cn_diag;

typedef struct cn_diag_list cn_diag_list; /* opaque */

/**
 * Create an empty list that keeps at most @p limit diagnostics (0 means 100); further ones are
 * only counted (see cn_diag_list_total()).
 * @param[out] out  the list; release it with cn_diag_list_destroy()
 * @return 0, CN_EINVAL (@p out is NULL) or CN_ENOMEM (then *out is NULL)
 */
int cn_diag_list_create(cn_diag_list **out, size_t limit);
/** Release a list; NULL is a no-op. */
void cn_diag_list_destroy(cn_diag_list *list);
/** Number of diagnostics kept (at most the limit). */
size_t cn_diag_list_count(const cn_diag_list *list);
/** Number of diagnostics reported, including those past the limit. */
size_t cn_diag_list_total(const cn_diag_list *list);
/** The i-th kept diagnostic (borrowed, valid until the list is destroyed); NULL if out of range
 *  or @p list is NULL. */
const cn_diag *cn_diag_list_at(const cn_diag_list *list, size_t i);
/**
 * Append a diagnostic (copies @p file and the message).
 * @param list  may be NULL: then nothing is kept (so that a function given no list can report
 *              the same way)
 * @param file  may be NULL, kept as ""
 * @return 0, CN_EINVAL (@p fmt is NULL), or CN_ENOMEM
 */
int cn_diag_list_add(cn_diag_list *list, const char *file, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Release memory that collabnet returns to the caller (a string, an array of results, the
 *  bytes of a diagram): the one way to free it, never free(). NULL is a no-op. */
void cn_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
