/* Outputs that never lose a file of the user's: see outfile.h for the rules. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

/* ---- temporary paths, registered for cni_output_cleanup() ---- */

typedef struct pending_path {
    struct pending_path *next;
    bool dir;
    volatile sig_atomic_t live; /* it exists, or may: cni_output_cleanup() removes only these */
    char path[];
} pending_path;

struct cni_pending {
    cni_pending *next;
    pid_t owner; /* the process that registered it: a forked worker leaves its parent's paths */
    pending_path *volatile paths; /* newest first: a directory's files before the directory */
};

/* Every unfinished output. Changed under the lock; a signal handler reads it without: a node is
 * complete before it is linked (a signal fence orders the stores), and unlinked before it is
 * freed. */
static cni_pending *volatile pending_list;
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

/* Register @p path; returns the registered copy or NULL when out of memory. A path inside our
 * temporary directory is @p live at once; a temporary name's XXXXXX are filled in the copy, and
 * pending_live() marks it once it is ours (before, it may name another process's file). */
static char *pending_add(cni_pending **grp, const char *path, bool dir, bool live)
{
    size_t n = strlen(path) + 1;
    pending_path *p = malloc(sizeof *p + n);

    if (!p) {
        return NULL;
    }
    p->dir = dir;
    p->live = live;
    memcpy(p->path, path, n);
    if (!*grp) {
        cni_pending *g = calloc(1, sizeof *g);
        if (!g) {
            free(p);
            return NULL;
        }
        g->owner = getpid();
        pthread_mutex_lock(&pending_lock);
        g->next = pending_list;
        atomic_signal_fence(memory_order_release);
        pending_list = g;
        pthread_mutex_unlock(&pending_lock);
        *grp = g;
    }
    p->next = (*grp)->paths;
    atomic_signal_fence(memory_order_release);
    (*grp)->paths = p;
    return p->path;
}

/* The path registered last in @p g was created by us. */
static void pending_live(cni_pending *g)
{
    atomic_signal_fence(memory_order_release);
    g->paths->live = 1;
}

static void pending_drop(cni_pending **grp)
{
    cni_pending *g = *grp;
    pending_path *p;

    if (!g) {
        return;
    }
    pthread_mutex_lock(&pending_lock);
    for (cni_pending *volatile *at = &pending_list; *at; at = &(*at)->next) {
        if (*at == g) {
            *at = g->next;
            break;
        }
    }
    pthread_mutex_unlock(&pending_lock);
    p = g->paths;
    while (p) {
        pending_path *next = p->next;
        free(p);
        p = next;
    }
    free(g);
    *grp = NULL;
}

void cni_output_cleanup(void)
{
    pid_t self = getpid();

    for (cni_pending *g = pending_list; g; g = g->next) {
        for (pending_path *p = g->paths; p && g->owner == self; p = p->next) {
            if (!p->live) {
                continue;
            }
            if (p->dir) {
                rmdir(p->path);
            } else {
                unlink(p->path);
            }
        }
    }
}

/* Fill the trailing XXXXXX of @p tmpl and create it: a file opened for writing (@p mode, the
 * kernel applies the umask, so nobody reads the process-wide umask) or a directory (0777).
 * Returns the descriptor (0 for a directory) or -1 with errno set. */
static int make_temp(char *tmpl, bool dir, mode_t mode)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static volatile unsigned counter;
    char *x = tmpl + strlen(tmpl) - 6;
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    for (int attempt = 0; attempt < 100; attempt++) {
        uint64_t v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 40)
                     ^ ((uint64_t)++counter * 0x9E3779B97F4A7C15u);
        int fd;
        for (int k = 0; k < 6; k++) {
            x[k] = digits[v % 62];
            v /= 62;
        }
        fd = dir ? mkdir(tmpl, 0777) : open(tmpl, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    return -1;
}

static char *join(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = malloc(la + lb + lc + 1);

    if (s) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb);
        memcpy(s + la + lb, c, lc + 1);
    }
    return s;
}

/* ---- files ---- */

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

/* Whether the chain of symbolic links from @p path passes through a /proc "magic" link
 * (/proc/self/fd/N, reached from /dev/stdout, /dev/fd/N, ...): such a link names an open file,
 * whose path realpath() gives, but writing beside that file and renaming over it would destroy
 * what the shell meant (`>> log`, `( echo a; collabnet ... -o /dev/stdout ) > f`). Returns the
 * descriptor N when it is one of this process's and @p target (stat of @p path) is its file,
 * -1 for another magic link, -2 when there is none. */
static int magic_fd(const char *path, const struct stat *target)
{
    char buf[4096], *cur = cni_strdup(path);
    int found = -2;

    for (int hop = 0; cur && hop < 40 && found == -2; hop++) {
        struct stat st;
        struct statfs fs;
        char *slash = strrchr(cur, '/'), *dir, *next;
        ssize_t n;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
            break;
        }
        dir = slash ? cni_strndup(cur, slash == cur ? 1 : (size_t)(slash - cur)) : cni_strdup(".");
        if (!dir) {
            break;
        }
        if (statfs(dir, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC) {
            char *end;
            long fd = strtol(slash ? slash + 1 : cur, &end, 10);
            struct stat fst;
            found = -1;
            if (end != (slash ? slash + 1 : cur) && !*end && fd >= 0 && fd < INT32_MAX
                && fstat((int)fd, &fst) == 0 && fst.st_dev == target->st_dev
                && fst.st_ino == target->st_ino) {
                found = (int)fd;
            }
        } else if ((n = readlink(cur, buf, sizeof buf - 1)) > 0) {
            buf[n] = '\0';
            next = buf[0] == '/' ? cni_strdup(buf) : join(dir, "/", buf);
            free(cur);
            cur = next;
        } else {
            free(dir);
            break;
        }
        free(dir);
    }
    free(cur);
    return found;
}

int cni_outfile_open(cni_outfile *o, const char *path)
{
    struct stat st;
    bool existing = false;
    char *reg;
    int rc = 0;

    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (!path || !*path) {
        return cni_fail(CN_EINVAL, "no output file");
    }
    if (lstat(path, &st) == 0) {
        mode_t lst_mode = st.st_mode;
        existing = true;
        if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
            return errno == ENOENT
                       ? cni_fail(CN_ECREATE, "'%s' is a symbolic link to a missing file: not "
                                  "writing through it", path)
                       : cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
        }
        if (S_ISDIR(st.st_mode)) {
            return cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(EISDIR));
        }
        int magic = S_ISLNK(lst_mode) ? magic_fd(path, &st) : -2;
        if (!S_ISREG(st.st_mode) || magic != -2) {
            /* a FIFO, a device, a terminal, /dev/stdout: written as it is, never replaced; our
             * own descriptor is written through, at its offset (`>>` appends, `( ... ) > f`
             * follows what came before) */
            o->fd = magic >= 0 ? fcntl(magic, F_DUPFD_CLOEXEC, 0)
                    : open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (magic == -1 ? O_APPEND : 0));
            if (o->fd < 0) {
                return cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
            }
            if (!(o->path = cni_strdup(path))) {
                close(o->fd);
                o->fd = -1;
                return cni_fail(CN_ENOMEM, "out of memory");
            }
            return 0;
        }
        /* a symbolic link's target is replaced, the link stays */
        if (!(o->path = realpath(path, NULL))) {
            rc = errno == ENOMEM ? cni_fail(CN_ENOMEM, "out of memory")
                                 : cni_fail(CN_ECREATE, "cannot create '%s': %s", path,
                                            strerror(errno));
            goto fail;
        }
    } else if (errno != ENOENT) {
        return cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
    } else if (!(o->path = cni_strdup(path))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if (!(o->tmp = join(o->path, ".tmp.XXXXXX", ""))
        || !(reg = pending_add(&o->pending, o->tmp, false, false))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto fail;
    }
    /* replacing a file: private until it has the file's owner and mode (a 0600 file's new
     * content is never readable by others) */
    o->fd = make_temp(reg, false, existing ? 0600 : 0666);
    strcpy(o->tmp, reg);
    if (o->fd >= 0) {
        pending_live(o->pending);
    }
    if (o->fd < 0) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
        goto fail;
    }
    if (existing) {
        /* the replacement looks like what it replaces: owner first, since chown clears the
         * setuid and setgid bits */
        if ((st.st_uid != geteuid() || st.st_gid != getegid())
            && fchown(o->fd, st.st_uid, st.st_gid) != 0) {
            /* not allowed (not root): the file becomes the writer's, as with any editor */
        }
        fchmod(o->fd, st.st_mode & 07777);
    }
    return 0;
fail:
    pending_drop(&o->pending);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    o->fd = -1;
    return rc;
}

int cni_outfile_write(cni_outfile *o, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t w = write(o->fd, p, len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return cni_fail(CN_EIO, "cannot write '%s': %s", o->path,
                            strerror(w < 0 ? errno : EIO));
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int cni_outfile_commit(cni_outfile *o)
{
    int rc = 0;

    if (o->fd >= 0 && close(o->fd) != 0) {
        rc = cni_fail(CN_EIO, "cannot write '%s': %s", o->path, strerror(errno));
    }
    o->fd = -1;
    if (rc == 0 && o->tmp && rename(o->tmp, o->path) != 0) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", o->path, strerror(errno));
    }
    if (rc == 0) {
        free(o->tmp); /* renamed: nothing for cni_outfile_abort() to remove */
        o->tmp = NULL;
    }
    cni_outfile_abort(o);
    return rc;
}

void cni_outfile_abort(cni_outfile *o)
{
    if (o->fd >= 0) {
        close(o->fd);
    }
    if (o->tmp) {
        unlink(o->tmp);
    }
    pending_drop(&o->pending);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    o->fd = -1;
}

/* ---- directories ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The manifest of @p dir (NUL-terminated, starting with '\n' so that each entry is found as
 * "\nNAME\n"), or NULL with *rc 0 when there is none. It must be a regular file. */
static char *read_manifest(const char *dir, int *rc)
{
    char *path = join(dir, "/", CNI_MANIFEST), *text = NULL;
    struct stat st;
    int fd = -1;
    ssize_t got;

    *rc = 0;
    if (!path) {
        *rc = cni_fail(CN_ENOMEM, "out of memory");
        return NULL;
    }
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno != ENOENT) {
        *rc = cni_fail(CN_ECREATE, "'%s' holds '%s', which collabnet did not write (%s): not "
                       "replacing it", dir, CNI_MANIFEST, strerror(errno));
    } else if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (1 << 20))) {
        *rc = cni_fail(CN_ECREATE, "'%s' holds '%s', which collabnet did not write: not "
                       "replacing it", dir, CNI_MANIFEST);
    } else if (fd >= 0 && !(text = malloc((size_t)st.st_size + 3))) {
        *rc = cni_fail(CN_ENOMEM, "out of memory");
    } else if (fd >= 0) {
        text[0] = '\n';
        got = read(fd, text + 1, (size_t)st.st_size);
        got = got < 0 ? 0 : got;
        text[got + 1] = '\0';
        if (got == 0 || text[got] != '\n') {
            strcat(text, "\n");
        }
    }
    if (fd >= 0) {
        close(fd);
    }
    free(path);
    return text;
}

static bool listed(const char *manifest, const char *name)
{
    size_t n = strlen(name);

    if (strchr(name, '\n')) {
        return false; /* would match across lines */
    }
    for (const char *p = strstr(manifest, name); p; p = strstr(p + 1, name)) {
        if (p > manifest && p[-1] == '\n' && p[n] == '\n') {
            return true;
        }
    }
    return false;
}

/* Every entry of @p path (the directory @p rel inside the output, "" at the top) is listed in
 * @p manifest (NULL: none may exist), except @p skip at the top. */
static int check_entries(const char *top, const char *path, const char *rel, const char *manifest,
                         const char *skip)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int rc = 0;

    if (!d) {
        return cni_fail(CN_ECREATE, "cannot read '%s': %s", path, strerror(errno));
    }
    while (rc == 0 && (e = readdir(d))) {
        struct stat st;
        char *name, *sub;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0
            || (!*rel && (strcmp(e->d_name, CNI_MANIFEST) == 0
                          || (skip && strcmp(e->d_name, skip) == 0)))) {
            continue;
        }
        if (!(sub = join(path, "/", e->d_name))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            break;
        }
        if (lstat(sub, &st) != 0) {
            rc = cni_fail(CN_ECREATE, "cannot read '%s': %s", sub, strerror(errno));
        } else if (!(name = join(rel, e->d_name, S_ISDIR(st.st_mode) ? "/" : ""))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        } else {
            if (!manifest || !listed(manifest, name)) {
                rc = cni_fail(CN_ECREATE, "'%s' holds '%s', which collabnet did not write: not "
                              "replacing it (give a new or empty directory)", top, name);
            } else if (S_ISDIR(st.st_mode)) {
                rc = check_entries(top, sub, name, manifest, NULL);
            }
            free(name);
        }
        free(sub);
    }
    closedir(d);
    return rc;
}

/* A missing DIR can be made only in an existing directory: said before any work is done. */
static int check_parent(const char *dir)
{
    char *parent = cni_strdup(dir), *slash;
    struct stat st;
    int rc = 0;

    if (!parent) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    slash = strrchr(parent, '/');
    while (slash && slash > parent && slash[1] == '\0') { /* trailing slashes */
        *slash = '\0';
        slash = strrchr(parent, '/');
    }
    if (slash) {
        slash[slash == parent] = '\0'; /* "/x" -> "/" */
        int e = stat(parent, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
        if (e) {
            rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", dir, strerror(e));
        }
    }
    free(parent);
    return rc;
}

static int check(const char *dir, const char *kind, const char *skip, int *exists)
{
    struct stat st;
    char *manifest;
    int rc;

    *exists = 0;
    if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode) && stat(dir, &st) != 0 && errno == ENOENT) {
        return cni_fail(CN_ECREATE, "'%s' is a symbolic link to a missing directory: not "
                        "creating it through the link", dir);
    }
    if (stat(dir, &st) != 0) {
        return errno == ENOENT ? check_parent(dir)
                               : cni_fail(CN_ECREATE, "cannot create '%s': %s", dir,
                                          strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        return cni_fail(CN_ECREATE, "'%s' exists and is not a directory", dir);
    }
    *exists = 1;
    manifest = read_manifest(dir, &rc);
    if (rc == 0 && manifest) {
        /* the first line: "# collabnet KIND: ..." */
        size_t n = strlen(kind);
        if (strncmp(manifest, "\n# collabnet ", 13) != 0 || strncmp(manifest + 13, kind, n) != 0
            || manifest[13 + n] != ':') {
            const char *k = strncmp(manifest, "\n# collabnet ", 13) == 0 ? manifest + 13 : NULL;
            rc = k ? cni_fail(CN_ECREATE, "'%s' holds a collabnet %.*s, not a %s: not replacing "
                              "it", dir, (int)strcspn(k, ":\n"), k, kind)
                   : cni_fail(CN_ECREATE, "'%s' holds '%s', which collabnet did not write: not "
                              "replacing it", dir, CNI_MANIFEST);
        }
    }
    if (rc == 0) {
        rc = check_entries(dir, dir, "", manifest, skip);
    }
    free(manifest);
    return rc;
}

int cni_outdir_check(const char *dir, const char *kind)
{
    int exists;

    if (!dir || !*dir || !kind) {
        return cni_fail(CN_EINVAL, "no output directory");
    }
    return check(dir, kind, NULL, &exists);
}

int cni_outdir_open(cni_outdir *d, const char *dir, const char *kind)
{
    char *reg;
    size_t n;
    int rc;

    memset(d, 0, sizeof *d);
    if (!dir || !*dir || !kind) {
        return cni_fail(CN_EINVAL, "no output directory");
    }
    n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') {
        n--;
    }
    d->kind = kind;
    if (!(d->dir = cni_strndup(dir, n))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = check(d->dir, kind, NULL, &d->exists)) != 0) {
        cni_outdir_abort(d);
        return rc;
    }
    d->tmp = join(d->dir, d->exists ? "/.collabnet-tmp." : ".tmp.", "XXXXXX");
    if (!d->tmp || !(reg = pending_add(&d->pending, d->tmp, true, false))) {
        free(d->tmp);
        d->tmp = NULL;
        cni_outdir_abort(d);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    rc = make_temp(reg, true, 0);
    strcpy(d->tmp, reg);
    if (rc == 0) {
        pending_live(d->pending);
    }
    if (rc != 0) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", d->dir, strerror(errno));
        free(d->tmp);
        d->tmp = NULL;
        cni_outdir_abort(d);
    }
    return rc;
}

static int record(cni_outdir *d, const char *name)
{
    char *copy = cni_strdup(name);

    if (!copy || cni_grow((void **)&d->names, &d->cap, d->n + 1, sizeof *d->names) != 0) {
        free(copy);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    d->names[d->n++] = copy;
    return 0;
}

void cni_outdir_move_names(cni_outdir *d, size_t at, size_t from)
{
    /* a rotation of names[at..n) by from - at, by three reversals */
    size_t spans[3][2] = { { at, from }, { from, d->n }, { at, d->n } };

    if (at >= from || from >= d->n) {
        return;
    }
    for (int k = 0; k < 3; k++) {
        for (size_t i = spans[k][0], j = spans[k][1]; i + 1 < j; i++, j--) {
            char *t = d->names[i];
            d->names[i] = d->names[j - 1];
            d->names[j - 1] = t;
        }
    }
}

int cni_outdir_mkdir(cni_outdir *d, const char *rel)
{
    char *path = join(d->tmp, "/", rel), *name = join(rel, "/", "");
    int rc = 0;

    if (!path || !name || !pending_add(&d->pending, path, true, true) || record(d, name) != 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    } else if (mkdir(path, 0777) != 0) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
    }
    free(name);
    free(path);
    return rc;
}

int cni_outdir_path(char **out, cni_outdir *d, const char *rel)
{
    *out = join(d->tmp, "/", rel);
    if (!*out || !pending_add(&d->pending, *out, false, true) || record(d, rel) != 0) {
        free(*out);
        *out = NULL;
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    return 0;
}

static int write_manifest(cni_outdir *d)
{
    char *path = join(d->tmp, "/", CNI_MANIFEST);
    FILE *fp = NULL;
    int rc = 0;

    if (!path || !pending_add(&d->pending, path, false, true)) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    } else if (!(fp = fopen(path, "w"))) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
    } else {
        fprintf(fp, "# collabnet %s: the files collabnet wrote here; a later run replaces them "
                    "only while the directory holds nothing else\n", d->kind);
        for (size_t k = 0; k < d->n; k++) {
            fprintf(fp, "%s\n", d->names[k]);
        }
        if (ferror(fp) | (fclose(fp) != 0)) {
            rc = cni_fail(CN_EIO, "cannot write '%s': %s", path, strerror(errno));
        }
    }
    free(path);
    return rc;
}

/* Whether the top-level entry @p name of an output directory is one @p manifest (NULL: any)
 * lists: the manifest itself, a file or a directory ("name/"). */
static bool listed_top(const char *manifest, const char *name, bool *nomem)
{
    char *dir;
    bool yes;

    if (!manifest || strcmp(name, CNI_MANIFEST) == 0 || listed(manifest, name)) {
        return true;
    }
    if (!(dir = join(name, "/", ""))) {
        *nomem = true;
        return false;
    }
    yes = listed(manifest, dir);
    free(dir);
    return yes;
}

/* Move the entries of @p from (all but @p skip1, @p skip2; with @p manifest, only those it
 * lists) into @p to; on failure move those moved back. 0, or -1 with errno set and *stuck set
 * when some could not be moved back (they are in @p to). */
static int move_entries(const char *from, const char *to, const char *skip1, const char *skip2,
                        const char *manifest, bool *stuck)
{
    DIR *dd = opendir(from);
    struct dirent *e;
    char **moved = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, err = 0;
    bool nomem = false;

    *stuck = false;
    if (!dd) {
        return -1;
    }
    while (rc == 0 && (e = readdir(dd))) {
        char *a, *b;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0
            || (skip1 && strcmp(e->d_name, skip1) == 0) || (skip2 && strcmp(e->d_name, skip2) == 0)
            || !listed_top(manifest, e->d_name, &nomem)) {
            if (nomem) {
                err = ENOMEM;
                rc = -1;
            }
            continue;
        }
        a = join(from, "/", e->d_name);
        b = join(to, "/", e->d_name);
        if (!a || !b || cni_grow((void **)&moved, &cap, n + 1, sizeof *moved) != 0) {
            err = ENOMEM;
            rc = -1;
        } else if (rename(a, b) != 0) {
            err = errno;
            rc = -1;
        } else if (!(moved[n] = cni_strdup(e->d_name))) {
            err = ENOMEM; /* not recorded: moved back now */
            rc = -1;
            *stuck |= rename(b, a) != 0;
        } else {
            n++;
        }
        free(a);
        free(b);
    }
    closedir(dd);
    for (size_t k = 0; k < n; k++) {
        if (rc != 0) {
            char *a = join(from, "/", moved[k]), *b = join(to, "/", moved[k]);
            *stuck |= !a || !b || rename(b, a) != 0;
            free(a);
            free(b);
        }
        free(moved[k]);
    }
    free(moved);
    errno = err;
    return rc;
}

/* Remove from @p path (the directory @p rel of an earlier output) what @p manifest lists,
 * leaving anything else (made there while the output was replaced). */
static void rm_listed(const char *path, const char *rel, const char *manifest)
{
    DIR *dd = opendir(path);
    struct dirent *e;

    if (!dd) {
        return;
    }
    while ((e = readdir(dd))) {
        struct stat st;
        char *sub, *name;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        sub = join(path, "/", e->d_name);
        if (sub && lstat(sub, &st) == 0
            && (name = join(rel, e->d_name, S_ISDIR(st.st_mode) ? "/" : ""))) {
            if (S_ISDIR(st.st_mode) && listed(manifest, name)) {
                rm_listed(sub, name, manifest);
                rmdir(sub);
            } else if (!S_ISDIR(st.st_mode)
                       && ((!*rel && strcmp(name, CNI_MANIFEST) == 0) || listed(manifest, name))) {
                unlink(sub);
            }
            free(name);
        }
        free(sub);
    }
    closedir(dd);
}

void (*cni_outdir_after_check)(const char *dir);

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int cni_outdir_commit(cni_outdir *d)
{
    sigset_t all, saved;
    char *old = NULL, *manifest = NULL;
    int rc = write_manifest(d), exists = 0;
    bool stuck = false, replaced = false;

    /* a signal between the moves would leave a mix of both */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &saved);
    if (rc == 0 && !d->exists) {
        if (rename(d->tmp, d->dir) != 0) {
            rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", d->dir, strerror(errno));
        } else {
            free(d->tmp);
            d->tmp = NULL;
        }
    } else if (rc == 0 && (rc = check(d->dir, d->kind, base_name(d->tmp), &exists)) == 0
               && (manifest = read_manifest(d->dir, &rc), rc == 0)) {
        /* only what the check accepted is moved aside and removed: an entry made since stays */
        if (cni_outdir_after_check) {
            cni_outdir_after_check(d->dir);
        }
        if (!(old = join(d->dir, "/.collabnet-old.", "XXXXXX"))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        } else if (make_temp(old, true, 0) != 0) {
            rc = cni_fail(CN_ECREATE, "cannot create a directory in '%s': %s", d->dir,
                          strerror(errno));
            free(old);
            old = NULL;
        } else if (move_entries(d->dir, old, base_name(d->tmp), base_name(old),
                                manifest ? manifest : "\n", &stuck) != 0) {
            rc = cni_fail(CN_ECREATE, "cannot move the earlier files of '%s' aside: %s%s%s%s",
                          d->dir, strerror(errno), stuck ? " (some are kept in '" : "",
                          stuck ? old : "", stuck ? "')" : "");
        } else if (move_entries(d->tmp, d->dir, NULL, NULL, NULL, &stuck) != 0) {
            int e = errno;
            bool lost = stuck;
            lost |= move_entries(old, d->dir, NULL, NULL, NULL, &stuck) != 0;
            rc = cni_fail(CN_ECREATE, "cannot move the new files into '%s': %s%s%s%s", d->dir,
                          strerror(e), lost ? " (the earlier files are kept in '" : "",
                          lost ? old : "", lost ? "')" : "");
        } else {
            replaced = true;
        }
    }
    if (old) {
        if (replaced) {
            rm_listed(old, "", manifest ? manifest : "\n");
        }
        if (rmdir(old) != 0 && replaced) {
            rc = cni_fail(CN_ECREATE, "'%s' was replaced, but what appeared in it meanwhile is "
                          "kept in '%s'", d->dir, old);
        }
        free(old);
    }
    free(manifest);
    cni_outdir_abort(d); /* removes what is left of the temporary directory */
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return rc;
}

void cni_outdir_abort(cni_outdir *d)
{
    if (d->tmp) {
        rm_tree(d->tmp);
    }
    pending_drop(&d->pending);
    for (size_t k = 0; k < d->n; k++) {
        free(d->names[k]);
    }
    free(d->names);
    free(d->tmp);
    free(d->dir);
    memset(d, 0, sizeof *d);
}
