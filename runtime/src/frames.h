/* frames.h - libcdefer internal: frame identity for recover (frames.c).
 *
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_FRAMES_H
#define CDEFER_FRAMES_H

#include <stdint.h>
#include <unwind.h>                /* on ARM, _Unwind_Exception is a macro */

#include "traceback.h"             /* CDEFER_HIDDEN */

/* Most values a target may need to identify one frame (32-bit ARM: r7, r11). */
#define CDEFER_FP_MAX 2

/* What identifies one frame: the values its frame-pointer register(s) had
 * (unused ones 0), the start of its function, and where it was on the
 * stack then (cdefer_frame_sp). */
struct cdefer_frame_id {
    uintptr_t fp[CDEFER_FP_MAX];
    uintptr_t fn;
    uintptr_t sp;
};

/* Where the frame CTX describes lies on the stack, a value that grows from
 * each frame to its caller (the stack grows down on every target): the CFA
 * where the unwinder has one; on 32-bit ARM (EHABI) the frame's stack
 * pointer, because there _Unwind_GetCFA returns a value unrelated to the
 * stack (the same non-stack value for every frame of a backtrace). */
static inline uintptr_t cdefer_frame_sp(struct _Unwind_Context *ctx)
{
#if defined(__ARM_EABI_UNWINDER__)
    return (uintptr_t)_Unwind_GetGR(ctx, 13);   /* sp */
#else
    return (uintptr_t)_Unwind_GetCFA(ctx);
#endif
}

/* Whether the frame X is one of the helpers of the function whose frame
 * address is F: F's frame lies further out on the stack than X, seen
 * from the caller (a bounded backtrace). */
CDEFER_HIDDEN int cdefer_frame_helper_of(const struct cdefer_frame_id *x, uintptr_t f);

/* Where one frame's unwind stopped: what a panic suspended in that frame
 * (its deferred code running in the landing pad the unwinder installed)
 * needs to find the frame again (cdefer_frame_top). */
struct cdefer_frame_stop {
    uintptr_t sp;                  /* cdefer_frame_sp of the frame */
    uintptr_t ip;                  /* the call site's address, minus one */
    const unsigned char *lsda;     /* its language-specific data, or NULL */
};

/* The stop function's note of the frame CTX describes (the one whose
 * cleanups the unwind of EXC is about to let run), from what it read
 * already: SP = cdefer_frame_sp(CTX), IP and BEFORE from
 * _Unwind_GetIPInfo(CTX).  Fills AT and ID and returns 1, or returns 0 and
 * leaves both alone when the frame has no landing pad to run (no LSDA;
 * known everywhere but under the ARM EHABI unwinder). */
CDEFER_HIDDEN int cdefer_frame_note(struct _Unwind_Context *ctx, struct _Unwind_Exception *exc,
                                    uintptr_t sp, uintptr_t ip, int before,
                                    struct cdefer_frame_stop *at, struct cdefer_frame_id *id);

/* Where the frame Y ends on the stack (its caller's cdefer_frame_sp at the
 * call: every frame Y calls lies below it, Y's callers at or above it),
 * for a frame on the machine stack now, running the landing pad the
 * unwinder installed after stopping at AT: the frame a panic is suspended
 * in while its deferred code raises a newer panic.  ID is Y's identity as
 * the stop function saw it.  0 when Y is not found. */
CDEFER_HIDDEN uintptr_t cdefer_frame_top(const struct cdefer_frame_id *id,
                                         const struct cdefer_frame_stop *at);

#endif
