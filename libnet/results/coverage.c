/* The coverage results as tables (results.h). */
#include "results.h"
