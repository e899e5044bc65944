/* panic.c - libcdefer: Go's panic/recover for C (docs/REFERENCE.md section 4).
 *
 * A panic is a forced unwind (_Unwind_ForcedUnwind) of the calling thread
 * with our own stop function.  The unwinder runs every frame's landing pads
 * -- the compilers' own cleanups, which is what a deferred statement is
 * lowered to -- innermost frame first, and crosses frames that have none
 * (libc's qsort calling a comparator that panics).  The stop function is
 * called once per frame before that frame's cleanups run; it remembers
 * the values that identify that frame (frames.c: its frame-pointer
 * register, as the unwinder reports it), so that
 * __cdefer_recover_in() can tell whether the deferred code calling it
 * belongs to the frame the panic is cleaning up (Go's rule) by identity:
 * the recovering function keeps a frame pointer and stores it in its
 * __cdefer_frame.  Once that frame's own cleanups are done -- the next time
 * the stop function is called -- it longjmps back into the frame (the
 * pattern glibc's pthread_cancel uses).  The stop function also
 * records each frame's return address as it goes: that is the backtrace
 * the report of an unrecovered panic prints (a recovered panic needs none,
 * so raising costs no separate stack walk).  docs/RUNTIME.md has the
 * whole design.
 *
 * All state is per thread (_Thread_local).  The only process-wide objects
 * are a lock that serialises fatal reports and a pthread key whose
 * destructor frees a thread's records when the thread ends.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE 1            /* pthread, _Unwind extensions */
#define CDEFER_PARSE_ONLY 1      /* the runtime itself uses no defer */
#include "cdefer_abi.h"
#include "frames.h"
#include "traceback.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#define BT_SKIP_MAX 16           /* runtime frames above the caller of panic */
#define MSG_INLINE 160           /* messages longer than this are malloc'd */

/* "CDFR" vendor, "C\0\0\0" language, as the Itanium ABI suggests.  The
 * ARM EHABI unwinder (32-bit ARM) spells the class as char[8], the others
 * as a 64-bit integer (whose bytes, big-endian, are the same eight). */
#if defined(__ARM_EABI_UNWINDER__)
#define SET_EXCEPTION_CLASS(e) memcpy((e)->exception_class, "CDFRC\0\0\0", 8)
#else
#define SET_EXCEPTION_CLASS(e) \
    ((e)->exception_class = (_Unwind_Exception_Class)0x4344465243000000ULL)
#endif

/* One panic. */
struct rec {
    struct _Unwind_Exception exc;  /* what the unwinder carries */
    cdefer_panic_info info;        /* what recover() returns */
    struct rec *older;             /* next older active panic of the thread */
    struct rec *next_retired;
    /* Where the stop function was last called for a frame that has a
     * landing pad (frames.c: cdefer_frame_note; under the ARM EHABI
     * unwinder, for any frame): at.sp is cdefer_frame_sp (the CFA; ARM: the
     * stack pointer) of that frame, the stack pointer of the frame whose
     * cleanups are running (the CFA of its callee); 0 before the first
     * such call. */
    struct cdefer_frame_stop at;
    /* That frame's frame-pointer register(s), as the unwinder restored
     * them: what __builtin_frame_address(0) was in it (frames.c). */
    struct cdefer_frame_id fid;
    /* Where that frame ends on the stack (frames.c: cdefer_frame_top),
     * found when deferred code of its landing pad raises a newer panic;
     * 0 until then. */
    uintptr_t top;
    __cdefer_frame *target;        /* set by a successful recover */
    uintptr_t target_at;           /* where target's frame is on the stack */
    /* Backtrace, recorded by the stop function frame by frame from the
     * caller of panic (return address RA) outwards. */
    void *ra;
    int bt_skipped;                /* runtime frames passed before RA */
    uintptr_t bt_cfa;              /* the last recorded frame's (see stop) */
    int nframes;                   /* frames recorded (all of them) */
    /* backtrace at the panic, caller first: the first CDEFER_TB_FIRST,
     * then a ring of the last CDEFER_TB_LAST (traceback.h) */
    void *frames[CDEFER_TB_SLOTS];
    char *heap_msg;                /* message when longer than msg[] */
    char msg[MSG_INLINE];
};

/* A thread's panics: the active ones, newest first (an older one is
 * suspended in deferred code that raised a newer one), and the finished
 * ones, whose records stay valid until the thread's next panic. */
struct tstate {
    struct rec *top;
    struct rec *retired;
    struct rec *spare;             /* a freed record kept for the next panic */
    int exit_armed;                /* pthread key set: freed at thread exit */
    int emergency_busy;            /* `emergency` is in use */
};

static _Thread_local struct tstate ts;
/* Used when malloc fails, so that even then a panic unwinds. */
static _Thread_local struct rec emergency;

/* ------------------------------------------------------------------ */
/* Records */

static void free_rec(struct tstate *t, struct rec *r)
{
    free(r->heap_msg);
    r->heap_msg = NULL;
    if (r == &emergency) {
        t->emergency_busy = 0;
    } else if (!t->spare && t->exit_armed) {
        t->spare = r;              /* thread_exit frees it */
    } else {
        free(r);
    }
}

static void retire(struct tstate *t, struct rec *r)
{
    r->next_retired = t->retired;
    t->retired = r;
}

static void free_retired(struct tstate *t)
{
    struct rec *r = t->retired;
    t->retired = NULL;
    while (r) {
        struct rec *next = r->next_retired;
        free_rec(t, r);
        r = next;
    }
}

/* Retire the active panics newer than P (P stays).  They are over: their
 * deferred code was left for good.  Returns 0 if P is not active. */
static int retire_newer_than(struct tstate *t, struct rec *p)
{
    struct rec *r;
    for (r = t->top; r && r != p; r = r->older)
        ;
    if (!r)
        return 0;
    while (t->top != p) {
        r = t->top;
        t->top = r->older;
        retire(t, r);
    }
    return 1;
}

static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static int exit_key_ok;

static void thread_exit(void *arg)
{
    struct tstate *t = arg;
    t->exit_armed = 0;
    while (t->top) {
        struct rec *r = t->top;
        t->top = r->older;
        retire(t, r);
    }
    free_retired(t);
    free(t->spare);
    t->spare = NULL;
}

static void make_exit_key(void)
{
    exit_key_ok = pthread_key_create(&exit_key, thread_exit) == 0;
}

static void arm_thread_exit(struct tstate *t)
{
    if (t->exit_armed)
        return;
    pthread_once(&exit_once, make_exit_key);
    if (exit_key_ok && pthread_setspecific(exit_key, t) == 0)
        t->exit_armed = 1;
}

/* ------------------------------------------------------------------ */
/* The end: an unrecovered panic */

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
/* This thread is printing a report: a second one (a signal handler that
 * panics while the first is symbolised) prints raw frames, without the lock. */
static _Thread_local int reporting;

/* The report goes out with write(2) (traceback.h), not stdio: no stream
 * lock another thread may hold, no malloc; the frames are symbolised
 * without malloc too (traceback.c). */
CDEFER_NORETURN static void die(struct tstate *t, struct rec *p, const char *why)
{
    struct rec *r, *prev = NULL, *last = t->top;
    struct cdefer_out o;
    int mode = cdefer_tb_mode(), again = reporting;

    /* P is the panic that reached the end of the stack; it is on top,
     * unless something retired it meanwhile: then report it alone. */
    if (!last || !retire_newer_than(t, p)) {
        p->older = NULL;
        t->top = last = p;
    }

    /* One report, whole, even when threads die at once; the first one to
     * get here ends the process and the others never return. */
    reporting = 1;
    if (!again) {
        pthread_mutex_lock(&report_lock);
        fflush(NULL);
    }
    o.fd = 2;
    o.n = 0;
    /* oldest first: reverse the active list, print, reverse it back (the
     * records stay reachable for leak checkers) */
    for (r = t->top; r; ) {
        struct rec *older = r->older;
        r->older = prev;
        prev = r;
        r = older;
    }
    for (r = prev; r; r = r->older) {
        cdefer_out_str(&o, r == prev ? "panic: " : "\tpanic: ");
        cdefer_out_str(&o, r->info.message);
        cdefer_out_str(&o, r->target ? " [recovered]\n" : "\n");
    }
    for (r = prev, prev = NULL; r; ) {
        struct rec *newer = r->older;
        r->older = prev;
        prev = r;
        r = newer;
    }
    if (why) {
        cdefer_out_str(&o, "\t(");
        cdefer_out_str(&o, why);
        cdefer_out_str(&o, ")\n");
    }
    if (last) {
        cdefer_out_str(&o, "\tat ");
        cdefer_out_str(&o, last->info.file ? last->info.file : "?");
        cdefer_out_str(&o, ":");
        cdefer_out_dec(&o, last->info.line);
        cdefer_out_str(&o, " (");
        cdefer_out_str(&o, last->info.func ? last->info.func : "?");
        cdefer_out_str(&o, ")\n");
        if (mode != CDEFER_TB_NONE)
            cdefer_tb_print(&o, last->frames, last->nframes, again);
    }
    cdefer_out_flush(&o);
    if (mode == CDEFER_TB_CRASH)
        abort();
    _exit(2);
}

/* ------------------------------------------------------------------ */
/* Unwinding */

/* ThreadSanitizer keeps a shadow call stack and its longjmp interceptor
 * checks that it is no shallower than at the setjmp.  Instrumented code pops
 * its entry on the unwind path too, so by now the recovering frame's entry
 * is gone although the longjmp re-enters that frame: push one (the
 * interceptor then resets the depth to the setjmp's).  Weak: only when the
 * program is built with -fsanitize=thread. */
extern void __tsan_func_entry(void *pc) __attribute__((__weak__));

/* Whether panic R was suspended in the frame whose frame address is AT
 * (the recovering frame) or in a frame below it, so that resuming that
 * frame ends it.  In that frame itself: R's frame ids are AT.  Below it:
 * the frame R is suspended in ends at or below AT (R->top, found when the
 * newer panic was raised; frames.c).  Not R's stack pointer against AT: on
 * x86-64 a landing pad runs with the arguments its call pushed popped
 * (DW_CFA_GNU_args_size), so a recovering function its deferred code calls
 * can have a frame address above that stack pointer, and the older panic,
 * suspended further out, was retired with the recovered one (panic fuzzer
 * seed 764).  The stack pointer only when the frame was not found (a panic
 * raised where no unwind table reaches the suspended frame). */
static int suspended_in_or_below(const struct rec *r, uintptr_t at)
{
    size_t i;
    for (i = 0; i < CDEFER_FP_MAX; i++)
        if (r->fid.fp[i] == at)
            return 1;
    if (r->top)
        return r->top <= at;
    return r->at.sp < at;
}

/* P was recovered by the frame owning P->target and that frame's cleanups
 * have run: resume the frame at its setjmp.  P and every older panic
 * suspended in that frame or below it are over. */
CDEFER_NORETURN static void land(struct tstate *t, struct rec *p)
{
    __cdefer_frame *f = p->target;
    uintptr_t at = p->target_at;
    t->top = p->older;
    retire(t, p);
    while (t->top && suspended_in_or_below(t->top, at)) {
        struct rec *r = t->top;
        t->top = r->older;
        retire(t, r);
    }
    if (__tsan_func_entry)
        __tsan_func_entry(__builtin_return_address(0));
    longjmp(f->__jb, 1);
}

/* The backtrace, one frame per call of the stop function: from the frame
 * whose return address is P->ra (the caller of panic) on, skipping the
 * runtime's own frames before it.  A frame whose landing pad resumed the
 * unwind is visited again with the same stack pointer: CFA values only
 * grow along the stack, so a repeated one is not recorded twice. */
/* 32-bit ARM: a return address into Thumb code has bit 0 set, and the EHABI
 * unwinder's _Unwind_GetIP clears it. */
static int same_code_address(void *a, void *b)
{
#if defined(__arm__)
    return ((uintptr_t)a | 1) == ((uintptr_t)b | 1);
#else
    return a == b;
#endif
}

static void record_frame(struct rec *p, void *ip, uintptr_t cfa)
{
    if (p->nframes == INT_MAX || (p->nframes && cfa <= p->bt_cfa))
        return;
    if (!ip)
        return;
    if (!p->nframes && !same_code_address(ip, p->ra) && ++p->bt_skipped <= BT_SKIP_MAX)
        return;
    p->frames[p->nframes < CDEFER_TB_FIRST
                  ? p->nframes
                  : CDEFER_TB_FIRST + (p->nframes - CDEFER_TB_FIRST) % CDEFER_TB_LAST] = ip;
    p->nframes++;
    p->bt_cfa = cfa;
}

static _Unwind_Reason_Code stop(int version, _Unwind_Action actions,
                                _Unwind_Exception_Class cls,
                                struct _Unwind_Exception *exc,
                                struct _Unwind_Context *ctx, void *arg)
{
    struct tstate *t = &ts;
    struct rec *p = arg;
    uintptr_t cfa, ip;
    int before = 0;
    (void)version;
    (void)cls;

    if (__builtin_expect(t->top != p, 0) && !retire_newer_than(t, p)) {
        /* Not active any more (cannot happen): let it go on, and report
         * it if it gets to the end. */
        if (actions & _UA_END_OF_STACK)
            die(t, p, NULL);
        return _URC_NO_REASON;
    }
    /* Recovered in the landing pad of the frame the last call was for: the
     * unwind only goes on once that landing pad has run all of the frame's
     * cleanups and resumed (a resume leaves the frame: neither compiler puts
     * a landing pad around _Unwind_Resume), so the frame is done. */
    if (p->target)
        land(t, p);
    cfa = cdefer_frame_sp(ctx);
#if defined(__ARM_EABI_UNWINDER__)
    ip = (uintptr_t)_Unwind_GetIP(ctx);
#else
    ip = (uintptr_t)_Unwind_GetIPInfo(ctx, &before);     /* _Unwind_GetIP's value */
#endif
    record_frame(p, (void *)ip, cfa);
    if (actions & _UA_END_OF_STACK)
        die(t, p, NULL);
    /* A frame without a landing pad keeps what the last one noted. */
    if (cdefer_frame_note(ctx, exc, cfa, ip, before, &p->at, &p->fid))
        p->top = 0;
    return _URC_NO_REASON;
}

/* A foreign handler (a C++ catch (...) that does not rethrow) swallowed
 * the panic: it and any newer one are over. */
static void exception_cleanup(_Unwind_Reason_Code reason, struct _Unwind_Exception *exc)
{
    struct tstate *t = &ts;
    struct rec *p = (struct rec *)exc;
    (void)reason;
    if (retire_newer_than(t, p)) {
        t->top = p->older;
        retire(t, p);
    }
}

static void format_message(struct rec *p, const char *fmt, va_list ap)
{
    va_list aq;
    int n;
    if (!fmt) {
        p->msg[0] = '\0';
        return;
    }
    if (!strchr(fmt, '%')) {
        /* nothing to format (the common `panic("literal")`) */
        size_t len = strlen(fmt);
        if (len < sizeof p->msg) {
            memcpy(p->msg, fmt, len + 1);
        } else if ((p->heap_msg = malloc(len + 1)) != NULL) {
            memcpy(p->heap_msg, fmt, len + 1);
        } else {
            memcpy(p->msg, fmt, sizeof p->msg - 4);
            memcpy(p->msg + sizeof p->msg - 4, "...", 4);
        }
        return;
    }
    va_copy(aq, ap);
    n = vsnprintf(p->msg, sizeof p->msg, fmt, aq);
    va_end(aq);
    if (n < 0) {
        snprintf(p->msg, sizeof p->msg, "(message format error)");
    } else if ((size_t)n >= sizeof p->msg) {
        char *h = malloc((size_t)n + 1);
        if (h) {
            vsnprintf(h, (size_t)n + 1, fmt, ap);
            p->heap_msg = h;
        } else {
            memcpy(p->msg + sizeof p->msg - 4, "...", 4);
        }
    }
}

/* A new panic's record, formatted and pushed on the thread's stack of
 * active panics, ready to unwind.  Not inlined: the unwind starts in the
 * API function's frame, and the unwinder interprets that frame's call frame
 * information up to the call (docs/PERFORMANCE.md section 5): this one's
 * saves six registers, the API function's one. */
struct raise_site {
    void *ra;                      /* the return address into the caller of panic */
    const char *file, *func;
    int line;
    void *value;
};

static __attribute__((__noinline__)) struct rec *
new_panic(const struct raise_site *site, const char *fmt, va_list ap)
{
    struct tstate *t = &ts;
    struct rec *p = t->spare;

    if (p)
        t->spare = NULL;
    else
        p = malloc(sizeof *p);
    if (!p) {
        if (t->emergency_busy) {
            static const char oom[] = "panic: out of memory while panicking\n";
            fflush(NULL);
            if (write(2, oom, sizeof oom - 1) < 0) {
                /* nothing left to tell anyone */
            }
            abort();
        }
        t->emergency_busy = 1;
        p = &emergency;
    }
    /* everything but the arrays, which are written before they are read */
    memset(p, 0, offsetof(struct rec, frames));
    p->heap_msg = NULL;
    format_message(p, fmt, ap);
    p->info.message = p->heap_msg ? p->heap_msg : p->msg;
    p->info.value = site->value;
    p->info.file = site->file;
    p->info.line = site->line;
    p->info.func = site->func;
    p->ra = site->ra;
    /* The arguments may have pointed into records retired by earlier
     * panics (`panic("%s", r->message)`); they are formatted now. */
    free_retired(t);
    /* A panic during a panic: the older one is suspended in the frame
     * whose landing pad runs the API function; where that frame ends decides
     * which recover ends it too (land). */
    if (t->top && t->top->at.sp)
        t->top->top = cdefer_frame_top(&t->top->fid, &t->top->at);
    p->older = t->top;
    t->top = p;
    arm_thread_exit(t);

    SET_EXCEPTION_CLASS(&p->exc);
    p->exc.exception_cleanup = exception_cleanup;
    return p;
}

/* Inlined into both API functions: one frame less for the unwinder. */
CDEFER_NORETURN static inline __attribute__((__always_inline__)) void unwind(struct rec *p)
{
    _Unwind_Reason_Code rc = _Unwind_ForcedUnwind(&p->exc, stop, p);
    /* Only a broken unwind (corrupt or missing unwind tables) gets here. */
    (void)rc;
    die(&ts, p, "stack unwinding failed");
}

/* ------------------------------------------------------------------ */
/* The API */

void cdefer_panic(const char *file, int line, const char *func, const char *fmt, ...)
{
    va_list ap;
    struct raise_site site = { __builtin_return_address(0), file, func, line, NULL };
    struct rec *p;
    va_start(ap, fmt);
    p = new_panic(&site, fmt, ap);
    va_end(ap);
    unwind(p);
}

void cdefer_panic_value(const char *file, int line, const char *func, void *value,
                        const char *fmt, ...)
{
    va_list ap;
    struct raise_site site = { __builtin_return_address(0), file, func, line, value };
    struct rec *p;
    va_start(ap, fmt);
    p = new_panic(&site, fmt, ap);
    va_end(ap);
    unwind(p);
}

const cdefer_panic_info *cdefer_recover(void)
{
    return NULL;
}

/* F's frame is the one the panic is cleaning up when F's frame address is
 * the frame-pointer register the unwinder restored for that frame (F keeps
 * a frame pointer: it calls __builtin_frame_address(0)).  Identity, not
 * stack-pointer order: the landing pad may run with the stack pointer moved
 * (arguments the call pushed popped again, DW_CFA_GNU_args_size; a VLA's or
 * alloca's stack pointer restored), and deferred code on another stack (a
 * signal stack, a coroutine) has frames of its own.  A frame that keeps no
 * frame pointer passes its caller's on; that caller is not running deferred
 * code while its callee is being cleaned up, so it cannot ask.  Only when
 * that test fails may the frame being cleaned up be one of F's helpers
 * (frames.c: cdefer_frame_helper_of walks the stack out to F). */
const cdefer_panic_info *__cdefer_recover_in(__cdefer_frame *f)
{
    struct tstate *t = &ts;
    struct rec *p = t->top;
    uintptr_t a;
    size_t i;

    /* No panic, already recovered, or not unwinding yet. */
    if (!p || p->target || !p->at.sp || !f->__frame)
        return NULL;
    a = (uintptr_t)f->__frame;
    for (i = 0; i < CDEFER_FP_MAX; i++)
        if (p->fid.fp[i] == a)
            goto recovered;
    if (!cdefer_frame_helper_of(&p->fid, a))
        return NULL;
recovered:
    p->target = f;
    p->target_at = a;
    return &p->info;
}
