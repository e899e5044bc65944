/* frames.c - libcdefer internal: which value identifies a frame on the
 * machine stack, as the recovering function sees its own frame
 * (__builtin_frame_address(0), stored in __cdefer_frame.__frame) and as the
 * unwinder reports each frame it visits (docs/RUNTIME.md 3.2): the
 * per-target register table, and the backtrace that tells whether a frame
 * is one of the recovering function's own helpers.
 *
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE 1
#include "frames.h"
#include "eh_tables.h"

#include <unwind.h>

/* The DWARF number of the register that holds __builtin_frame_address(0)
 * in a function that calls it (GCC: the hard frame pointer, which the
 * builtin forces; Clang: llvm.frameaddress, which forces one too).  The
 * unwinder restores it for each frame it visits, so the stop function
 * knows the frame address of the frame whose cleanups are about to run.
 * 32-bit ARM has two (r7 in Thumb-2 code, r11 in ARM code), and either
 * kind of code may be the recovering function. */
#if defined(__x86_64__)
#define FP_REGS { 6 }                  /* rbp */
#define SP_REG 7                       /* rsp */
#elif defined(__i386__)
#define FP_REGS { 5 }                  /* ebp */
#define SP_REG 4                       /* esp */
#elif defined(__aarch64__)
#define FP_REGS { 29 }                 /* x29 */
#define SP_REG 31                      /* sp */
#elif defined(__arm__)
#define FP_REGS { 7, 11 }              /* r7 (Thumb-2), r11 (ARM) */
#elif defined(__riscv)
#define FP_REGS { 8 }                  /* s0 */
#define SP_REG 2                       /* sp */
#elif defined(__powerpc64__) || defined(__powerpc__)
/* Power: __builtin_frame_address(0) is the frame's stack pointer r1 as the
 * prologue left it, GCC and Clang, -O0 and -O2 -- in a frame that keeps a
 * frame pointer, r31, which the prologue sets to that r1 (both compilers
 * keep one at -O0 and wherever a VLA or alloca moves r1).  The unwinder
 * does not restore r1 as a register (_Unwind_GetGR(ctx, 1) faults) but
 * reports its value at the call as the CFA of the callee, _Unwind_GetCFA:
 * the frame address of a frame that keeps no frame pointer, whose r1 never
 * moves.  In one that does, r1 at the call lies below the frame address
 * by what a VLA or alloca block took (recover() there returned NULL,
 * test/runtime/recover_moved_stack.c), and r31 is the frame address.
 * Which of the two kinds a frame is, its CFA rule at the call says
 * (r31-based or r1-based, eh_tables.c); r31 is taken only from a frame
 * that keeps it as its frame pointer, since elsewhere it is any
 * callee-saved value (32-bit ARM's r11 story below). */
#define FP_REGS { 1, 31 }              /* r1, as _Unwind_GetCFA; r31 */
#define FP_IS_CFA 1
#define FP_REG_POWER_FP 31
#elif defined(__s390x__) || defined(__s390__)
/* s390x: __builtin_frame_address(0) is the stack pointer the function was
 * entered with (its CFA - 160), both in GCC and in Clang, whether or not it
 * keeps r11 as a frame pointer; no register holds it inside the frame.  It
 * is the stack pointer of the caller, r15 one frame further out: see
 * frame_address_of() below. */
#define FP_REGS { 15 }                 /* r15, of the caller */
#define FP_IS_CALLER_SP 1
#else
#error "cdefer: say which DWARF register holds __builtin_frame_address(0) on this target"
#endif
static const int fp_regs[] = FP_REGS;
_Static_assert(sizeof fp_regs / sizeof fp_regs[0] <= CDEFER_FP_MAX, "frames.h: CDEFER_FP_MAX too small");
#define FP_NREGS (sizeof fp_regs / sizeof fp_regs[0])
#ifndef FP_IS_CALLER_SP
#define FP_IS_CALLER_SP 0
#endif
#ifndef FP_IS_CFA
#define FP_IS_CFA 0
#endif


/* The frame-address values of the frame C describes, one per FP_REGS
 * entry (targets other than FP_IS_CALLER_SP): the registers as the
 * unwinder restored them; Power: r1 at the call, and r31 when the frame
 * keeps it as its frame pointer (else 0). */
static void frame_values(struct _Unwind_Context *c, uintptr_t out[CDEFER_FP_MAX])
{
    size_t i;
    for (i = 0; i < CDEFER_FP_MAX; i++)
        out[i] = 0;
#ifdef FP_REG_POWER_FP
    {
        int before = 0;
        uintptr_t ip = (uintptr_t)_Unwind_GetIPInfo(c, &before);
        uint64_t reg;
        int64_t off;
        out[0] = (uintptr_t)_Unwind_GetCFA(c);
        if (ip && !before)
            ip--;
        /* Only a frame with a language-specific data area can run
         * deferred code (be F, or X); the CFA rule costs a search of the
         * unwind tables, so no other frame pays it. */
        if (ip && _Unwind_GetLanguageSpecificData(c) && cdefer_cfa_rule(ip, &reg, &off) &&
            reg == FP_REG_POWER_FP)
            out[1] = (uintptr_t)_Unwind_GetGR(c, FP_REG_POWER_FP);
    }
#else
    for (i = 0; i < FP_NREGS; i++)
        out[i] = (uintptr_t)_Unwind_GetGR(c, fp_regs[i]);
#endif
}

/* FP_IS_CALLER_SP targets: the frame address of the frame CTX describes is
 * register FP_REGS[0] in its caller, which the unwinder has not reached yet.
 * The frame is still on the machine stack (a forced unwind only leaves a
 * frame by installing one of its landing pads), so a backtrace from here
 * finds it -- same IP, same CFA -- and one frame further out, its caller.
 * Only a frame with a language-specific data area can run deferred code,
 * so only such a frame is looked for; the walk passes the frames below it
 * that have none, each at most once per panic (a landing pad that runs
 * discards the frames below it), so a panic's unwinding stays linear.
 * 0 when the frame has no LSDA or is not found. */
struct caller_walk {
    uintptr_t ip, cfa, result;
    int found;
};

static _Unwind_Reason_Code caller_walk_step(struct _Unwind_Context *c, void *arg)
{
    struct caller_walk *w = arg;
    if (w->found) {
        w->result = (uintptr_t)_Unwind_GetGR(c, fp_regs[0]);
        return _URC_END_OF_STACK;
    }
    if ((uintptr_t)_Unwind_GetIP(c) == w->ip && cdefer_frame_sp(c) == w->cfa)
        w->found = 1;
    return _URC_NO_REASON;
}

__attribute__((__unused__)) static uintptr_t frame_address_of(struct _Unwind_Context *ctx)
{
    struct caller_walk w;
    if (!_Unwind_GetLanguageSpecificData(ctx))
        return 0;
    w.ip = (uintptr_t)_Unwind_GetIP(ctx);
    w.cfa = cdefer_frame_sp(ctx);
    w.result = 0;
    w.found = 0;
    _Unwind_Backtrace(caller_walk_step, &w);
    return w.result;
}

/* The start of the function a frame is in.  The ARM EHABI unwinder keeps
 * it in the exception's control block, which get_eit_entry fills for the
 * frame before the stop function is called; _Unwind_GetRegionStart reads
 * the control block through r12, which it sets only for the personality
 * routine and for _Unwind_Backtrace's callback, not for the stop
 * function. */
static uintptr_t stop_region_start(struct _Unwind_Context *ctx, struct _Unwind_Exception *exc)
{
#if defined(__ARM_EABI_UNWINDER__)
    (void)ctx;
    return (uintptr_t)exc->pr_cache.fnstart;
#else
    (void)exc;
    return (uintptr_t)_Unwind_GetRegionStart(ctx);
#endif
}

/* The identity of the frame CTX describes, whose cdefer_frame_sp is SP. */
static void frame_ids(struct _Unwind_Context *ctx, struct _Unwind_Exception *exc, uintptr_t sp,
                      struct cdefer_frame_id *out)
{
    size_t i;
    for (i = 0; i < CDEFER_FP_MAX; i++)
        out->fp[i] = 0;
    out->fn = stop_region_start(ctx, exc);
    out->sp = sp;
    if (FP_IS_CALLER_SP)
        out->fp[0] = frame_address_of(ctx);
    else
        frame_values(ctx, out->fp);
}

/* The frame being cleaned up may be one of F's own helpers rather than F:
 * the Clang plugin runs the deferred statements enclosing one that unwinds
 * from noinline functions called by its landing pad (docs/DESIGN-clang.md,
 * "the EH chain"), each a frame of its own, with its own frame pointer at
 * -O0 or with -fno-omit-frame-pointer.  F's code runs while frame X is being
 * cleaned up only in X's landing pad or in what it calls; F's deferred code
 * lives in F and in those helpers, which only F's landing pads and each
 * other call; so when X is not F, F's code can be running there only if X
 * is such a helper, that is, if F's frame is further out than X on the
 * stack.  A backtrace from here tells: it must meet X's frame first and
 * F's frame address after it.  A frame is X when it is in X's
 * function and one of its frame-pointer registers has X's value, or its
 * cdefer_frame_sp is the one X had when the stop function saw it (X->sp).
 * The second is for a helper that keeps no frame pointer (-O2 and up): the
 * register is then any callee-saved value, which X's landing pad may have
 * changed by the time it calls the recovering code (riscv64, Clang -O3:
 * s0 held a pointer at the call that panicked and another one in the
 * landing pad; test/runtime/recover_panic_from_nested_deferred.c).  The
 * stack pointer alone would not do on x86-64, whose landing pads may run
 * with pushed arguments popped; every frame between here and X is called
 * from X's landing pad, so lies below it, and none other in X's function
 * can have X's value where the landing pad did not move it.  On 32-bit
 * ARM only one of r7 and r11 is the frame pointer, and the other one, a
 * callee-saved register that code of the other kind may never touch, often
 * holds the same value in every frame of the walk (it did, and a recover in
 * a function called by deferred code stopped the panic).  The values are
 * compared in the order the walk meets them; on targets where a frame's
 * address is its caller's register (FP_IS_CALLER_SP) each is met one frame
 * late, which keeps the order.
 *
 * The walk has no fixed bound: at -O0 each helper of the chain is a frame
 * (one calls the next; each re-panic adds the helpers its landing pad
 * calls), so F may be any number of frames out (a bound of 64 frames made
 * recover miss the panic behind 64 enclosing defers,
 * test/runtime/recover_through_many_defers.c).  It stops instead one frame
 * after the first whose cdefer_frame_sp lies above F's frame address:
 * every frame F calls has it at or below that address (the stack grows
 * down on every target of FP_REGS), F's own is above it, and F's address is met at
 * F's frame or, one frame late, at F's caller.  So the walk is as long as
 * the stack between recover and F, one frame more when it fails.  Only
 * reached when the identity test failed, during a panic. */
struct runner_walk {
    const struct cdefer_frame_id *x;   /* the frame being cleaned up */
    uintptr_t f;                   /* F's frame address */
    int seen_x, found, past_f;
    int prev_in_x_fn;              /* FP_IS_CALLER_SP: the last frame was in X's function */
};

static _Unwind_Reason_Code runner_walk_step(struct _Unwind_Context *c, void *arg)
{
    struct runner_walk *w = arg;
    uintptr_t sp = cdefer_frame_sp(c), v[CDEFER_FP_MAX];
    int in_x_fn, here;
    size_t i;
    if (FP_IS_CALLER_SP)
        v[0] = (uintptr_t)_Unwind_GetGR(c, fp_regs[0]);
    else
        frame_values(c, v);
    in_x_fn = here = (uintptr_t)_Unwind_GetRegionStart(c) == w->x->fn;
    if (FP_IS_CALLER_SP) {         /* X's value shows in its caller */
        in_x_fn = w->prev_in_x_fn;
        w->prev_in_x_fn = here;
    }
    for (i = 0; i < FP_NREGS; i++) {
        if (w->seen_x && v[i] == w->f) {
            w->found = 1;
            return _URC_END_OF_STACK;
        }
        if (in_x_fn && v[i] && v[i] == w->x->fp[i])
            w->seen_x = 1;
    }
    /* or X's stack pointer, for an X that keeps no frame pointer (below) */
    if (here && sp == w->x->sp)
        w->seen_x = 1;
    if (w->past_f)
        return _URC_END_OF_STACK;
    if (sp > w->f)
        w->past_f = 1;
    return _URC_NO_REASON;
}

CDEFER_HIDDEN int cdefer_frame_helper_of(const struct cdefer_frame_id *x, uintptr_t f)
{
    struct runner_walk w = { x, f, 0, 0, 0, 0 };
    _Unwind_Backtrace(runner_walk_step, &w);
    return w.found;
}


/* The stop function's per-frame work, from the values it read already
 * (SP, IP as _Unwind_GetIPInfo returned it and BEFORE its flag).  A frame
 * without a language-specific data area has no landing pad: no deferred
 * code runs in it, so nothing can ask for its identity or be suspended in
 * it (recover is called, and a newer panic raised, only by code that a
 * landing pad runs, before the next call of the stop function); such a
 * frame costs the walk nothing more than the test.  Under the ARM EHABI
 * unwinder the LSDA is not known here (the unwinder finds it through r12,
 * which it sets for the personality routine only: stop_region_start), so
 * every frame is noted, with no IP or LSDA. */
CDEFER_HIDDEN int cdefer_frame_note(struct _Unwind_Context *ctx, struct _Unwind_Exception *exc,
                                    uintptr_t sp, uintptr_t ip, int before,
                                    struct cdefer_frame_stop *at, struct cdefer_frame_id *id)
{
#if defined(__ARM_EABI_UNWINDER__)
    (void)ip;
    (void)before;
    at->ip = 0;
    at->lsda = NULL;
#else
    const unsigned char *lsda = _Unwind_GetLanguageSpecificData(ctx);
    if (!lsda)
        return 0;
    at->ip = !before && ip ? ip - 1 : ip;
    at->lsda = lsda;
#endif
    at->sp = sp;
    frame_ids(ctx, exc, sp, id);
    return 1;
}

/* A panic stopped at frame Y, whose landing pad now runs deferred code that
 * raises a newer panic; where does Y end on the stack (its CFA)?  Not at
 * a fixed distance from the stack pointer Y had at the stopped call
 * (AT->sp): the landing pad may run with it moved up (x86-64 pops the
 * arguments the call pushed first, DW_CFA_GNU_args_size; a VLA block being
 * left restores it), and the code the landing pad calls then lies above
 * AT->sp, which is why the stack pointer alone cannot decide
 * (docs/RUNTIME.md 3.3).
 *
 * On the targets whose unwinder reports a frame's stack pointer at the
 * call (SP_REG), the frame's call frame information at that call says it:
 * the CFA is the stack pointer or the frame pointer (which the unwinder
 * restored, ID->fp) plus an offset (eh_tables.c).  Elsewhere, or when the
 * rule is an expression, a backtrace from here meets Y: below it the
 * frames its landing pad called (new since the stop), above it Y's
 * callers.  Y is told from those by its function -- the one the stop
 * function saw (ID->fn), or the one that holds the landing pad the LSDA
 * names for the stopped call (GCC puts landing pads of `f` in `f.cold` at
 * -O2, a function of its own to the unwinder) -- or by its frame pointer
 * (ID->fp, when Y keeps one, as it must for a VLA), and by ending above
 * AT->sp.  The first such frame is Y or an activation of Y's function
 * called by Y's landing pad inside the space it freed; where that ends
 * lies at or below Y's stack pointer now and serves as well, unless a
 * recovering frame sits between the two inside that space.  The walk is as
 * long as the stack from here to Y's caller.  0 when neither finds Y. */
struct top_walk {
    const struct cdefer_frame_id *id;
    uintptr_t fn[2], sp, top;
    int candidate;                 /* the last frame may be Y */
};

static _Unwind_Reason_Code top_walk_step(struct _Unwind_Context *c, void *arg)
{
    struct top_walk *w = arg;
    uintptr_t sp = cdefer_frame_sp(c), fn;
    size_t i;
    if (w->candidate && sp > w->sp) {
        w->top = sp;
        return _URC_END_OF_STACK;
    }
    fn = (uintptr_t)_Unwind_GetRegionStart(c);
    w->candidate = fn && (fn == w->fn[0] || fn == w->fn[1]);
    if (!FP_IS_CFA && !FP_IS_CALLER_SP)
        for (i = 0; i < FP_NREGS; i++)
            if (w->id->fp[i] && (uintptr_t)_Unwind_GetGR(c, fp_regs[i]) == w->id->fp[i])
                w->candidate = 1;
    return _URC_NO_REASON;
}

CDEFER_HIDDEN uintptr_t cdefer_frame_top(const struct cdefer_frame_id *id,
                                         const struct cdefer_frame_stop *at)
{
    struct top_walk w = { id, { id->fn, 0 }, at->sp, 0, 0 };
    uintptr_t lp;
#ifdef SP_REG
    uint64_t reg;
    int64_t off;
    if (cdefer_cfa_rule(at->ip, &reg, &off)) {
        if (reg == SP_REG)
            return at->sp + (uintptr_t)off;
        if (reg == (uint64_t)fp_regs[0] && id->fp[0])
            return id->fp[0] + (uintptr_t)off;
    }
#endif
    if (!id->fn)
        return 0;
#if !defined(__ARM_EABI_UNWINDER__)        /* no LSDA recorded there */
    lp = cdefer_landing_pad(at->lsda, id->fn, at->ip);
    if (lp)
        w.fn[1] = (uintptr_t)_Unwind_FindEnclosingFunction((void *)lp);
#else
    (void)lp;
#endif
    _Unwind_Backtrace(top_walk_step, &w);
    return w.top;
}
