/* The centrality results as tables (results.h). */
#include "results.h"
