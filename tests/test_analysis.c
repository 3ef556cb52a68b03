#include <criterion/criterion.h>

Test(placeholder_analysis, builds) { cr_assert(1); }
