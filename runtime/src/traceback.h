/* traceback.h - libcdefer internal: the report of an unrecovered panic
 * (traceback.c).  Not installed; nothing here is exported from
 * libcdefer.so.
 *
 * panic.c records the return addresses of the frames a panic unwinds:
 * the first CDEFER_TB_FIRST in frames[0..FIRST), the rest in a ring of
 * CDEFER_TB_LAST after them (frame i >= FIRST at FIRST + (i - FIRST) % LAST),
 * and the count of all of them.  traceback.c prints them, Go-style, with
 * the function names from each object's ELF symbol table and, where libdw
 * can be loaded, file:line and inlined functions from DWARF.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_TRACEBACK_H
#define CDEFER_TRACEBACK_H

#include <stddef.h>
#include <stdint.h>

#define CDEFER_HIDDEN __attribute__((__visibility__("hidden")))

#define CDEFER_TB_FIRST 64       /* outermost frames printed first ... */
#define CDEFER_TB_LAST 16        /* ... and the last ones, after the elision */
#define CDEFER_TB_SLOTS (CDEFER_TB_FIRST + CDEFER_TB_LAST)

/* CDEFER_TRACEBACK: none (message only), single (default), crash (abort) */
enum { CDEFER_TB_NONE, CDEFER_TB_SINGLE, CDEFER_TB_CRASH };
CDEFER_HIDDEN int cdefer_tb_mode(void);

/* Output to a file descriptor without stdio: no lock, no malloc. */
struct cdefer_out {
    int fd;
    size_t n;
    char buf[1024];
};
CDEFER_HIDDEN void cdefer_out_str(struct cdefer_out *o, const char *s);
CDEFER_HIDDEN void cdefer_out_dec(struct cdefer_out *o, long v);
CDEFER_HIDDEN void cdefer_out_hex(struct cdefer_out *o, uintptr_t v);  /* 0x... */
CDEFER_HIDDEN void cdefer_out_flush(struct cdefer_out *o);

/* tb_symtab.c: the object containing PC (an address inside a call
 * instruction), its path and load bias, and the name and start address of
 * the function, or NULL. */
CDEFER_HIDDEN const char *cdefer_tb_symbol(uintptr_t pc, const char **objpath, uintptr_t *bias,
                                           uintptr_t *start);

/* tb_dwarf.c: what DWARF says about a frame, through libdw. */
#define CDEFER_TB_INLINE 8       /* levels kept per frame */
struct cdefer_tb_level {
    int line;                    /* 0: unknown */
    char func[160];              /* the function of this level (DWARF name) */
    char file[400];
};
struct cdefer_tb_src {
    int done;                    /* this frame was looked up */
    int nlev;                    /* levels: [0] innermost inlined function ...
                                  * [nlev-1] the real function */
    struct cdefer_tb_level lev[CDEFER_TB_INLINE];
    char sym[160];               /* libdw's symbol name ("" if none) */
    uintptr_t symoff;            /* PC - its start */
};
/* Look up N PCs in a child process (libdw may malloc, take locks or crash;
 * the child's failure costs only the file:line).  NULL when nothing could
 * be run; else an array of N, each entry done or not. */
CDEFER_HIDDEN const struct cdefer_tb_src *cdefer_tb_dwarf(const uintptr_t *pcs, int n);

/* Print the frames (layout above; NFRAMES counts all recorded).  RAW:
 * only addresses, no symbolisation at all (a report that started while
 * this thread was already reporting). */
CDEFER_HIDDEN void cdefer_tb_print(struct cdefer_out *o, void *const *frames, int nframes,
                                   int raw);

#endif
