/* The floor of sampled betweenness (issue 20): Brandes's algorithm, unweighted, single
 * threaded, over a CSR array: per source a breadth-first search counting shortest paths, then
 * the dependencies accumulated back in reverse order. Not part of collabnet; bench.py compiles
 * it with cc -O2 and runs it on the collaboration graph peer.py writes (STEP ties: uint32
 * vertex count, tie count, 256 sources, then each tie's two vertices).
 *
 *     floor_brandes TIES_FILE [SOURCES]
 * prints: ms per source (wall), ms per source (processor), the sources, sum of scores */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    uint32_t head[2], src[256];
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    int k = argc > 2 ? atoi(argv[2]) : 256;

    if (!f || fread(head, sizeof head[0], 2, f) != 2 || fread(src, sizeof src[0], 256, f) != 256
        || k < 1 || k > 256) {
        fprintf(stderr, "usage: floor_brandes TIES_FILE [SOURCES <= 256]\n");
        return 64;
    }
    uint32_t nv = head[0], m = head[1];
    uint32_t *pairs = malloc(2 * (size_t)m * sizeof *pairs);
    uint32_t *off = calloc((size_t)nv + 1, sizeof *off);
    uint32_t *adj = malloc(2 * (size_t)m * sizeof *adj);
    uint32_t *order = malloc((size_t)nv * sizeof *order);
    int32_t *dist = malloc((size_t)nv * sizeof *dist);
    double *sigma = malloc((size_t)nv * sizeof *sigma);
    double *delta = malloc((size_t)nv * sizeof *delta);
    double *bc = calloc(nv, sizeof *bc);

    if (!pairs || !off || !adj || !order || !dist || !sigma || !delta || !bc
        || fread(pairs, 2 * sizeof *pairs, m, f) != m) {
        fprintf(stderr, "floor_brandes: cannot read %s\n", argv[1]);
        return 65;
    }
    fclose(f);
    for (uint32_t e = 0; e < m; e++) {
        off[pairs[2 * e] + 1]++;
        off[pairs[2 * e + 1] + 1]++;
    }
    for (uint32_t v = 0; v < nv; v++) {
        off[v + 1] += off[v];
    }
    uint32_t *fill = malloc((size_t)nv * sizeof *fill);
    for (uint32_t v = 0; v < nv; v++) {
        fill[v] = off[v];
    }
    for (uint32_t e = 0; e < m; e++) {
        uint32_t a = pairs[2 * e], b = pairs[2 * e + 1];
        adj[fill[a]++] = b;
        adj[fill[b]++] = a;
    }
    free(fill);
    free(pairs);
    for (uint32_t v = 0; v < nv; v++) {
        dist[v] = -1;
    }

    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < k; i++) {
        uint32_t s = src[i], qh = 0, qt = 0;
        dist[s] = 0;
        sigma[s] = 1.0;
        order[qt++] = s;
        while (qh < qt) { /* BFS: the queue is the order of non-decreasing distance */
            uint32_t v = order[qh++];
            for (uint32_t j = off[v]; j < off[v + 1]; j++) {
                uint32_t w = adj[j];
                if (dist[w] < 0) {
                    dist[w] = dist[v] + 1;
                    sigma[w] = 0.0;
                    delta[w] = 0.0;
                    order[qt++] = w;
                }
                if (dist[w] == dist[v] + 1) {
                    sigma[w] += sigma[v];
                }
            }
        }
        delta[s] = 0.0;
        while (qt > 0) { /* back-propagation, farthest first */
            uint32_t w = order[--qt];
            for (uint32_t j = off[w]; j < off[w + 1]; j++) {
                uint32_t v = adj[j];
                if (dist[v] == dist[w] - 1) {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            if (w != s) {
                bc[w] += delta[w];
            }
            dist[w] = -1;
        }
    }
    double t = now(CLOCK_MONOTONIC) - t0, c = now(CLOCK_PROCESS_CPUTIME_ID) - c0, sum = 0.0;
    for (uint32_t v = 0; v < nv; v++) {
        sum += bc[v];
    }
    printf("%.3f ms per source (wall), %.3f (processor), %d sources, %u vertices, %u ties, "
           "sum %.17g\n", t * 1e3 / k, c * 1e3 / k, k, nv, m, sum);
    free(off);
    free(adj);
    free(order);
    free(dist);
    free(sigma);
    free(delta);
    free(bc);
    return 0;
}
