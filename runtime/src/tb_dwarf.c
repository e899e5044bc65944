/* tb_dwarf.c - libcdefer internal: file:line and inlined functions of the
 * panic report's frames, from DWARF through elfutils' libdw.
 *
 * libdw is not a dependency of libcdefer: it is dlopen'ed ("libdw.so.1")
 * only when a report is printed, and only in a child process.  At that
 * moment the heap may be corrupted or a lock held by another thread; libdw
 * mallocs, and dlopen takes the loader's lock.  So the parent maps a
 * shared result array, forks with _Fork (no atfork handlers, which could
 * take the user's locks), and the child symbolises into the array, frame
 * by frame, and exits.  The parent waits for it at most CHILD_TIMEOUT_MS:
 * whatever the child finished is used; a child that crashed, hung or found
 * no libdw leaves the frames it did not do with names only.
 *
 * The few libdw types and functions used are declared here (elfutils'
 * stable public ABI, libdw.h / libdwfl.h), so neither building nor linking
 * libcdefer needs libdw-dev or libdw1.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE 1
#include "traceback.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHILD_TIMEOUT_MS 5000

/* libdw.h / libdwfl.h */
typedef struct {
    void *addr, *cu, *abbrev;
    long padding__;
} Dwarf_Die;
typedef struct {
    unsigned int code, form;
    unsigned char *valp;
    void *cu;
} Dwarf_Attribute;
typedef struct {
    void *find_elf, *find_debuginfo, *section_address;
    char **debuginfo_path;
} Dwfl_Callbacks;
typedef struct {               /* GElf_Sym = Elf64_Sym */
    uint32_t st_name;
    unsigned char st_info, st_other;
    uint16_t st_shndx;
    uint64_t st_value, st_size;
} GElf_Sym;

#define DW_TAG_subprogram 0x2e
#define DW_TAG_inlined_subroutine 0x1d
#define DW_AT_name 0x03
#define DW_AT_call_file 0x58
#define DW_AT_call_line 0x59

struct libdw {
    void *(*begin)(const Dwfl_Callbacks *);
    void (*report_begin)(void *);
    int (*proc_report)(void *, pid_t);
    int (*report_end)(void *, void *, void *);
    void (*end)(void *);
    void *(*addrmodule)(void *, uint64_t);
    const char *(*addrinfo)(void *, uint64_t, uint64_t *, GElf_Sym *, uint32_t *, void **,
                            uint64_t *);
    void *(*getsrc)(void *, uint64_t);
    const char *(*lineinfo)(void *, uint64_t *, int *, int *, uint64_t *, uint64_t *);
    Dwarf_Die *(*addrdie)(void *, uint64_t, uint64_t *);
    void *(*nextcu)(void *, void *, uint64_t *);
    int (*haspc)(Dwarf_Die *, uint64_t);
    void *(*getsrc_die)(Dwarf_Die *, uint64_t);
    const char *(*linesrc)(void *, uint64_t *, uint64_t *);
    int (*lineno)(void *, int *);
    int (*getscopes)(Dwarf_Die *, uint64_t, Dwarf_Die **);
    int (*getscopes_die)(Dwarf_Die *, Dwarf_Die **);
    int (*tag)(Dwarf_Die *);
    Dwarf_Attribute *(*attr)(Dwarf_Die *, unsigned int, Dwarf_Attribute *);
    Dwarf_Attribute *(*attr_integrate)(Dwarf_Die *, unsigned int, Dwarf_Attribute *);
    const char *(*formstring)(Dwarf_Attribute *);
    int (*formudata)(Dwarf_Attribute *, uint64_t *);
    int (*getsrcfiles)(Dwarf_Die *, void **, size_t *);
    const char *(*filesrc)(void *, size_t, uint64_t *, uint64_t *);
};

static int load_libdw(struct libdw *l, Dwfl_Callbacks *cb)
{
    void *h = dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return 0;
#define SYM(field, name)                                                   \
    do {                                                                   \
        void *s_ = dlsym(h, name);                                         \
        if (!s_)                                                           \
            return 0;                                                      \
        memcpy(&l->field, &s_, sizeof s_);                                 \
    } while (0)
    SYM(begin, "dwfl_begin");
    SYM(report_begin, "dwfl_report_begin");
    SYM(proc_report, "dwfl_linux_proc_report");
    SYM(report_end, "dwfl_report_end");
    SYM(end, "dwfl_end");
    SYM(addrmodule, "dwfl_addrmodule");
    SYM(addrinfo, "dwfl_module_addrinfo");
    SYM(getsrc, "dwfl_module_getsrc");
    SYM(lineinfo, "dwfl_lineinfo");
    SYM(addrdie, "dwfl_module_addrdie");
    SYM(nextcu, "dwfl_module_nextcu");
    SYM(haspc, "dwarf_haspc");
    SYM(getsrc_die, "dwarf_getsrc_die");
    SYM(linesrc, "dwarf_linesrc");
    SYM(lineno, "dwarf_lineno");
    SYM(getscopes, "dwarf_getscopes");
    SYM(getscopes_die, "dwarf_getscopes_die");
    SYM(tag, "dwarf_tag");
    SYM(attr, "dwarf_attr");
    SYM(attr_integrate, "dwarf_attr_integrate");
    SYM(formstring, "dwarf_formstring");
    SYM(formudata, "dwarf_formudata");
    SYM(getsrcfiles, "dwarf_getsrcfiles");
    SYM(filesrc, "dwarf_filesrc");
#undef SYM
    memset(cb, 0, sizeof *cb);
    cb->find_elf = dlsym(h, "dwfl_linux_proc_find_elf");
    cb->find_debuginfo = dlsym(h, "dwfl_standard_find_debuginfo");
    return cb->find_elf && cb->find_debuginfo;
}

static void put(char *dst, size_t cap, const char *src)
{
    size_t n;
    if (!src)
        src = "";
    n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Fill R for PC: the line table's file:line is the innermost level's; each
 * inlined subroutine around PC (innermost first) is a level whose caller
 * is at its DW_AT_call_file:DW_AT_call_line; the subprogram ends the list. */
static void lookup(const struct libdw *l, void *dwfl, uintptr_t pc, struct cdefer_tb_src *r)
{
    void *mod = l->addrmodule(dwfl, pc), *line, *files = NULL;
    const char *file = NULL, *name;
    int lineno = 0, i, n;
    uint64_t off = 0, bias = 0, a = 0;
    GElf_Sym sym;
    Dwarf_Die *cu, *scopes = NULL;
    size_t nfiles = 0;

    if (!mod)
        return;
    name = l->addrinfo(mod, pc, &off, &sym, NULL, NULL, NULL);
    if (name) {
        put(r->sym, sizeof r->sym, name);
        r->symoff = (uintptr_t)off;
    }
    line = l->getsrc(mod, pc);
    if (line)
        file = l->lineinfo(line, &a, &lineno, NULL, NULL, NULL);
    cu = l->addrdie(mod, pc, &bias);
    if (!cu || !file) {
        /* libdw (0.188) trusts .debug_aranges when the object has one, but
         * that can cover only some compilation units (GCC-built objects
         * linked with Clang-built ones, which have none): look at every
         * unit's own ranges */
        void *c = NULL;
        uint64_t b = 0;
        while ((c = l->nextcu(mod, c, &b)) != NULL)
            if (l->haspc(c, pc - b) > 0) {
                cu = c;
                bias = b;
                break;
            }
        if (cu && !file && (line = l->getsrc_die(cu, pc - bias)) != NULL &&
            l->lineno(line, &lineno) == 0)
            file = l->linesrc(line, NULL, NULL);
    }
    n = cu ? l->getscopes(cu, pc - bias, &scopes) : 0;
    /* getscopes follows an inlined function's abstract origin outwards;
     * the concrete nesting (inlined ... subprogram) is the innermost
     * scope's own parents, as eu-addr2line -i finds them */
    if (n > 0) {
        Dwarf_Die in = scopes[0];
        free(scopes);
        scopes = NULL;
        n = l->getscopes_die(&in, &scopes);
    }
    if (cu && l->getsrcfiles(cu, &files, &nfiles) != 0)
        files = NULL;
    for (i = 0; i < n; i++) {
        Dwarf_Die *s = &scopes[i];
        int tag = l->tag(s);
        Dwarf_Attribute at;
        struct cdefer_tb_level *v;
        if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram)
            continue;
        /* innermost first; too many inlined levels: the outer ones are
         * dropped, the subprogram always has the last slot */
        if (tag == DW_TAG_subprogram)
            v = &r->lev[r->nlev < CDEFER_TB_INLINE ? r->nlev : CDEFER_TB_INLINE - 1];
        else
            v = r->nlev < CDEFER_TB_INLINE - 1 ? &r->lev[r->nlev] : NULL;
        if (v) {
            put(v->func, sizeof v->func,
                l->attr_integrate(s, DW_AT_name, &at) ? l->formstring(&at) : NULL);
            put(v->file, sizeof v->file, file);
            v->line = file ? lineno : 0;
            r->nlev = (int)(v - r->lev) + 1;
        }
        if (tag == DW_TAG_subprogram)
            break;
        /* where the inlined call is: the next level's position */
        {
            uint64_t idx = 0, cl = 0;
            file = NULL;
            lineno = 0;
            if (files && l->attr(s, DW_AT_call_file, &at) && l->formudata(&at, &idx) == 0 &&
                idx < nfiles)
                file = l->filesrc(files, (size_t)idx, NULL, NULL);
            if (l->attr(s, DW_AT_call_line, &at) && l->formudata(&at, &cl) == 0)
                lineno = (int)cl;
        }
    }
    if (r->nlev == 0) {            /* no scopes: the line table alone */
        put(r->lev[0].file, sizeof r->lev[0].file, file);
        r->lev[0].line = file ? lineno : 0;
        r->nlev = 1;
    }
    free(scopes);
}

static void child(const uintptr_t *pcs, int n, struct cdefer_tb_src *res)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGSYS, SIGPIPE};
    struct libdw l;
    Dwfl_Callbacks cb;
    char *debuginfo_path = NULL;
    void *dwfl;
    size_t i;
    int k;

    /* nothing from this process is part of the report (glibc's "malloc():
     * corrupted ..." before it aborts, libdw's complaints) */
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, 1);
        dup2(null, 2);
    }
    /* the program's handlers are not for this process */
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    /* no network lookups of debug information */
    unsetenv("DEBUGINFOD_URLS");
    if (!load_libdw(&l, &cb))
        return;
    cb.debuginfo_path = &debuginfo_path;
    dwfl = l.begin(&cb);
    if (!dwfl)
        return;
    l.report_begin(dwfl);
    /* our copy of the address space is the parent's */
    if (l.proc_report(dwfl, getpid()) != 0 || l.report_end(dwfl, NULL, NULL) != 0)
        return;
    for (k = 0; k < n; k++) {
        lookup(&l, dwfl, pcs[k], &res[k]);
        __atomic_store_n(&res[k].done, 1, __ATOMIC_RELEASE);
    }
    l.end(dwfl);
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

CDEFER_HIDDEN const struct cdefer_tb_src *cdefer_tb_dwarf(const uintptr_t *pcs, int n)
{
    size_t size = (size_t)n * sizeof(struct cdefer_tb_src);
    struct cdefer_tb_src *res;
    int fds[2];
    pid_t pid;
    long deadline;

    if (n <= 0)
        return NULL;
    res = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED)
        return NULL;
    if (pipe2(fds, O_CLOEXEC) != 0)
        return NULL;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
    pid = _Fork();
#else
    pid = fork();
#endif
    if (pid == 0) {
        close(fds[0]);
        child(pcs, n, res);
        _exit(0);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return NULL;
    }
    /* Until the pipe's end of file (the child is gone), every frame is
     * done (what the child does after that is of no use: it is killed),
     * or the time is up. */
    deadline = now_ms() + CHILD_TIMEOUT_MS;
    for (;;) {
        struct pollfd p = {fds[0], POLLIN, 0};
        long left = deadline - now_ms();
        char c;
        int rc, k;
        for (k = 0; k < n && __atomic_load_n(&res[k].done, __ATOMIC_ACQUIRE); k++)
            ;
        if (k == n || left <= 0) {
            kill(pid, SIGKILL);
            break;
        }
        rc = poll(&p, 1, left < 10 ? (int)left : 10);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc > 0 && read(fds[0], &c, 1) <= 0)
            break;
    }
    close(fds[0]);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    return res;
}
