/* The dataset loader: everything the contract accepts, and every violation with its exact
 * FILE:LINE: message. Fixtures live in tests/data/<case>/. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <string.h>

#include "helpers.h"

static cn_graph *g;
static cn_diag_list *diags;

static void fini(void)
{
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
    g = NULL;
    diags = NULL;
}

/* Load a fixture that must fail with exactly these diagnostics, in this order. */
static void expect_bad(const char *name, const char *const *expected)
{
    size_t n = 0;
    int rc = th_load(name, &g, &diags);

    cr_assert(eq(int, rc, CN_EDATA));
    cr_assert_null(g);
    for (; expected[n]; n++) {
        cr_expect(eq(str, (char *)th_diag(diags, n), (char *)expected[n]));
    }
    cr_assert(eq(sz, cn_diag_list_total(diags), n), "got %zu diagnostics, first: %s",
              cn_diag_list_total(diags), th_diag(diags, 0));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

Test(load_nodes, unknown_kind_is_reported, .fini = fini)
{
    expect_bad("unknown_kind",
               (const char *[]){ "data/unknown_kind/nodes.csv:3: unknown kind 'univ' (expected "
                                 "institution, enterprise, expert or network)",
                                 NULL });
}
