/* traceback.c - libcdefer internal: the frames of an unrecovered panic's
 * report, Go-style (docs/RUNTIME.md "Unrecovered panics").
 *
 * For each frame recorded by the unwind (panic.c), two lines:
 *
 *     FUNCTION+0xOFF          the function (ELF symbol table, tb_symtab.c),
 *                             OFF = return address - function start
 *     \tFILE:LINE             from DWARF (libdw, tb_dwarf.c), or
 *     \tOBJECT+0xOFF          without line information (what addr2line takes)
 *
 * preceded by `NAME(...)` / `\tFILE:LINE` for each function inlined at that
 * point, innermost first.  A frame whose function has no name anywhere is
 * printed as the runtime always did: `#N 0xADDR in ?? (OBJECT+0xOFF)`.
 * The first CDEFER_TB_FIRST frames and the last CDEFER_TB_LAST are printed,
 * with `...N frames elided...` between them.
 *
 * Output goes to the file descriptor with write(2), formatted here: no
 * stdio (whose locks another thread may hold), no malloc.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE 1
#include "traceback.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Output */

CDEFER_HIDDEN void cdefer_out_flush(struct cdefer_out *o)
{
    size_t done = 0;
    while (done < o->n) {
        ssize_t w = write(o->fd, o->buf + done, o->n - done);
        if (w <= 0)
            break;                 /* nobody to tell (EINTR: the report is cut) */
        done += (size_t)w;
    }
    o->n = 0;
}

static void out_mem(struct cdefer_out *o, const char *s, size_t n)
{
    while (n) {
        size_t k = sizeof o->buf - o->n;
        if (k == 0) {
            cdefer_out_flush(o);
            continue;
        }
        if (k > n)
            k = n;
        memcpy(o->buf + o->n, s, k);
        o->n += k;
        s += k;
        n -= k;
    }
}

CDEFER_HIDDEN void cdefer_out_str(struct cdefer_out *o, const char *s)
{
    out_mem(o, s ? s : "?", strlen(s ? s : "?"));
}

CDEFER_HIDDEN void cdefer_out_dec(struct cdefer_out *o, long v)
{
    char b[24];
    int i = sizeof b;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        b[--i] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        b[--i] = '-';
    out_mem(o, b + i, sizeof b - (size_t)i);
}

CDEFER_HIDDEN void cdefer_out_hex(struct cdefer_out *o, uintptr_t v)
{
    char b[2 + 2 * sizeof v];
    int i = sizeof b;
    do
        b[--i] = "0123456789abcdef"[v & 15];
    while (v >>= 4);
    b[--i] = 'x';
    b[--i] = '0';
    out_mem(o, b + i, sizeof b - (size_t)i);
}

/* ------------------------------------------------------------------ */
/* CDEFER_TRACEBACK */

CDEFER_HIDDEN int cdefer_tb_mode(void)
{
    const char *v = getenv("CDEFER_TRACEBACK");
    if (v && strcmp(v, "none") == 0)
        return CDEFER_TB_NONE;
    if (v && strcmp(v, "crash") == 0)
        return CDEFER_TB_CRASH;
    return CDEFER_TB_SINGLE;       /* unset, "single" or anything else */
}

/* ------------------------------------------------------------------ */
/* Frames */

/* The frames printed, outermost last; static: one report at a time (the
 * report lock), and deep stacks must not need a deep one. */
static uintptr_t pcs[CDEFER_TB_SLOTS];
static int numbers[CDEFER_TB_SLOTS];

static void raw_line(struct cdefer_out *o, int num, uintptr_t ra, const char *obj, uintptr_t bias)
{
    cdefer_out_str(o, "#");
    cdefer_out_dec(o, num);
    cdefer_out_str(o, " ");
    cdefer_out_hex(o, ra);
    if (obj) {
        cdefer_out_str(o, " in ?? (");
        cdefer_out_str(o, obj);
        cdefer_out_str(o, "+");
        cdefer_out_hex(o, ra - bias);
        cdefer_out_str(o, ")");
    }
    cdefer_out_str(o, "\n");
}

static void where(struct cdefer_out *o, const struct cdefer_tb_level *v, const char *obj,
                  uintptr_t off)
{
    cdefer_out_str(o, "\t");
    if (v && v->line > 0 && v->file[0]) {
        cdefer_out_str(o, v->file);
        cdefer_out_str(o, ":");
        cdefer_out_dec(o, v->line);
    } else {
        cdefer_out_str(o, obj ? obj : "?");
        cdefer_out_str(o, "+");
        cdefer_out_hex(o, off);
    }
    cdefer_out_str(o, "\n");
}

static void frame(struct cdefer_out *o, int num, uintptr_t pc, const struct cdefer_tb_src *src)
{
    const char *obj = NULL, *name;
    uintptr_t bias = 0, start = 0, ra = pc + 1, off;
    int k;

    name = cdefer_tb_symbol(pc, &obj, &bias, &start);
    off = ra - start;
    if (src && !src->done)
        src = NULL;
    if (!name && src && src->sym[0]) {
        name = src->sym;
        off = src->symoff + 1;
    }
    if (!name) {
        raw_line(o, num, ra, obj, bias);
        return;
    }
    if (src)
        for (k = 0; k + 1 < src->nlev; k++) {
            cdefer_out_str(o, src->lev[k].func[0] ? src->lev[k].func : "?");
            cdefer_out_str(o, "(...)\n");
            where(o, &src->lev[k], obj, ra - bias);
        }
    cdefer_out_str(o, name);
    cdefer_out_str(o, "+");
    cdefer_out_hex(o, off);
    cdefer_out_str(o, "\n");
    where(o, src && src->nlev ? &src->lev[src->nlev - 1] : NULL, obj, ra - bias);
}

CDEFER_HIDDEN void cdefer_tb_print(struct cdefer_out *o, void *const *frames, int nframes,
                                   int raw)
{
    const struct cdefer_tb_src *src = NULL;
    int n = 0, i, first, elided;

    if (nframes <= 0)
        return;
    first = nframes < CDEFER_TB_FIRST ? nframes : CDEFER_TB_FIRST;
    for (i = 0; i < first; i++) {
        numbers[n] = i;
        pcs[n++] = (uintptr_t)frames[i] - 1;   /* inside the call, not after it */
    }
    i = nframes - CDEFER_TB_LAST > first ? nframes - CDEFER_TB_LAST : first;
    elided = i - first;
    for (; i < nframes; i++) {
        numbers[n] = i;
        pcs[n++] =
            (uintptr_t)frames[CDEFER_TB_FIRST + (i - CDEFER_TB_FIRST) % CDEFER_TB_LAST] - 1;
    }
    if (!raw) {
        cdefer_out_flush(o);       /* the message is out before anything can fail */
        src = cdefer_tb_dwarf(pcs, n);
    }
    for (i = 0; i < n; i++) {
        if (elided && i == first) {
            cdefer_out_str(o, "...");
            cdefer_out_dec(o, elided);
            cdefer_out_str(o, " frames elided...\n");
        }
        if (raw)
            raw_line(o, numbers[i], pcs[i] + 1, NULL, 0);
        else
            frame(o, numbers[i], pcs[i], src ? &src[i] : NULL);
    }
    cdefer_out_flush(o);
}
