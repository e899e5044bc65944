/* eh_tables.c - libcdefer internal: two answers read from the unwind
 * tables the compilers emit, for a panic suspended in a frame's landing
 * pad (docs/RUNTIME.md 3.3; frames.c: cdefer_frame_top):
 * - where that frame ends on the stack -- its CFA, by the frame's DWARF
 *   call frame information at the stopped call (.eh_frame: the CIE and FDE
 *   programs, of which only the CFA rule is followed);
 * - which landing pad the unwinder installed for that call, by the frame's
 *   language-specific data area (the call-site table __gcc_personality_v0
 *   reads, which GCC and Clang emit for C).
 * A reader only: any encoding or instruction it does not know makes it
 * answer "not known" (0), never a guess.
 *
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "eh_tables.h"

#include <stddef.h>
#include <string.h>

enum {
    PE_absptr = 0x00, PE_uleb128 = 0x01, PE_udata2 = 0x02, PE_udata4 = 0x03, PE_udata8 = 0x04,
    PE_sleb128 = 0x09, PE_sdata2 = 0x0a, PE_sdata4 = 0x0b, PE_sdata8 = 0x0c,
    PE_pcrel = 0x10, PE_textrel = 0x20, PE_datarel = 0x30, PE_indirect = 0x80, PE_omit = 0xff
};

struct reader {
    const unsigned char *p, *end;  /* end: NULL while unbounded */
    int bad;
};

/* An unsigned (SIGNED = 0) or signed LEB128 number. */
static uint64_t read_leb(struct reader *r, int is_signed)
{
    uint64_t v = 0;
    unsigned shift = 0;
    unsigned char b;
    do {
        if (r->end && r->p >= r->end) {
            r->bad = 1;
            return 0;
        }
        b = *r->p++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
    } while (b & 0x80);
    if (is_signed && shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
    return v;
}

#define read_uleb(r) read_leb((r), 0)
#define read_sleb(r) ((int64_t)read_leb((r), 1))

static uint64_t read_fixed(struct reader *r, size_t n, int sign)
{
    unsigned char b[8];
    uint64_t v;
    if (r->end && (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return 0;
    }
    memcpy(b, r->p, n);            /* the target's byte order, unaligned */
    r->p += n;
    switch (n) {
    case 1: v = b[0]; break;
    case 2: { uint16_t x; memcpy(&x, b, 2); v = sign ? (uint64_t)(int64_t)(int16_t)x : x; break; }
    case 4: { uint32_t x; memcpy(&x, b, 4); v = sign ? (uint64_t)(int64_t)(int32_t)x : x; break; }
    default: memcpy(&v, b, 8); break;
    }
    return v;
}

/* A value in encoding ENC; the applications other than absolute and
 * pc-relative (text-, data-, function-relative, aligned) are not used by
 * the tables GCC and Clang emit on the targets of frames.c and are
 * refused.  (An FDE's address range is read with PE_omit's application
 * bits clear: see cfa_of.) */
static uintptr_t read_encoded(struct reader *r, unsigned enc)
{
    const unsigned char *at = r->p;
    uint64_t v;
    if ((enc & 0x70) != 0 && (enc & 0x70) != PE_pcrel) {
        r->bad = 1;
        return 0;
    }
    switch (enc & 0x0f) {
    case PE_absptr: v = read_fixed(r, sizeof(uintptr_t), 0); break;
    case PE_uleb128: v = read_uleb(r); break;
    case PE_sleb128: v = (uint64_t)read_sleb(r); break;
    case PE_udata2: v = read_fixed(r, 2, 0); break;
    case PE_udata4: v = read_fixed(r, 4, 0); break;
    case PE_udata8: v = read_fixed(r, 8, 0); break;
    case PE_sdata2: v = read_fixed(r, 2, 1); break;
    case PE_sdata4: v = read_fixed(r, 4, 1); break;
    case PE_sdata8: v = read_fixed(r, 8, 1); break;
    default: r->bad = 1; return 0;
    }
    if (r->bad)
        return 0;
    if ((enc & 0x70) == PE_pcrel)
        v += (uintptr_t)at;
    if (enc & PE_indirect)
        v = (uint64_t)*(const uintptr_t *)(uintptr_t)v;
    return (uintptr_t)v;
}

/* The landing pad for the call whose address minus one is IP in the
 * function (partition) starting at START, per LSDA (the header, then the
 * call-site table, as __gcc_personality_v0 reads them); 0 when the call
 * has none or the table cannot be read. */
CDEFER_HIDDEN uintptr_t cdefer_landing_pad(const unsigned char *lsda, uintptr_t start, uintptr_t ip)
{
    struct reader r = { lsda, NULL, 0 };
    uintptr_t lpstart = start;
    unsigned enc, cs_enc;
    uint64_t len;
    if (!lsda || !start || ip < start)
        return 0;
    enc = *r.p++;
    if (enc != PE_omit)
        lpstart = read_encoded(&r, enc);
    enc = *r.p++;                  /* type table: C has none to read */
    if (enc != PE_omit)
        (void)read_uleb(&r);
    cs_enc = *r.p++;
    len = read_uleb(&r);
    if (r.bad || cs_enc == PE_omit)
        return 0;
    r.end = r.p + len;
    while (r.p < r.end && !r.bad) {
        uintptr_t cs_start = read_encoded(&r, cs_enc);
        uintptr_t cs_len = read_encoded(&r, cs_enc);
        uintptr_t cs_lp = read_encoded(&r, cs_enc);
        (void)read_uleb(&r);       /* action */
        if (r.bad)
            return 0;
        if (ip < start + cs_start)
            return 0;              /* the table is sorted: no entry */
        if (ip < start + cs_start + cs_len)
            return cs_lp ? lpstart + cs_lp : 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The CFA at a call site */

/* What libgcc's _Unwind_Find_FDE fills (unwind-dw2-fde.h); a weak
 * reference: an unwinder without it leaves the answer "not known". */
struct dwarf_eh_bases {
    void *tbase, *dbase, *func;
};
extern const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases) __attribute__((__weak__));

#define CFA_STATES 16              /* DW_CFA_remember_state depth followed */

struct cfa_rule {
    uint64_t reg;
    int64_t off;
    int expr;                      /* DW_CFA_def_cfa_expression: not followed */
};

struct cfa_run {
    struct cfa_rule rule, saved[CFA_STATES];
    int nsaved;
    uintptr_t loc, ip;
    uint64_t code_align;
    int64_t data_align;
    unsigned fde_enc;
};

/* Runs a CIE's or FDE's instructions up to the row for W->ip; 0 when one
 * is not known.  Only the CFA rule is kept; the register rules are read
 * past. */
static int run_cfa_program(struct cfa_run *w, struct reader *r)
{
    while (r->p < r->end && !r->bad) {
        unsigned op = *r->p++;
        uint64_t delta;
        if (op & 0xc0) {
            switch (op & 0xc0) {
            case 0x40:             /* DW_CFA_advance_loc */
                w->loc += (op & 0x3f) * w->code_align;
                if (w->loc > w->ip)
                    return 1;
                continue;
            case 0x80:             /* DW_CFA_offset */
                (void)read_uleb(r);
                continue;
            default:               /* DW_CFA_restore */
                continue;
            }
        }
        switch (op) {
        case 0x00:                 /* nop */
        case 0x2d:                 /* GNU_window_save, AArch64 negate_ra_state */
            break;
        case 0x01:                 /* set_loc */
            w->loc = read_encoded(r, w->fde_enc);
            if (w->loc > w->ip)
                return 1;
            break;
        case 0x02: case 0x03: case 0x04:  /* advance_loc1, 2, 4 */
            delta = read_fixed(r, op == 0x02 ? 1 : op == 0x03 ? 2 : 4, 0);
            w->loc += delta * w->code_align;
            if (w->loc > w->ip)
                return 1;
            break;
        case 0x05: case 0x09: case 0x14: case 0x2f:  /* reg, uleb */
            (void)read_uleb(r);
            (void)read_uleb(r);
            break;
        case 0x06: case 0x07: case 0x08: case 0x2e:  /* one uleb (0x2e: GNU_args_size) */
            (void)read_uleb(r);
            break;
        case 0x11: case 0x15:      /* reg, sleb */
            (void)read_uleb(r);
            (void)read_sleb(r);
            break;
        case 0x10: case 0x16:      /* reg, block */
            (void)read_uleb(r);
            delta = read_uleb(r);
            if (delta > (uint64_t)(r->end - r->p))
                return 0;
            r->p += delta;
            break;
        case 0x0a:                 /* remember_state */
            if (w->nsaved == CFA_STATES)
                return 0;
            w->saved[w->nsaved++] = w->rule;
            break;
        case 0x0b:                 /* restore_state */
            if (!w->nsaved)
                return 0;
            w->rule = w->saved[--w->nsaved];
            break;
        case 0x0c:                 /* def_cfa */
            w->rule.reg = read_uleb(r);
            w->rule.off = (int64_t)read_uleb(r);
            w->rule.expr = 0;
            break;
        case 0x0d:                 /* def_cfa_register */
            w->rule.reg = read_uleb(r);
            w->rule.expr = 0;
            break;
        case 0x0e:                 /* def_cfa_offset */
            w->rule.off = (int64_t)read_uleb(r);
            break;
        case 0x0f:                 /* def_cfa_expression */
            delta = read_uleb(r);
            if (delta > (uint64_t)(r->end - r->p))
                return 0;
            r->p += delta;
            w->rule.expr = 1;
            break;
        case 0x12:                 /* def_cfa_sf */
            w->rule.reg = read_uleb(r);
            w->rule.off = read_sleb(r) * w->data_align;
            w->rule.expr = 0;
            break;
        case 0x13:                 /* def_cfa_offset_sf */
            w->rule.off = read_sleb(r) * w->data_align;
            break;
        default:
            return 0;
        }
    }
    return !r->bad;
}

static uint32_t read_u32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

CDEFER_HIDDEN int cdefer_cfa_rule(uintptr_t ip, uint64_t *reg, int64_t *off)
{
    struct dwarf_eh_bases bases;
    const unsigned char *fde, *cie, *aug;
    struct reader r = { NULL, NULL, 0 };
    struct cfa_run w;
    uint32_t len;
    int z = 0;

    if (!_Unwind_Find_FDE || !ip)
        return 0;
    fde = _Unwind_Find_FDE((void *)ip, &bases);
    if (!fde || !bases.func)
        return 0;
    len = read_u32(fde);
    if (len == 0xffffffffu || len < 8)
        return 0;                  /* 64-bit DWARF: not in .eh_frame */
    cie = fde + 4 - read_u32(fde + 4);
    memset(&w, 0, sizeof w);
    w.ip = ip;
    w.loc = (uintptr_t)bases.func;

    /* the CIE: version, augmentation, alignments, return column */
    if (read_u32(cie) == 0xffffffffu)
        return 0;
    r.p = cie + 8;
    r.end = cie + 4 + read_u32(cie);
    if (*r.p != 1 && *r.p != 3)
        return 0;
    {
        unsigned version = *r.p++;
        aug = r.p;
        while (r.p < r.end && *r.p)
            r.p++;
        if (r.p >= r.end)
            return 0;
        r.p++;
        if (aug[0] == 'e' && aug[1] == 'h')
            return 0;              /* GCC 2.x augmentation */
        w.code_align = read_uleb(&r);
        w.data_align = read_sleb(&r);
        if (version == 1)
            r.p++;
        else
            (void)read_uleb(&r);
    }
    w.fde_enc = PE_absptr;
    if (aug[0] == 'z') {
        uint64_t alen = read_uleb(&r);
        const unsigned char *adata = r.p, *a;
        z = 1;
        if (r.bad || alen > (uint64_t)(r.end - r.p))
            return 0;
        for (a = aug + 1; *a; a++) {
            if (*a == 'R') {
                w.fde_enc = *r.p++;
            } else if (*a == 'P') {
                unsigned penc = *r.p++;
                (void)read_encoded(&r, penc & ~PE_indirect & ~0x70u);
            } else if (*a == 'L') {
                r.p++;
            } else if (*a != 'S' && *a != 'B' && *a != 'G') {
                break;             /* unknown: its data is skipped below */
            }
            if (r.bad)
                return 0;
        }
        r.p = adata + alen;
    } else if (aug[0]) {
        return 0;
    }
    if (!run_cfa_program(&w, &r))
        return 0;

    /* the FDE: address range (read past), augmentation data, program */
    r.p = fde + 8;
    r.end = fde + 4 + len;
    (void)read_encoded(&r, (w.fde_enc & 0x0f));
    (void)read_encoded(&r, (w.fde_enc & 0x0f));
    if (z) {
        uint64_t alen = read_uleb(&r);
        if (r.bad || alen > (uint64_t)(r.end - r.p))
            return 0;
        r.p += alen;
    }
    w.loc = (uintptr_t)bases.func;
    if (!run_cfa_program(&w, &r) || w.rule.expr)
        return 0;
    *reg = w.rule.reg;
    *off = w.rule.off;
    return 1;
}
