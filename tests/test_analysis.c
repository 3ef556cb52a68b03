/* Analyses on the model, and the igraph guard that keeps igraph from aborting the process. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <string.h>

#include "analysis/ig.h"
#include "helpers.h"

static cn_graph *g;
static cn_diag_list *diags;

static void setup(void)
{
    cr_assert(eq(int, th_load("analysis_small", &g, &diags), 0), "%s", th_diag(diags, 0));
}

static void teardown(void)
{
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
}

/* By hand: collaboration ties u1-x1 and u2-e1; memberships u1,e1,n2 -> n1 and u2 -> n2. */
Test(analysis_components, collaboration_view, .init = setup, .fini = teardown)
{
    cn_components c;
    size_t memb[7];

    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_COLLABORATION, memb), 0));
    /* actors only: {u1,x1} {u2,e1} {x2}; the networks n1, n2 are not vertices */
    cr_assert(eq(sz, c.count, 3));
    cr_assert(eq(sz, c.largest, 2));
    cr_assert(eq(sz, c.isolated, 1));
    cr_assert(eq(sz, memb[0], memb[3])); /* u1 with x1 */
    cr_assert(eq(sz, memb[1], memb[2])); /* u2 with e1 */
    cr_assert(ne(sz, memb[0], memb[1]));
    cr_assert(eq(sz, memb[5], CN_NONE));
    cr_assert(eq(sz, memb[6], CN_NONE));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

Test(analysis_components, membership_and_combined_views, .init = setup, .fini = teardown)
{
    cn_components c;

    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_MEMBERSHIP, NULL), 0));
    /* {u1,e1,n1,n2,u2} {x1} {x2} */
    cr_assert(eq(sz, c.count, 3));
    cr_assert(eq(sz, c.largest, 5));
    cr_assert(eq(sz, c.isolated, 2));
    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_COMBINED, NULL), 0));
    /* {u1,e1,n1,n2,u2,x1} {x2} */
    cr_assert(eq(sz, c.count, 2));
    cr_assert(eq(sz, c.largest, 6));
    cr_assert(eq(sz, c.isolated, 1));
}

Test(analysis_components, invalid_view_is_rejected, .init = setup, .fini = teardown)
{
    cn_components c;

    cr_assert(eq(int, cn_graph_components(&c, g, (cn_view)7, NULL), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_view_name(CN_VIEW_COMEMBERSHIP), "comembership"));
    cr_assert_null(cn_view_name((cn_view)7));
    cr_assert(eq(str, (char *)cn_view_name(CN_VIEW_COMBINED), "combined"));
}

/* An odd-length edge vector makes igraph_create fail: with igraph's default handler the process
 * would abort; ours returns CN_EGRAPH with igraph's reason. */
Test(analysis_igraph, errors_return_instead_of_aborting)
{
    igraph_error_handler_t *before = igraph_set_error_handler(igraph_error_handler_abort);
    int rc;

    rc = cni_ig_provoke_error();
    cr_assert(eq(int, rc, CN_EGRAPH));
    cr_assert(ne(ptr, strstr(cn_errmsg(), "igraph: "), NULL), "message: %s", cn_errmsg());
    cr_assert(ne(ptr, strstr(cn_errmsg(), "odd"), NULL), "message: %s", cn_errmsg());
    cr_log_info("igraph said: %s", cn_errmsg());
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
    /* the caller's handler is back in place */
    cr_assert(eq(ptr, (void *)igraph_set_error_handler(before), (void *)igraph_error_handler_abort));
}

Test(analysis_igraph, strong_components_find_cycles)
{
    /* 0 -> 1 -> 2 -> 0 is one component; 3 -> 0 leaves 3 alone */
    uint32_t comp[4], from[] = { 0, 1, 2, 3 }, to[] = { 1, 2, 0, 0 };
    size_t ncomp = 0;

    cr_assert(eq(int, cni_ig_strong_components(comp, &ncomp, 4, from, to, 4), 0));
    cr_assert(eq(sz, ncomp, 2));
    cr_assert(eq(u32, comp[0], comp[1]));
    cr_assert(eq(u32, comp[1], comp[2]));
    cr_assert(ne(u32, comp[3], comp[0]));
}
