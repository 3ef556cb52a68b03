/* Internal: run independent parts of a computation in worker processes and sum their results.
 * Debian's igraph is built without thread safety (global error state, RNG, finally stack), so
 * parallelism uses fork(): each worker has its own copy of every global, and the graph built
 * before the fork is shared copy-on-write. */
#ifndef CNI_PARALLEL_H
#define CNI_PARALLEL_H

#include <stddef.h>

#include <collabnet/analysis.h>

#include "../util/buf.h"

/* Progress of one cni_par_sum() call, summed over its parts (see cni_par_done()). */
typedef struct cni_par_tally cni_par_tally;

/* Compute part @p part of @p nparts into @p out (len doubles, zeroed), telling @p tally how many
 * of its units are done as it goes (cni_par_done). Return 0 or < 0. */
typedef int cni_part_fn(double *out, size_t len, size_t part, size_t nparts, cni_par_tally *tally,
                        void *ctx);

/* How a cni_par_sum() call reports progress: @p fn, when not NULL, hears the fraction of @p units
 * (the units of all parts together) done so far. */
typedef struct cni_par_progress {
    size_t units;
    cn_progress_fn *fn;
    void *ctx;
} cni_par_progress;

/* out[0..len) = sum over parts of fn's results. Part 0 runs in the caller; parts 1.. in forked
 * workers (in the caller too when fork fails or nparts is 1). Returns 0, the first part's
 * failure, CN_ENOMEM, or CN_ERROR when a worker died. A worker dies with the calling thread
 * (PR_SET_PDEATHSIG, SIGKILL); a signal that interrupts the wait does not end it (EINTR is
 * retried): harmless signals (SIGCHLD, SIGWINCH, a timer's) must not cancel a computation, and a
 * fatal one kills the caller and so its workers.
 * Progress (@p progress may be NULL): the parts count their units done in a shared page
 * (MAP_SHARED | MAP_ANONYMOUS, one slot a part), and the caller alone calls progress->fn, with
 * the fraction of all units done, never decreasing: while it runs a part itself, and about every
 * 100 ms while it waits for the workers; 1.0 last, when every part succeeded. */
int cni_par_sum(double *out, size_t len, size_t nparts, cni_part_fn *fn, void *ctx,
                const cni_par_progress *progress);

/* In a part: @p done of this part's units are finished (counts only grow). In a worker, an
 * atomic store; in the caller, it also calls the progress callback. @p tally may be NULL. */
void cni_par_done(cni_par_tally *tally, size_t part, size_t done);

/* One computation run in a forked worker while the caller goes on (the report computes its
 * centrality section so while it draws the rest). */
typedef struct cni_par_job cni_par_job;

/* The job itself, run in the worker: append its result to @p out and return 0, or return < 0
 * (its cn_errmsg() reaches the caller). */
typedef int cni_job_fn(cni_buf *out, void *ctx);

/* Start @p fn(ctx) in a forked worker; *job is the handle for cni_par_join(). *job is NULL (and
 * 0 returned) when no worker can be started (fork or memfd_create failed): the caller then runs
 * fn itself. The worker dies with the calling thread (as cni_par_sum's), writes its result into
 * an anonymous file (it never waits for the caller to read) and leaves with _exit. Returns 0 or
 * CN_ENOMEM. */
int cni_par_start(cni_par_job **job, cni_job_fn *fn, void *ctx);

/* Wait for @p job's worker and release the job. On success its result is appended to @p out and
 * fn's status is returned, with fn's message in cn_errmsg() when < 0; CN_ERROR when the worker
 * died or its result cannot be read. A signal that interrupts the wait does not end it. */
int cni_par_join(cni_par_job *job, cni_buf *out);

/* Stop @p job's worker (SIGKILL), reap it and release the job; NULL is a no-op. */
void cni_par_cancel(cni_par_job *job);

/* Worker processes to use for @p requested (0: online CPUs). */
size_t cni_par_workers(unsigned requested);

#endif
