/* collabnet — status codes, last-error message and data diagnostics. */
#ifndef COLLABNET_ERROR_H
#define COLLABNET_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

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
    CN_ENOENT = -8   /**< a named input (dataset directory, file) does not exist or cannot be
                          opened */
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
 * @return 0 or CN_ENOMEM (then *out is NULL)
 */
int cn_diag_list_create(cn_diag_list **out, size_t limit);
/** Release a list; NULL is a no-op. */
void cn_diag_list_destroy(cn_diag_list *list);
/** Number of diagnostics kept (at most the limit). */
size_t cn_diag_list_count(const cn_diag_list *list);
/** Number of diagnostics reported, including those past the limit. */
size_t cn_diag_list_total(const cn_diag_list *list);
/** The i-th kept diagnostic (borrowed, valid until the list is destroyed); NULL if out of range. */
const cn_diag *cn_diag_list_at(const cn_diag_list *list, size_t i);
/**
 * Append a diagnostic (copies @p file and the message).
 * @return 0, or CN_ENOMEM
 */
int cn_diag_list_add(cn_diag_list *list, const char *file, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Release a string returned by collabnet. NULL is a no-op. */
void cn_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
