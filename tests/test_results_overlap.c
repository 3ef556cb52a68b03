/* The overlap results: the report's tables against the CLI's CSV (tests/results.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "results.h"
