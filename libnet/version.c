#include <collabnet/collabnet.h>

#include "cn_version.h"

const char *cn_version(void)
{
    return CN_VERSION;
}
