/* cni_par_sum() and held jobs (analysis/parallel.h): the sums' order, and so their bits, come
 * from the parts and slices alone, whichever process takes which slice; failures and dead
 * workers fail the sum; a held job computes alone until released. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/parallel.h"
#include "util/util.h"
#include "helpers.h"

#define LEN 64

/* A value whose sums depend on their order: magnitudes from 1e-8 to 1e8, so that adding them
 * in another order changes the last bits. */
static double value(size_t unit, size_t i)
{
    return pow(10.0, (double)((unit * 7 + i * 3) % 17) - 8.0) * (1.0 + (double)unit / 3.0);
}

typedef struct toy {
    pid_t caller;
    int die_at;         /* a worker taking this unit dies (-1: none) */
    int fail_at;        /* this unit fails (-1: none) */
    bool fail_workers;  /* every unit a worker takes fails */
    unsigned sleep_us;  /* each unit takes about this long, longer in odd units */
    size_t empty_slice; /* slices from this one on are empty */
} toy;

static int toy_unit(double *out, size_t len, const cni_par_unit *u, void *ctx)
{
    const toy *t = ctx;

    if (u->slice >= t->empty_slice) {
        return 1;
    }
    if ((int)u->index == t->fail_at) {
        return cni_fail(CN_EINVAL, "unit %zu failed", u->index);
    }
    if (t->fail_workers && getpid() != t->caller) {
        usleep(t->sleep_us);
        return cni_fail(CN_ENOMEM, "unit %zu failed in a worker", u->index);
    }
    if ((int)u->index == t->die_at && getpid() != t->caller) {
        raise(SIGKILL);
    }
    /* uneven: units finish out of order */
    usleep(t->sleep_us * (u->index % 3 == 1 ? 3 : 1));
    for (size_t i = 0; i < len; i++) {
        out[i] += value(u->index, i);
    }
    cni_par_done(u, 1);
    return 0;
}

/* The sum as parallel.h defines it: each part from 0, its slices in order, then the parts in
 * order. */
static void expected(double *want, size_t nparts, size_t nslices, size_t empty_slice)
{
    double part[LEN];

    memset(want, 0, LEN * sizeof *want);
    for (size_t p = 0; p < nparts; p++) {
        memset(part, 0, sizeof part);
        for (size_t j = 0; j < nslices && j < empty_slice; j++) {
            for (size_t i = 0; i < LEN; i++) {
                part[i] += value(j * nparts + p, i);
            }
        }
        for (size_t i = 0; i < LEN; i++) {
            want[i] += part[i];
        }
    }
}

static void progress_seen(double f, void *ctx)
{
    double *last = ctx;

    cr_assert(ge(dbl, f, *last), "progress went back from %g to %g", *last, f);
    *last = f;
}

Test(parallel, slices_are_summed_in_order_whoever_takes_them)
{
    static const size_t shapes[][3] = { { 1, 1, 9 }, { 1, 6, 9 }, { 2, 1, 9 },
                                        { 2, 7, 9 }, { 3, 5, 9 }, { 2, 8, 5 } };

    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        size_t nparts = shapes[s][0], nslices = shapes[s][1], empty = shapes[s][2];
        toy t = { getpid(), -1, -1, false, 2000, empty };
        double last = -1.0, got[LEN], want[LEN], mixed[LEN];
        size_t units = 0;
        for (size_t u = 0; u < nparts * nslices; u++) {
            units += u / nparts < empty;
        }
        cni_par_progress progress = { units, progress_seen, &last };
        cni_par_plan plan = { nparts, nslices, toy_unit, NULL, &t, &progress };
        cr_assert(eq(int, cni_par_sum(got, LEN, &plan), 0), "%s", cn_errmsg());
        expected(want, nparts, nslices, empty);
        cr_assert(eq(int, memcmp(got, want, sizeof got), 0),
                  "%zu parts of %zu slices: not the sums in order (%.17g, %.17g)", nparts,
                  nslices, got[0], want[0]);
        cr_assert(eq(dbl, last, 1.0));
        /* the order matters: summed in another order, the bits differ */
        memset(mixed, 0, sizeof mixed);
        for (size_t u = nparts * nslices; u-- > 0;) {
            for (size_t i = 0; u / nparts < empty && i < LEN; i++) {
                mixed[i] += value(u, i);
            }
        }
        if (nparts * nslices > 2) {
            cr_assert(ne(int, memcmp(mixed, want, sizeof mixed), 0));
        }
    }
}

Test(parallel, a_failed_unit_fails_the_sum)
{
    toy t = { getpid(), -1, 4, false, 1000, SIZE_MAX };
    cni_par_plan plan = { 2, 6, toy_unit, NULL, &t, NULL };
    double got[LEN];

    cni_fail(CN_ERROR, "an earlier message");
    cr_assert(eq(int, cni_par_sum(got, LEN, &plan), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "unit 4 failed"));
    plan.nparts = 1;
    cni_fail(CN_ERROR, "an earlier message");
    cr_assert(eq(int, cni_par_sum(got, LEN, &plan), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "unit 4 failed"));
    /* a worker's failure comes back with its status and its message (12 units of 20 ms: the
     * worker takes some) */
    toy w = { getpid(), -1, -1, true, 20000, SIZE_MAX };
    plan.ctx = &w;
    plan.nparts = 2;
    cni_fail(CN_ERROR, "an earlier message");
    cr_assert(eq(int, cni_par_sum(got, LEN, &plan), CN_ENOMEM));
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "failed in a worker"), NULL)), "%s", cn_errmsg());
}

Test(parallel, a_dead_worker_fails_the_sum)
{
    /* every unit but the caller's first could be the worker's: it dies on the first it takes */
    for (int at = 1; at < 4; at++) {
        toy t = { getpid(), at, -1, false, 20000, SIZE_MAX };
        cni_par_plan plan = { 2, 4, toy_unit, NULL, &t, NULL };
        double got[LEN];
        int rc = cni_par_sum(got, LEN, &plan);
        /* the caller may have taken unit `at` itself: then the sum is whole */
        if (rc == 0) {
            double want[LEN];
            expected(want, 2, 4, SIZE_MAX);
            cr_assert(eq(int, memcmp(got, want, sizeof got), 0));
        } else {
            cr_assert(eq(int, rc, CN_ERROR), "%s", cn_errmsg());
            cr_assert(eq(str, (char *)cn_errmsg(), "a worker process failed"));
        }
    }
}

/* A job that sums *ctx parts (2 or 3) of 8 slices (16 or 24 units) and reports, after the
 * sums, how many units its own process took. */
typedef struct counted {
    pid_t owner;
} counted;

static int count_unit(double *out, size_t len, const cni_par_unit *u, void *ctx)
{
    const counted *c = ctx;

    (void)len;
    usleep(30000);
    out[0] += 1;
    out[1] += getpid() == c->owner;
    (void)u;
    return 0;
}

static int counting_job(cni_buf *out, void *ctx)
{
    counted c = { getpid() };
    cni_par_plan plan = { *(const size_t *)ctx, 8, count_unit, NULL, &c, NULL };
    double sums[2];
    int rc = cni_par_sum(sums, 2, &plan);

    cni_buf_printf(out, "%g %g", sums[0], sums[1]);
    return rc;
}

static void run_counting(size_t nparts, bool held, bool release, double *units, double *own)
{
    cni_par_job *job;
    cni_buf res;

    cni_buf_init(&res);
    cr_assert(eq(int, cni_par_start(&job, counting_job, &nparts, held), 0));
    cr_assert(not(eq(ptr, job, NULL)), "no worker started");
    if (release) {
        cni_par_release(job);
    }
    cr_assert(eq(int, cni_par_join(job, &res), 0), "%s", cn_errmsg());
    cni_buf_add(&res, "", 1);
    cr_assert(eq(int, sscanf(res.s, "%lf %lf", units, own), 2), "%s", res.s);
    cni_buf_fini(&res);
}

Test(parallel, a_held_job_computes_alone_until_released)
{
    double units, own;

    /* never released: the job's own process takes every unit, and the call still ends */
    run_counting(2, true, false, &units, &own);
    cr_assert(eq(dbl, units, 16.0));
    cr_assert(eq(dbl, own, 16.0));
    /* released at once, or not held: its worker takes a share (16 units of 30 ms) */
    run_counting(2, true, true, &units, &own);
    cr_assert(eq(dbl, units, 16.0));
    cr_assert(lt(dbl, own, 16.0), "the worker took no unit after the release");
    run_counting(2, false, false, &units, &own);
    cr_assert(eq(dbl, units, 16.0));
    cr_assert(lt(dbl, own, 16.0), "the worker of a job not held took no unit");
    /* with three processes only the last worker waits: the first takes a share unreleased */
    run_counting(3, true, false, &units, &own);
    cr_assert(eq(dbl, units, 24.0));
    cr_assert(lt(dbl, own, 24.0), "the first of two workers waited too");
}
