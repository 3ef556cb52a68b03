#define _GNU_SOURCE /* pipe2, memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
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

struct cni_par_tally {
    atomic_size_t *done; /* one slot a unit, in a page shared with the workers */
    size_t nunits, mapped;
    const cni_par_progress *progress;
    pid_t caller;
    double last; /* the last fraction told, -1 before the first */
};

/* In the caller only: tell the callback the fraction done, when it has grown. */
static void tell(cni_par_tally *t)
{
    size_t sum = 0;
    double f;

    if (!t) {
        return;
    }
    for (size_t u = 0; u < t->nunits; u++) {
        sum += atomic_load_explicit(&t->done[u], memory_order_relaxed);
    }
    f = t->progress->units ? (double)sum / (double)t->progress->units : 1.0;
    f = f < 1.0 ? f : 1.0;
    if (f > t->last) {
        t->last = f;
        t->progress->fn(f, t->progress->ctx);
    }
}

void cni_par_done(const cni_par_unit *u, size_t done)
{
    cni_par_tally *t = u->tally;

    if (!t || u->index >= t->nunits) {
        return;
    }
    atomic_store_explicit(&t->done[u->index], done, memory_order_relaxed);
    if (getpid() == t->caller) {
        tell(t);
    }
}

/* A tally for @p progress, or NULL when nobody listens or the page cannot be mapped (the
 * computation then goes on without progress). */
static cni_par_tally *tally_create(const cni_par_progress *progress, size_t nunits, pid_t caller)
{
    cni_par_tally *t;
    void *page;
    size_t size = nunits * sizeof(atomic_size_t);

    if (!progress || !progress->fn || !(t = calloc(1, sizeof *t))) {
        return NULL;
    }
    page = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        free(t);
        return NULL;
    }
    t->done = page; /* zero-filled */
    t->nunits = nunits;
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

/* The read end of a held job's gate in its worker (cni_par_start()), -1 elsewhere: the last
 * worker of each of its cni_par_sum() calls waits until it is readable. */
static int gate = -1;

/* In the last cni_par_sum() worker of a held job: wait for the gate to open (true), or for the
 * caller to need it no more, its end of @p quit closed (false). */
static bool wait_gate(int quit)
{
    struct pollfd pfd[2] = { { .fd = gate, .events = POLLIN }, { .fd = quit, .events = POLLIN } };

    if (gate < 0) {
        return true;
    }
    while (poll(pfd, 2, -1) < 0 && errno == EINTR) {
    }
    return pfd[1].revents == 0;
}

/* What a unit's state says (shared, one a unit): not done, done, done and empty, or failed with
 * the (negative) status itself. */
enum { UNIT_PENDING = 0, UNIT_DONE = 1, UNIT_EMPTY = 2 };

/* A failed unit's message, as its process's cn_errmsg() said it (longer ones are cut). */
#define UNIT_MSG 256

/* The shared head of one cni_par_sum() call; the units' states and messages follow it. */
typedef struct sum_head {
    atomic_size_t next; /* the next unit to take */
    atomic_int stop;    /* a unit failed: take no more */
} sum_head;

/* One cni_par_sum() call: what its processes share (the head, each unit's state and message in
 * one mapping, the units' results in another, a page-aligned slot a unit), and the caller's
 * own sums. */
typedef struct sum_state {
    const cni_par_plan *plan;
    size_t len, nunits, stride; /* stride: doubles from one slot to the next */
    sum_head *head;
    atomic_int *state;
    char *msgs; /* UNIT_MSG bytes a unit */
    size_t shared_size;
    double *slots; /* NULL: no workers, units summed straight into their parts */
    size_t slots_size;
    cni_par_tally *tally;
    /* the caller's: part 0 is out, part p > 0 parts[p - 1]; units summed so far */
    double *out;
    double *const *parts;
    size_t summed;
} sum_state;

/* In the caller: add the finished units from st->summed on, in order, to their parts, and give
 * their slots' pages back. Returns the first failure met (with its unit's message), else 0. */
static int sum_done(sum_state *st)
{
    size_t nparts = st->plan->nparts;

    while (st->summed < st->nunits) {
        size_t u = st->summed;
        int s = atomic_load_explicit(&st->state[u], memory_order_acquire);
        double *slot = st->slots + u * st->stride;
        double *to = u % nparts ? st->parts[u % nparts - 1] : st->out;
        if (s == UNIT_PENDING) {
            return 0;
        }
        if (s < 0) {
            return cni_fail(s, "%s", st->msgs + u * UNIT_MSG);
        }
        if (s == UNIT_DONE) {
            for (size_t i = 0; i < st->len; i++) {
                to[i] += slot[i];
            }
            /* a shared anonymous page lives as long as some process maps it: remove it */
            madvise(slot, st->stride * sizeof *slot, MADV_REMOVE);
        }
        st->summed++;
    }
    return 0;
}

/* Take units until none is left (or one failed); each one's result goes to its slot. The
 * caller (@p caller) sums what is done after each of its units, so that slots are given back
 * as the work goes. */
static void take_units(sum_state *st, bool caller)
{
    const cni_par_plan *plan = st->plan;

    for (;;) {
        size_t u;
        int rc;
        if (atomic_load(&st->head->stop)
            || (u = atomic_fetch_add(&st->head->next, 1)) >= st->nunits) {
            return;
        }
        cni_par_unit unit = { u % plan->nparts, plan->nparts, u / plan->nparts, u, st->tally };
        rc = plan->fn(st->slots + u * st->stride, st->len, &unit, plan->ctx);
        if (rc < 0) {
            snprintf(st->msgs + u * UNIT_MSG, UNIT_MSG, "%s", cn_errmsg());
            atomic_store(&st->head->stop, 1);
        }
        atomic_store_explicit(&st->state[u], rc < 0 ? rc : rc == 1 ? UNIT_EMPTY : UNIT_DONE,
                              memory_order_release);
        if (caller && sum_done(st) < 0) {
            atomic_store(&st->head->stop, 1);
        }
    }
}

/* Fork @p n workers that take units; pids[w] < 0 for those fork failed to start. Each holds
 * the write end @p done of the caller's pipe, closed when it leaves. In a held job the last
 * one waits for the gate (the processor it would use is the job's caller's until then), or
 * leaves when the caller closes @p quit[1]. */
static void start_takers(sum_state *st, pid_t *pids, size_t n, const int quit[2], pid_t self)
{
    for (size_t w = 0; w < n; w++) {
        pids[w] = fork();
        if (pids[w] == 0) {
            die_with(self);
            close(quit[1]);
            if (w + 1 < n || wait_gate(quit[0])) {
                take_units(st, false);
            }
            if (st->plan->release) {
                st->plan->release(st->plan->ctx);
            }
            for (size_t p = 1; p < st->plan->nparts; p++) {
                free(st->parts[p - 1]);
            }
            free((void *)st->parts);
            free(pids);
            free(st->tally); /* the shared pages go with the process */
            _exit(0);
        }
    }
}

/* Every unit computed here, in order, each added straight to its part: the sums of a run with
 * workers, to the bit (0 + x is x). */
static int sum_alone(sum_state *st)
{
    const cni_par_plan *plan = st->plan;
    int rc = 0;

    for (size_t u = 0; u < st->nunits && rc == 0; u++) {
        size_t p = u % plan->nparts;
        cni_par_unit unit = { p, plan->nparts, u / plan->nparts, u, st->tally };
        rc = plan->fn(p ? st->parts[p - 1] : st->out, st->len, &unit, plan->ctx);
        rc = rc < 0 ? rc : 0;
    }
    return rc;
}

/* Map what the processes of @p st share; false (nothing mapped) when it cannot be mapped or
 * its size overflows: the caller then computes alone. */
static bool map_shared(sum_state *st)
{
    size_t per_unit = sizeof(atomic_int) + UNIT_MSG, slot_bytes;
    void *m;

    if (__builtin_mul_overflow(st->nunits, per_unit, &st->shared_size)
        || __builtin_add_overflow(st->shared_size, sizeof(sum_head), &st->shared_size)
        || __builtin_mul_overflow(st->stride, sizeof(double), &slot_bytes)
        || __builtin_mul_overflow(st->nunits, slot_bytes, &st->slots_size)) {
        return false;
    }
    m = mmap(NULL, st->shared_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        return false;
    }
    /* pages are reserved only as results arrive, and given back as they are summed */
    st->slots = mmap(NULL, st->slots_size, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (st->slots == MAP_FAILED) {
        st->slots = NULL;
        munmap(m, st->shared_size);
        return false;
    }
    st->head = m; /* zero-filled: unit 0 next, nothing stopped, every unit pending */
    st->state = (atomic_int *)(st->head + 1);
    st->msgs = (char *)(st->state + st->nunits);
    return true;
}

/* With workers: the caller takes units too, then sums theirs as they come. */
static int sum_with_workers(sum_state *st, pid_t *pids, const int done[2], const int quit[2])
{
    size_t nworkers = st->plan->nparts - 1;
    int rc = 0;

    start_takers(st, pids, nworkers, quit, getpid());
    close(done[1]);
    take_units(st, true);
    close(quit[1]); /* nothing left to take: a worker still at the gate is not needed */
    if (st->plan->release) {
        st->plan->release(st->plan->ctx);
    }
    /* sum what is done, waiting for the workers' units, until every unit is summed, one
     * failed, or every worker has left */
    for (bool gone = false; rc == 0 && st->summed < st->nunits;) {
        struct pollfd pfd = { .fd = done[0], .events = POLLIN };
        rc = sum_done(st);
        tell(st->tally);
        if (rc != 0 || st->summed == st->nunits) {
            break;
        }
        if (gone) {
            rc = cni_fail(CN_ERROR, "a worker process failed");
            break;
        }
        /* POLLHUP once the last worker has left: then sum once more, and what is left undone
         * was a dead worker's */
        if (poll(&pfd, 1, 100) > 0) {
            gone = true;
        }
    }
    /* every worker leaves by itself: after its unit, once units are gone or one failed */
    for (size_t w = 0; w < nworkers; w++) {
        while (pids[w] > 0 && waitpid(pids[w], NULL, 0) < 0 && errno == EINTR) {
        }
    }
    close(done[0]);
    close(quit[0]);
    return rc;
}

int cni_par_sum(double *out, size_t len, const cni_par_plan *plan)
{
    size_t nparts = plan->nparts;
    size_t page = (size_t)sysconf(_SC_PAGESIZE) / sizeof(double);
    double **parts = cni_calloc_array(nparts, sizeof *parts);
    pid_t *pids = cni_calloc_array(nparts, sizeof *pids);
    sum_state st = { .plan = plan, .len = len, .stride = (len + page - 1) / page * page,
                     .out = out, .parts = parts };
    /* close-on-exec: a worker's write end inherited by another thread's fork and exec would
     * keep a pipe open, and the wait for its end would last for ever after a worker died */
    int done[2] = { -1, -1 }, quit[2] = { -1, -1 };
    int rc = 0;

    memset(out, 0, len * sizeof *out);
    if (__builtin_mul_overflow(nparts, plan->nslices, &st.nunits)) {
        rc = cni_fail(CN_EINVAL, "too many units");
    }
    for (size_t p = 1; parts && p < nparts; p++) {
        if (!(parts[p - 1] = cni_calloc_array(len ? len : 1, sizeof **parts))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        }
    }
    if (!parts || !pids) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    st.tally = rc == 0 ? tally_create(plan->progress, st.nunits, getpid()) : NULL;
    if (rc == 0 && nparts > 1 && st.nunits > 0 && map_shared(&st)) {
        if (pipe2(done, O_CLOEXEC) == 0 && pipe2(quit, O_CLOEXEC) == 0) {
            rc = sum_with_workers(&st, pids, done, quit);
        } else {
            for (int k = 0; k < 2; k++) {
                if (done[k] >= 0) {
                    close(done[k]);
                }
            }
            done[0] = -1;
        }
    }
    if (rc == 0 && done[0] < 0) {
        /* no worker: one process, no fork (nparts 1, or what workers need is lacking) */
        rc = sum_alone(&st);
        if (plan->release) {
            plan->release(plan->ctx);
        }
    }
    for (size_t p = 1; rc == 0 && p < nparts; p++) {
        for (size_t i = 0; i < len; i++) {
            out[i] += parts[p - 1][i];
        }
    }
    if (rc == 0 && st.tally && st.tally->last < 1.0) {
        /* every unit is done, whatever its counts said */
        st.tally->last = 1.0;
        plan->progress->fn(1.0, plan->progress->ctx);
    }
    if (st.slots) {
        munmap(st.slots, st.slots_size);
        munmap(st.head, st.shared_size);
    }
    tally_destroy(st.tally);
    for (size_t p = 1; parts && p < nparts; p++) {
        free(parts[p - 1]);
    }
    free(parts);
    free(pids);
    return rc;
}

/* ---- one job in a worker ---- */

struct cni_par_job {
    pid_t pid;
    int fd;   /* the anonymous file the worker writes: a job_head, the message, the result */
    int gate[2]; /* a held job's gate, a pipe; -1: open. This process keeps the read end too: a
                    byte written after the worker has left raises no SIGPIPE */
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

static void close_gate(cni_par_job *j)
{
    for (int k = 0; k < 2; k++) {
        if (j->gate[k] >= 0) {
            close(j->gate[k]);
            j->gate[k] = -1;
        }
    }
}

int cni_par_start(cni_par_job **job, cni_job_fn *fn, void *ctx, bool held)
{
    pid_t self = getpid();
    int gates[2] = { -1, -1 };
    cni_par_job *j;

    *job = NULL;
    if (!(j = calloc(1, sizeof *j))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    /* close-on-exec, as the pipes above; no gate, no hold: the job's workers start at once */
    if (held && pipe2(gates, O_CLOEXEC) != 0) {
        gates[0] = gates[1] = -1;
    }
    j->gate[0] = gates[0];
    j->gate[1] = gates[1];
    if ((j->fd = memfd_create("collabnet-job", MFD_CLOEXEC)) < 0) {
        j->pid = -1;
    } else {
        j->pid = fork();
    }
    if (j->pid == 0) {
        int fd = j->fd;
        free(j); /* the caller's handle, not the worker's */
        die_with(self);
        if (gates[1] >= 0) {
            close(gates[1]);
        }
        gate = gates[0];
        run_job(fd, fn, ctx);
    }
    if (j->pid < 0) {
        if (j->fd >= 0) {
            close(j->fd);
        }
        close_gate(j);
        free(j);
        return 0;
    }
    *job = j;
    return 0;
}

void cni_par_release(cni_par_job *j)
{
    if (j && j->gate[1] >= 0) {
        /* readable from now on, for every worker polling it: nobody reads the byte */
        (void)write_all(j->gate[1], "", 1, -1);
        close_gate(j);
    }
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
    close_gate(j);
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
    close_gate(j);
    free(j);
}
