/* frames.h - libcdefer internal: frame identity for recover (frames.c).
 *
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_FRAMES_H
#define CDEFER_FRAMES_H

#include <stdint.h>

#include "traceback.h"             /* CDEFER_HIDDEN */

struct _Unwind_Context;

/* Most values a target may need to identify one frame (32-bit ARM: r7, r11). */
#define CDEFER_FP_MAX 2

/* The values identifying the frame CTX describes (the one whose cleanups
 * the stop function is about to let run); unused ones are 0. */
CDEFER_HIDDEN void cdefer_frame_ids(struct _Unwind_Context *ctx, uintptr_t out[CDEFER_FP_MAX]);

/* Whether the frame identified by X is one of the helpers of the function
 * whose frame address is F: F's frame lies further out on the stack, seen
 * from the caller (a bounded backtrace). */
CDEFER_HIDDEN int cdefer_frame_helper_of(const uintptr_t x[CDEFER_FP_MAX], uintptr_t f);

#endif
