/* Outputs that never lose a file of the user's (README "Outputs"), for every writer: the CLI's
 * -o FILE, cn_render_file(), the report, generate and import.
 *
 * A file: a regular file (or a symbolic link's regular target) is replaced by a temporary file
 * written beside it and renamed over it once complete, keeping the file's mode (and owner when
 * allowed); a missing file is created the same way (mode 0666 less the umask); anything else
 * that can be opened for writing (a FIFO, /dev/null, a terminal) is written directly, as `cp`
 * and `sort -o` do, and so is a path through a /proc magic link (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N) even to a regular file: through a duplicate of that descriptor when it is
 * ours (`>> log` appends); a directory or a dangling symbolic link is refused.
 *
 * A directory: built as DIR.tmp.XXXXXX beside a missing DIR and renamed into place; when DIR
 * exists, built inside it as DIR/.collabnet-tmp.XXXXXX and moved in entry by entry after the
 * earlier entries are moved out, so DIR itself (its inode, a shell's working directory) stays.
 * An existing DIR is used only when it is empty or when every entry in it is listed in its
 * .collabnet-manifest of the same kind: the list of files collabnet wrote there last time.
 *
 * Every temporary path is registered until commit or abort, so that cni_output_cleanup() (from
 * a signal handler) can remove them. */
#ifndef CNI_OUTFILE_H
#define CNI_OUTFILE_H

#include <stddef.h>

/* The manifest's name inside an output directory. */
#define CNI_MANIFEST ".collabnet-manifest"

typedef struct cni_pending cni_pending;

typedef struct cni_outfile {
    int fd;               /* write here; -1 once closed (a caller that closed it sets -1) */
    char *path;           /* what is replaced, a symbolic link's target; or written directly */
    char *tmp;            /* the temporary beside it; NULL when writing into path itself */
    cni_pending *pending; /* its registration for cni_output_cleanup() */
} cni_outfile;

/* Open @p path (never "-": callers map that to stdout) as described above.
 * @return 0, CN_EINVAL (empty path), CN_ECREATE (cannot be created, or refused) or CN_ENOMEM;
 *         on failure *o holds nothing to release */
int cni_outfile_open(cni_outfile *o, const char *path);
/* Write all of buf[0..len). 0 or CN_EIO. */
int cni_outfile_write(cni_outfile *o, const void *buf, size_t len);
/* Close and rename into place. 0, CN_EIO (a write failed at close) or CN_ECREATE (the rename);
 * on failure the temporary file is removed. *o is released either way. */
int cni_outfile_commit(cni_outfile *o);
/* Close and remove the temporary file; releases *o. No-op on a zeroed or released *o. */
void cni_outfile_abort(cni_outfile *o);

typedef struct cni_outdir {
    char *dir;            /* the directory, without trailing slashes */
    char *tmp;            /* where it is built */
    const char *kind;     /* "report", "generated dataset", ...: the manifest says which */
    int exists;           /* DIR existed: tmp is inside it */
    char **names;         /* the relative paths written, directories ending in '/' */
    size_t n, cap;
    cni_pending *pending;
} cni_outdir;

/* Whether an output of @p kind may be written at @p dir: it is missing, empty, or every entry
 * is listed in its manifest of @p kind. Cheap; call it before computing anything.
 * @return 0, CN_EINVAL, CN_ECREATE (cn_errmsg() names what is in the way) or CN_ENOMEM */
int cni_outdir_check(const char *dir, const char *kind);
/* Check @p dir as cni_outdir_check() and create the temporary directory (the parent of a
 * missing DIR must exist). @return 0, CN_EINVAL, CN_ECREATE or CN_ENOMEM */
int cni_outdir_open(cni_outdir *d, const char *dir, const char *kind);
/* Create the subdirectory @p rel ("figures"). 0, CN_ECREATE or CN_ENOMEM. */
int cni_outdir_mkdir(cni_outdir *d, const char *rel);
/* The path to create file @p rel at (inside the temporary directory), recorded in the
 * manifest. @param[out] out  malloc'd path, the caller frees it. 0 or CN_ENOMEM. */
int cni_outdir_path(char **out, cni_outdir *d, const char *rel);
/* Move the names recorded from index @p from on (the last ones) to index @p at, before those
 * recorded between: the manifest lists files in the order a sequential run records them when a
 * part was computed apart and its files written later. */
void cni_outdir_move_names(cni_outdir *d, size_t at, size_t from);
/* Write the manifest and put the directory in place (checking DIR again). 0, CN_EIO or
 * CN_ECREATE; on failure DIR is as it was and the temporary directory removed. Releases *d. */
int cni_outdir_commit(cni_outdir *d);
/* Tests only: called by cni_outdir_commit() between its check of an existing DIR and the moves. */
extern void (*cni_outdir_after_check)(const char *dir);

/* Remove the temporary directory; releases *d. No-op on a zeroed or released *d. */
void cni_outdir_abort(cni_outdir *d);

/* Remove every registered temporary file and directory of unfinished outputs. Only
 * async-signal-safe calls: for a handler of SIGINT, SIGTERM, ... that then dies. */
void cni_output_cleanup(void);

#endif
