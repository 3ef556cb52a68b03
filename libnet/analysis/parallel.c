#define _GNU_SOURCE /* pipe2, memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/mman.h>
#include <sys/stat.h>
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

/* All of @p buf written: at offset @p at (pwrite), or where the descriptor stands when @p at is
 * negative (a pipe); EINTR retried. 0 or -1. */
static int write_all(int fd, const void *buf, size_t len, off_t at)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t w = at < 0 ? write(fd, p, len) : pwrite(fd, p, len, at);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return -1;
        }
        p += w;
        at += at < 0 ? 0 : w;
        len -= (size_t)w;
    }
    return 0;
}

/* All of @p buf read, as write_all() writes it; end of file is a failure. 0 or -1. */
static int read_all(int fd, void *buf, size_t len, off_t at)
{
    char *p = buf;

    while (len > 0) {
        ssize_t r = at < 0 ? read(fd, p, len) : pread(fd, p, len, at);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        p += r;
        at += at < 0 ? 0 : r;
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
            if (write_all(fds[1], &status, sizeof status, -1) == 0 && status == 0) {
                write_all(fds[1], buf, len * sizeof *buf, -1);
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
            if (read_all(w[p].fd, &status, sizeof status, -1) != 0
                || (status == 0 && read_all(w[p].fd, buf, len * sizeof *buf, -1) != 0)) {
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

/* ---- one job in a worker ---- */

struct cni_par_job {
    pid_t pid;
    int fd; /* the anonymous file the worker writes: a job_head, the message, the result */
};

/* Written last, at offset 0, by a worker that wrote everything else: a worker that died on
 * the way leaves no magic (the caller may not see its exit status: SIGCHLD ignored). */
typedef struct job_head {
    uint64_t magic;
    int64_t status;
    uint64_t msg_len, len;
} job_head;

#define JOB_MAGIC 0x636e2d6a6f62ull /* "cn-job" */

/* In the worker: run the job, write its result and leave without the parent's exit handlers
 * or stdio buffers. */
static _Noreturn void run_job(int fd, cni_job_fn *fn, void *ctx)
{
    job_head h = { JOB_MAGIC, 0, 0, 0 };
    cni_buf out;
    const char *msg;
    int status;

    cni_buf_init(&out);
    status = fn(&out, ctx);
    if (status == 0 && out.failed) {
        status = cni_fail(CN_ENOMEM, "out of memory");
    }
    msg = status < 0 ? cn_errmsg() : "";
    h.status = status;
    h.msg_len = strlen(msg);
    h.len = status < 0 ? 0 : out.len;
    status = write_all(fd, msg, h.msg_len, (off_t)sizeof h) == 0
                     && write_all(fd, out.s ? out.s : "", h.len, (off_t)(sizeof h + h.msg_len))
                            == 0
                     && write_all(fd, &h, sizeof h, 0) == 0
                 ? 0
                 : 1;
    cni_buf_fini(&out);
    _exit(status);
}

int cni_par_start(cni_par_job **job, cni_job_fn *fn, void *ctx)
{
    pid_t self = getpid();
    cni_par_job *j;

    *job = NULL;
    if (!(j = calloc(1, sizeof *j))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    /* close-on-exec, as the pipes above */
    if ((j->fd = memfd_create("collabnet-job", MFD_CLOEXEC)) < 0) {
        free(j);
        return 0;
    }
    j->pid = fork();
    if (j->pid == 0) {
        int fd = j->fd;
        free(j); /* the caller's handle, not the worker's */
        die_with(self);
        run_job(fd, fn, ctx);
    }
    if (j->pid < 0) {
        close(j->fd);
        free(j);
        return 0;
    }
    *job = j;
    return 0;
}

int cni_par_join(cni_par_job *j, cni_buf *out)
{
    job_head h = { 0, 0, 0, 0 };
    struct stat st;
    int ws = 0, rc;

    while (waitpid(j->pid, &ws, 0) < 0) {
        if (errno != EINTR) {
            ws = 0; /* reaped by somebody else (SIGCHLD ignored): its file tells */
            break;
        }
    }
    if (WIFSIGNALED(ws)) {
        rc = cni_fail(CN_ERROR, "a worker process was killed by signal %d", WTERMSIG(ws));
    } else if (read_all(j->fd, &h, sizeof h, 0) != 0 || h.magic != JOB_MAGIC
               || fstat(j->fd, &st) != 0
               || (uint64_t)st.st_size != sizeof h + h.msg_len + h.len) {
        rc = cni_fail(CN_ERROR, "a worker process failed");
    } else if (h.status < 0) {
        char *msg = malloc(h.msg_len + 1);
        if (msg && read_all(j->fd, msg, h.msg_len, (off_t)sizeof h) == 0) {
            msg[h.msg_len] = '\0';
            rc = cni_fail((int)h.status, "%s", msg);
        } else {
            rc = cni_fail((int)h.status, "a worker process failed");
        }
        free(msg);
    } else if (h.len == 0) {
        rc = 0;
    } else {
        /* mapped rather than read: the result is copied once (at L, 100 MB of CSV) */
        size_t at = sizeof h + h.msg_len;
        void *map = mmap(NULL, at + h.len, PROT_READ, MAP_PRIVATE, j->fd, 0);
        if (map == MAP_FAILED) {
            rc = cni_fail(CN_ERROR, "cannot read a worker's result: %s", strerror(errno));
        } else {
            cni_buf_add(out, (const char *)map + at, h.len);
            munmap(map, at + h.len);
            rc = out->failed ? cni_fail(CN_ENOMEM, "out of memory") : 0;
        }
    }
    close(j->fd);
    free(j);
    return rc;
}

void cni_par_cancel(cni_par_job *j)
{
    if (!j) {
        return;
    }
    kill(j->pid, SIGKILL);
    while (waitpid(j->pid, NULL, 0) < 0 && errno == EINTR) {
    }
    close(j->fd);
    free(j);
}
