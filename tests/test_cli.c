#include <criterion/criterion.h>

Test(placeholder_cli, builds) { cr_assert(1); }
