/* Test helpers shared by the suites. Tests run in tests/ (meson workdir). */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <collabnet/collabnet.h>

/* Load tests/data/<name> and return the status; *g and *diags are set (caller frees). */
int th_load(const char *name, cn_graph **g, cn_diag_list **diags);
/* The i-th diagnostic as "FILE:LINE: message" (static buffer), or "" if none. */
const char *th_diag(const cn_diag_list *diags, size_t i);
/* Run a command built from a printf format with /bin/sh (the binary under test is $COLLABNET,
 * set by meson); return its exit status, or -1 when it did not exit (a signal). */
int th_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* This run's temporary directory: made under $TMPDIR (else /tmp) before the first test, removed
 * with everything in it after the last one (so a failed test leaves nothing behind). */
const char *th_tmp(void);
/* "<th_tmp()>/<name>-XXXXXX" in @p buf, a template for mkstemp() or mkdtemp(); returns @p buf. */
char *th_tmpl(char *buf, size_t size, const char *name);
/* The coverage result of rule line @p line on @p subject (a network's id, a region or a
 * field), or NULL. */
const cn_rule_result *th_coverage_result(const cn_coverage *c, const cn_graph *g, size_t line,
                                         const char *subject);
/* Generated S with its regions rewritten to 400 city names (and a coarser column "province":
 * city k is in province k mod 13), in @p dir (made under th_tmp()). */
void th_cities(char *dir, size_t size);
/* Read a whole file into a malloc'd buffer (NUL-terminated); *len gets its size. */
char *th_slurp(const char *path, size_t *len);

#endif
