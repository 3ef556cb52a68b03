#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "helpers.h"

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
