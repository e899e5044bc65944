/* panic.c - libcdefer: Go's panic/recover for C (SPEC section 4).
 *
 * A panic is a forced unwind (_Unwind_ForcedUnwind) of the calling thread
 * with our own stop function.  The unwinder runs every frame's landing pads
 * -- the compilers' own cleanups, which is what a deferred statement is
 * lowered to -- innermost frame first, and crosses frames that have none
 * (libc's qsort calling a comparator that panics).  The stop function is
 * called once per frame before that frame's cleanups run, with the
 * frame's stack pointer as _Unwind_GetCFA; it remembers it, so that
 * __cdefer_recover_in() can tell whether the deferred code calling it
 * belongs to the frame the panic is cleaning up (Go's rule), and it
 * longjmps to a recovering frame once that frame's own cleanups are done
 * (the pattern glibc's pthread_cancel uses).  docs/RUNTIME.md has the
 * whole design.
 *
 * All state is per thread (_Thread_local).  The only process-wide objects
 * are a lock that serialises fatal reports and a pthread key whose
 * destructor frees a thread's records when the thread ends. */
#define _GNU_SOURCE 1            /* dladdr */
#define CDEFER_PARSE_ONLY 1      /* the runtime itself uses no defer */
#include "cdefer_abi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#define BT_MAX 64                /* frames kept for the report */
#define BT_SKIP_MAX 16           /* runtime frames above the caller of panic */
#define MSG_INLINE 160           /* messages longer than this are malloc'd */

/* "CDFR" vendor, "C\0\0\0" language, as the Itanium ABI suggests. */
#define CDEFER_EXCEPTION_CLASS \
    ((_Unwind_Exception_Class)0x4344465243000000ULL)

/* One panic. */
struct rec {
    struct _Unwind_Exception exc;  /* what the unwinder carries */
    cdefer_panic_info info;        /* what recover() returns */
    struct rec *older;             /* next older active panic of the thread */
    struct rec *next_retired;
    /* _Unwind_GetCFA of the frame the stop function was last called for:
     * the stack pointer of the frame whose cleanups are running (the CFA
     * of its callee).  0 before the first call. */
    uintptr_t sp;
    __cdefer_frame *target;        /* set by a successful recover */
    uintptr_t target_at;           /* where target's frame is on the stack */
    int nframes;
    void *frames[BT_MAX];          /* backtrace at the panic, caller first */
    char *heap_msg;                /* message when longer than msg[] */
    char msg[MSG_INLINE];
};

/* A thread's panics: the active ones, newest first (an older one is
 * suspended in deferred code that raised a newer one), and the finished
 * ones, whose records stay valid until the thread's next panic. */
struct tstate {
    struct rec *top;
    struct rec *retired;
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
    if (r == &emergency) {
        memset(r, 0, sizeof *r);
        t->emergency_busy = 0;
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
/* Backtraces */

struct capture {
    void *ips[BT_MAX + BT_SKIP_MAX];
    int n;
};

static _Unwind_Reason_Code capture_cb(struct _Unwind_Context *ctx, void *arg)
{
    struct capture *c = arg;
    uintptr_t ip = _Unwind_GetIP(ctx);
    if (!ip || c->n >= BT_MAX + BT_SKIP_MAX)
        return _URC_END_OF_STACK;
    c->ips[c->n++] = (void *)ip;
    return _URC_NO_REASON;
}

/* The calling thread's stack from the frame that called panic (whose
 * return address is RA) outwards. */
static void capture_backtrace(struct rec *p, void *ra)
{
    struct capture c;
    int first = 0, i;
    c.n = 0;
    _Unwind_Backtrace(capture_cb, &c);
    for (i = 0; i < c.n && i < BT_SKIP_MAX; i++) {
        if (c.ips[i] == ra) {
            first = i;
            break;
        }
    }
    for (i = first; i < c.n && p->nframes < BT_MAX; i++)
        p->frames[p->nframes++] = c.ips[i];
}

static void print_frame(int i, void *ip)
{
    uintptr_t a = (uintptr_t)ip;
    Dl_info di;
    /* a-1: inside the call instruction, not after it */
    if (dladdr((void *)(a - 1), &di) && di.dli_fname) {
        const char *obj = di.dli_fname[0] ? di.dli_fname : "?";
        if (di.dli_sname && di.dli_saddr)
            fprintf(stderr, "#%d 0x%lx in %s+0x%lx (%s+0x%lx)\n", i, (unsigned long)a,
                    di.dli_sname, (unsigned long)(a - (uintptr_t)di.dli_saddr), obj,
                    (unsigned long)(a - (uintptr_t)di.dli_fbase));
        else
            fprintf(stderr, "#%d 0x%lx in ?? (%s+0x%lx)\n", i, (unsigned long)a, obj,
                    (unsigned long)(a - (uintptr_t)di.dli_fbase));
    } else {
        fprintf(stderr, "#%d 0x%lx\n", i, (unsigned long)a);
    }
}

/* ------------------------------------------------------------------ */
/* The end: an unrecovered panic */

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

CDEFER_NORETURN static void die(struct tstate *t, struct rec *p, const char *why)
{
    struct rec *r, *prev = NULL, *last = t->top;
    const char *tb;

    /* P is the panic that reached the end of the stack; it is on top,
     * unless something retired it meanwhile: then report it alone. */
    if (!last || !retire_newer_than(t, p)) {
        p->older = NULL;
        t->top = last = p;
    }

    /* One report, whole, even when threads die at once; the first one to
     * get here ends the process and the others never return. */
    pthread_mutex_lock(&report_lock);
    fflush(NULL);
    /* oldest first: reverse the active list, print, reverse it back (the
     * records stay reachable for leak checkers) */
    for (r = t->top; r; ) {
        struct rec *older = r->older;
        r->older = prev;
        prev = r;
        r = older;
    }
    for (r = prev; r; r = r->older)
        fprintf(stderr, "%spanic: %s%s\n", r == prev ? "" : "\t", r->info.message,
                r->target ? " [recovered]" : "");
    for (r = prev, prev = NULL; r; ) {
        struct rec *newer = r->older;
        r->older = prev;
        prev = r;
        r = newer;
    }
    if (why)
        fprintf(stderr, "\t(%s)\n", why);
    if (last) {
        int i;
        fprintf(stderr, "\tat %s:%d (%s)\n", last->info.file ? last->info.file : "?",
                last->info.line, last->info.func ? last->info.func : "?");
        for (i = 0; i < last->nframes; i++)
            print_frame(i, last->frames[i]);
    }
    fflush(stderr);
    tb = getenv("CDEFER_TRACEBACK");
    if (tb && strcmp(tb, "crash") == 0)
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

/* P was recovered by the frame owning P->target and that frame's cleanups
 * have run: resume the frame at its setjmp.  P and every older panic
 * suspended in that frame or below it are over. */
CDEFER_NORETURN static void land(struct tstate *t, struct rec *p)
{
    __cdefer_frame *f = p->target;
    uintptr_t at = p->target_at;
    t->top = p->older;
    retire(t, p);
    while (t->top && t->top->sp <= at) {
        struct rec *r = t->top;
        t->top = r->older;
        retire(t, r);
    }
    if (__tsan_func_entry)
        __tsan_func_entry(__builtin_return_address(0));
    longjmp(f->__jb, 1);
}

static _Unwind_Reason_Code stop(int version, _Unwind_Action actions,
                                _Unwind_Exception_Class cls,
                                struct _Unwind_Exception *exc,
                                struct _Unwind_Context *ctx, void *arg)
{
    struct tstate *t = &ts;
    struct rec *p = arg;
    uintptr_t cfa;
    (void)version;
    (void)cls;
    (void)exc;

    if (!retire_newer_than(t, p)) {
        /* Not active any more (cannot happen): let it go on, and report
         * it if it gets to the end. */
        if (actions & _UA_END_OF_STACK)
            die(t, p, NULL);
        return _URC_NO_REASON;
    }
    cfa = (uintptr_t)_Unwind_GetCFA(ctx);
    /* Past the recovering frame (its CFA is above its frame record), or
     * no frame left: its cleanups are done. */
    if (p->target && ((actions & _UA_END_OF_STACK) || cfa > p->target_at))
        land(t, p);
    if (actions & _UA_END_OF_STACK)
        die(t, p, NULL);
    p->sp = cfa;
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

CDEFER_NORETURN static void vpanic(void *ra, const char *file, int line, const char *func,
                                   void *value, const char *fmt, va_list ap)
{
    struct tstate *t = &ts;
    struct rec *p = calloc(1, sizeof *p);
    _Unwind_Reason_Code rc;

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
    format_message(p, fmt, ap);
    p->info.message = p->heap_msg ? p->heap_msg : p->msg;
    p->info.value = value;
    p->info.file = file;
    p->info.line = line;
    p->info.func = func;
    capture_backtrace(p, ra);
    /* The arguments may have pointed into records retired by earlier
     * panics (`panic("%s", r->message)`); they are formatted now. */
    free_retired(t);
    p->older = t->top;
    t->top = p;
    arm_thread_exit(t);

    p->exc.exception_class = CDEFER_EXCEPTION_CLASS;
    p->exc.exception_cleanup = exception_cleanup;
    rc = _Unwind_ForcedUnwind(&p->exc, stop, p);
    /* Only a broken unwind (corrupt or missing unwind tables) gets here. */
    (void)rc;
    die(t, p, "stack unwinding failed");
}

/* ------------------------------------------------------------------ */
/* The API */

void cdefer_panic(const char *file, int line, const char *func, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(__builtin_return_address(0), file, line, func, NULL, fmt, ap);
}

void cdefer_panic_value(const char *file, int line, const char *func, void *value,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(__builtin_return_address(0), file, line, func, value, fmt, ap);
}

const cdefer_panic_info *cdefer_recover(void)
{
    return NULL;
}

/* The frame holding ADDR, from a walk of the calling thread's stack:
 * [lo, hi) = [its stack pointer, its CFA). */
struct frame_of {
    uintptr_t addr, lo, hi;
    int found, n;
};

static _Unwind_Reason_Code frame_of_cb(struct _Unwind_Context *ctx, void *arg)
{
    struct frame_of *fo = arg;
    uintptr_t cfa = (uintptr_t)_Unwind_GetCFA(ctx);
    if (cfa > fo->addr) {
        fo->hi = cfa;
        fo->found = 1;
        return _URC_END_OF_STACK;
    }
    fo->lo = cfa;
    if (++fo->n > 1000)
        return _URC_END_OF_STACK;
    return _URC_NO_REASON;
}

const cdefer_panic_info *__cdefer_recover_in(__cdefer_frame *f)
{
    struct tstate *t = &ts;
    struct rec *p = t->top;
    uintptr_t a;
    struct frame_of fo;

    /* No panic, already recovered, or F's frame is below the frame being
     * cleaned up (F was called by deferred code and is exiting normally). */
    if (!p || p->target || !p->sp)
        return NULL;
    a = (uintptr_t)(f->__frame ? f->__frame : (void *)f);
    if (p->sp > a)
        return NULL;
    /* F's frame must be the one being cleaned up, not one above it (code
     * running on another stack: a signal stack, a coroutine). */
    memset(&fo, 0, sizeof fo);
    fo.addr = a;
    _Unwind_Backtrace(frame_of_cb, &fo);
    if (fo.found && !(fo.lo <= p->sp && p->sp < fo.hi))
        return NULL;
    p->target = f;
    p->target_at = a;
    return &p->info;
}
