/* Internal: run independent parts of a computation in worker processes and sum their results.
 * Debian's igraph is built without thread safety (global error state, RNG, finally stack), so
 * parallelism uses fork(): each worker has its own copy of every global, and the graph built
 * before the fork is shared copy-on-write. */
#ifndef CNI_PARALLEL_H
#define CNI_PARALLEL_H

#include <stddef.h>

/* Compute part @p part of @p nparts into @p out (len doubles, zeroed). Return 0 or < 0. */
typedef int cni_part_fn(double *out, size_t len, size_t part, size_t nparts, void *ctx);

/* out[0..len) = sum over parts of fn's results. Part 0 runs in the caller; parts 1.. in forked
 * workers (in the caller too when fork fails or nparts is 1). Returns 0, the first part's
 * failure, CN_ENOMEM, or CN_ERROR when a worker died. A worker dies with the calling thread
 * (PR_SET_PDEATHSIG, SIGKILL); a signal that interrupts the wait does not end it (EINTR is
 * retried): harmless signals (SIGCHLD, SIGWINCH, a timer's) must not cancel a computation, and a
 * fatal one kills the caller and so its workers. */
int cni_par_sum(double *out, size_t len, size_t nparts, cni_part_fn *fn, void *ctx);

/* Worker processes to use for @p requested (0: online CPUs). */
size_t cni_par_workers(unsigned requested);

#endif
