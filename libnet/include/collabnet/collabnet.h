/* collabnet — analysis of innovation-ecosystem networks. Include this header for everything.
 * Every function follows one argument contract, stated at the top of <collabnet/error.h>:
 * fallible functions answer bad arguments with CN_EINVAL, getters with a neutral value. */
#ifndef COLLABNET_H
#define COLLABNET_H

#include <collabnet/analysis.h>
#include <collabnet/error.h>
#include <collabnet/load.h>
#include <collabnet/model.h>
#include <collabnet/render.h>
#include <collabnet/report.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The library version, "MAJOR.MINOR.PATCH". */
const char *cn_version(void);

#ifdef __cplusplus
}
#endif
#endif
