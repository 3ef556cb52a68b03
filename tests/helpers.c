#define _XOPEN_SOURCE 700 /* nftw */
#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <criterion/new/assert.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "helpers.h"

/* The run's directory travels in the environment: Criterion runs each test in a new process
 * image (BoxFort re-executes the binary), which inherits the environment but no variables. */
#define TMP_VAR "CN_TEST_TMP"

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
    const char *base = getenv("TMPDIR");
    char dir[512];

    (void)set;
    snprintf(dir, sizeof dir, "%s/cn-XXXXXX", base && base[0] ? base : "/tmp");
    if (mkdtemp(dir)) {
        setenv(TMP_VAR, dir, 1);
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
    const char *dir = getenv(TMP_VAR);

    (void)stats;
    if (dir) {
        /* depth first, without following symbolic links out of the directory */
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
}

const char *th_tmp(void)
{
    const char *dir = getenv(TMP_VAR);

    cr_assert_not_null(dir, "no temporary directory for this run");
    return dir;
}

char *th_tmpl(char *buf, size_t size, const char *name)
{
    cr_assert(lt(int, snprintf(buf, size, "%s/%s-XXXXXX", th_tmp(), name), (int)size),
              "a temporary path does not fit in %zu bytes", size);
    return buf;
}

int th_load(const char *name, cn_graph **g, cn_diag_list **diags)
{
    char dir[512];

    snprintf(dir, sizeof dir, "data/%s", name);
    if (cn_diag_list_create(diags, 0) < 0) {
        return CN_ENOMEM;
    }
    return cn_load_dataset(g, dir, NULL, *diags);
}

const char *th_diag(const cn_diag_list *diags, size_t i)
{
    static char buf[2048];
    const cn_diag *d = cn_diag_list_at(diags, i);

    if (!d) {
        return "";
    }
    snprintf(buf, sizeof buf, "%s:%zu: %s", d->file, d->line, d->message);
    return buf;
}

char *th_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (!fp) {
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0
        && (buf = malloc((size_t)size + 1))) {
        *len = fread(buf, 1, (size_t)size, fp);
        buf[*len] = '\0';
    }
    fclose(fp);
    return buf;
}

int th_sh(const char *fmt, ...)
{
    va_list ap;
    char *cmd = NULL;
    int len, st = -1;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len >= 0 && (cmd = malloc((size_t)len + 1))) {
        va_start(ap, fmt);
        vsnprintf(cmd, (size_t)len + 1, fmt, ap);
        va_end(ap);
        st = system(cmd);
        free(cmd);
    }
    return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

const cn_rule_result *th_coverage_result(const cn_coverage *c, const cn_graph *g, size_t line,
                                         const char *subject)
{
    for (size_t k = 0; k < cn_coverage_result_count(c); k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        const char *s = r->network != CN_NONE ? cn_graph_node_id(g, r->network)
                        : r->region           ? r->region
                                              : r->field;
        if (r->line == line && strcmp(s, subject) == 0) {
            return r;
        }
    }
    return NULL;
}

/* Generated S with its regions rewritten to 400 city names (and a coarser column: city k is
 * in province k mod 13), in @p dir (made under th_tmp()). */
void th_cities(char *dir, size_t size)
{
    char cmd[1024];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, size, "cn-cities")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    snprintf(cmd, sizeof cmd,
             "awk -F, -v OFS=, 'NR == 1 { $7 = \"province\" } NR > 1 && $4 != \"\" { k = (NR - 2) "
             "%% 400; $4 = sprintf(\"City %%03d\", k); $7 = sprintf(\"Province %%d\", k %% 13) } "
             "NR > 1 && $4 == \"\" { $7 = \"\" } 1' %s/nodes.csv > %s/n && mv %s/n %s/nodes.csv",
             dir, dir, dir, dir);
    cr_assert(eq(int, system(cmd), 0));
}
