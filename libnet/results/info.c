/* The info results as tables (results.h). */
#include "results.h"
