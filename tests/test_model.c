#include <criterion/criterion.h>

Test(placeholder_model, builds) { cr_assert(1); }
