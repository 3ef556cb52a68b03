#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../util/util.h"
#include "parallel.h"

size_t cni_par_workers(unsigned requested)
{
    long n;

    if (requested) {
        return requested;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1 ? (size_t)n : 1;
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;

    while (len > 0) {
        ssize_t r = read(fd, p, len);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        p += r;
        len -= (size_t)r;
    }
    return 0;
}

/* In a new worker: die with the thread that forked it. Whatever ends the caller (a signal, even
 * SIGKILL, exit, a crash), the kernel then kills its workers at once instead of leaving them to
 * compute results nobody reads (they went on for tens of seconds, adopted by init). The parent
 * may have died before prctl() took effect: then the worker already has another parent. */
static void die_with(pid_t parent)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent) {
        _exit(1);
    }
}

typedef struct worker {
    pid_t pid;
    int fd;
} worker;

struct cni_par_tally {
    atomic_size_t *done; /* one slot a part, in a page shared with the workers */
    size_t nparts, mapped;
    const cni_par_progress *progress;
    pid_t caller;
    double last; /* the last fraction told, -1 before the first */
};

/* In the caller only: tell the callback the fraction done, when it has grown. */
static void tell(cni_par_tally *t)
{
    size_t sum = 0;
    double f;

    for (size_t p = 0; p < t->nparts; p++) {
        sum += atomic_load_explicit(&t->done[p], memory_order_relaxed);
    }
    f = t->progress->units ? (double)sum / (double)t->progress->units : 1.0;
    f = f < 1.0 ? f : 1.0;
    if (f > t->last) {
        t->last = f;
        t->progress->fn(f, t->progress->ctx);
    }
}

void cni_par_done(cni_par_tally *t, size_t part, size_t done)
{
    if (!t || part >= t->nparts) {
        return;
    }
    atomic_store_explicit(&t->done[part], done, memory_order_relaxed);
    if (getpid() == t->caller) {
        tell(t);
    }
}

/* A tally for @p progress, or NULL when nobody listens or the page cannot be mapped (the
 * computation then goes on without progress). */
static cni_par_tally *tally_create(const cni_par_progress *progress, size_t nparts, pid_t caller)
{
    cni_par_tally *t;
    void *page;
    size_t size = nparts * sizeof(atomic_size_t);

    if (!progress || !progress->fn || !(t = calloc(1, sizeof *t))) {
        return NULL;
    }
    page = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        free(t);
        return NULL;
    }
    t->done = page; /* zero-filled */
    t->nparts = nparts;
    t->mapped = size;
    t->progress = progress;
    t->caller = caller;
    t->last = -1.0;
    return t;
}

static void tally_destroy(cni_par_tally *t)
{
    if (t) {
        munmap(t->done, t->mapped);
        free(t);
    }
}

/* Wait until worker @p fd has something to read (its results, or end of file when it died),
 * telling progress about every 100 ms meanwhile. */
static void wait_readable(int fd, cni_par_tally *t)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    int r;

    while ((r = poll(&pfd, 1, t ? 100 : -1)) == 0 || (r < 0 && errno == EINTR)) {
        if (t) {
            tell(t);
        }
    }
}

int cni_par_sum(double *out, size_t len, size_t nparts, cni_part_fn *fn, void *ctx,
                const cni_par_progress *progress)
{
    worker *w = cni_calloc_array(nparts, sizeof *w);
    double *buf = cni_calloc_array(len, sizeof *buf);
    pid_t self = getpid();
    cni_par_tally *tally = NULL;
    int rc = 0;

    if (!w || !buf) {
        free(w);
        free(buf);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    tally = tally_create(progress, nparts, self);
    memset(out, 0, len * sizeof *out);
    for (size_t p = 1; p < nparts; p++) {
        int fds[2];
        w[p].pid = -1;
        /* close-on-exec: a worker's write end inherited by another thread's fork and exec
         * would keep the pipe open, and the read would wait for ever after a worker died */
        if (pipe2(fds, O_CLOEXEC) != 0) {
            continue;
        }
        w[p].pid = fork();
        if (w[p].pid == 0) {
            /* the worker: compute, send status then results, leave without running the
             * parent's exit handlers or flushing its stdio buffers */
            int status;
            die_with(self);
            close(fds[0]);
            status = fn(buf, len, p, nparts, tally, ctx);
            if (write_all(fds[1], &status, sizeof status) == 0 && status == 0) {
                write_all(fds[1], buf, len * sizeof *buf);
            }
            free(buf);
            free(w);
            free(tally); /* the shared page goes with the process */
            _exit(0);
        }
        close(fds[1]);
        if (w[p].pid < 0) {
            close(fds[0]);
        } else {
            w[p].fd = fds[0];
        }
    }
    rc = fn(out, len, 0, nparts, tally, ctx);
    for (size_t p = 1; p < nparts; p++) {
        int status = 0;
        if (w[p].pid < 0) {
            /* no worker could be started for this part: do it here */
            memset(buf, 0, len * sizeof *buf);
            status = rc < 0 ? 0 : fn(buf, len, p, nparts, tally, ctx);
        } else {
            wait_readable(w[p].fd, tally);
            if (read_all(w[p].fd, &status, sizeof status) != 0
                || (status == 0 && read_all(w[p].fd, buf, len * sizeof *buf) != 0)) {
                status = cni_fail(CN_ERROR, "a worker process failed");
            }
            close(w[p].fd);
            while (waitpid(w[p].pid, NULL, 0) < 0 && errno == EINTR) {
            }
        }
        if (status < 0 && rc == 0) {
            rc = status;
        }
        for (size_t i = 0; rc == 0 && i < len; i++) {
            out[i] += buf[i];
        }
        if (tally) {
            tell(tally);
        }
    }
    if (rc == 0 && tally && tally->last < 1.0) {
        /* every part is done, whatever its counts said */
        tally->last = 1.0;
        progress->fn(1.0, progress->ctx);
    }
    tally_destroy(tally);
    free(buf);
    free(w);
    return rc;
}
