/* The overlap results as tables (results.h). */
#include "results.h"
