/* Internal: run independent parts of a computation in worker processes and sum their results.
 * Debian's igraph is built without thread safety (global error state, RNG, finally stack), so
 * parallelism uses fork(): each worker has its own copy of every global, and the graph built
 * before the fork is shared copy-on-write. */
#ifndef CNI_PARALLEL_H
#define CNI_PARALLEL_H

#include <stddef.h>

#include <collabnet/analysis.h>

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

/* Worker processes to use for @p requested (0: online CPUs). */
size_t cni_par_workers(unsigned requested);

#endif
