/* tb_symtab.c - libcdefer internal: which loaded object and which function
 * an address belongs to, for the panic report (traceback.c).
 *
 * The object comes from dl_iterate_phdr (its PT_LOAD segments); the
 * function from the object's ELF symbol table, .symtab (static functions
 * included) or, in a stripped object, .dynsym.  The file is mapped
 * read-only and kept mapped (the process is about to end): no malloc, no
 * stdio, no lock but the loader's own, so it works with the heap
 * corrupted.  Every offset read from the file is bounds-checked: a
 * truncated or odd file gives no name, never a crash.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE 1
#include "traceback.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_OBJS 64

/* One loaded object, mapped once. */
struct obj {
    uintptr_t bias;              /* dlpi_addr */
    char path[512];
    int tried;                   /* mapped (or failed to) */
    const unsigned char *map;
    size_t size;
    const ElfW(Sym) *syms;
    size_t nsyms;
    const char *strs;
    size_t strsz;
};

/* Protected by panic.c's report lock: only one report runs at a time. */
static struct obj objs[MAX_OBJS];
static int nobjs;

struct find {
    uintptr_t pc;
    uintptr_t bias;
    const char *name;
    int found;
};

static int find_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    struct find *f = data;
    int i;
    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && f->pc >= lo && f->pc - lo < ph->p_memsz) {
            f->bias = info->dlpi_addr;
            f->name = info->dlpi_name;
            f->found = 1;
            return 1;
        }
    }
    return 0;
}

static void copy_path(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Map P's file and find its symbol table. */
static void load(struct obj *p)
{
    const ElfW(Ehdr) *eh;
    const ElfW(Shdr) *sh;
    struct stat st;
    size_t i, want;
    int fd;

    p->tried = 1;
    fd = open(p->path[0] ? p->path : "/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(ElfW(Ehdr))) {
        close(fd);
        return;
    }
    p->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p->map == MAP_FAILED) {
        p->map = NULL;
        return;
    }
    p->size = (size_t)st.st_size;
    eh = (const ElfW(Ehdr) *)p->map;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) ||
        eh->e_shentsize != sizeof(ElfW(Shdr)) || eh->e_shoff == 0 || eh->e_shoff > p->size ||
        (p->size - eh->e_shoff) / sizeof(ElfW(Shdr)) < eh->e_shnum)
        return;
    sh = (const ElfW(Shdr) *)(p->map + eh->e_shoff);
    /* .symtab if there is one, else .dynsym */
    for (want = SHT_SYMTAB;; want = SHT_DYNSYM) {
        for (i = 0; i < eh->e_shnum; i++) {
            const ElfW(Shdr) *s = &sh[i], *str;
            if (s->sh_type != want || s->sh_link >= eh->e_shnum)
                continue;
            str = &sh[s->sh_link];
            if (s->sh_offset > p->size || s->sh_size > p->size - s->sh_offset ||
                str->sh_offset > p->size || str->sh_size > p->size - str->sh_offset ||
                s->sh_offset % sizeof(void *) != 0)
                continue;
            p->syms = (const ElfW(Sym) *)(p->map + s->sh_offset);
            p->nsyms = s->sh_size / sizeof(ElfW(Sym));
            p->strs = (const char *)(p->map + str->sh_offset);
            p->strsz = str->sh_size;
            return;
        }
        if (want == SHT_DYNSYM)
            return;
    }
}

static struct obj *object_of(uintptr_t pc)
{
    struct find f = {pc, 0, NULL, 0};
    struct obj *p;
    int i;

    if (!dl_iterate_phdr(find_cb, &f) || !f.found)
        return NULL;
    for (i = 0; i < nobjs; i++)
        if (objs[i].bias == f.bias && strncmp(objs[i].path, f.name ? f.name : "",
                                              sizeof objs[i].path - 1) == 0)
            return &objs[i];
    if (nobjs == MAX_OBJS)
        return NULL;
    p = &objs[nobjs++];
    p->bias = f.bias;
    copy_path(p->path, sizeof p->path, f.name ? f.name : "");
    return p;
}

/* The object containing PC (an address inside a call instruction):
 * its path (the executable's as /proc/self/exe names it) and its load
 * bias, and the function: its name and start address, or NULL. */
CDEFER_HIDDEN const char *cdefer_tb_symbol(uintptr_t pc, const char **objpath, uintptr_t *bias,
                                           uintptr_t *start)
{
    static char exe[512];
    struct obj *p = object_of(pc);
    const char *best = NULL;
    uintptr_t off;
    size_t i;

    *objpath = NULL;
    *bias = 0;
    if (!p)
        return NULL;
    *bias = p->bias;
    if (p->path[0]) {
        *objpath = p->path;
    } else {
        if (!exe[0]) {
            ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
            if (n > 0)
                exe[n] = '\0';
            else
                copy_path(exe, sizeof exe, program_invocation_name);
        }
        *objpath = exe;
    }
    if (!p->tried)
        load(p);
    if (!p->syms)
        return NULL;
    off = pc - p->bias;
    for (i = 0; i < p->nsyms; i++) {
        const ElfW(Sym) *s = &p->syms[i];
        int type = ELF64_ST_TYPE(s->st_info);
        const char *name;
        if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s->st_shndx == SHN_UNDEF ||
            s->st_size == 0 || off < s->st_value || off - s->st_value >= s->st_size ||
            s->st_name == 0 || s->st_name >= p->strsz)
            continue;
        name = p->strs + s->st_name;
        if (strnlen(name, p->strsz - s->st_name) == p->strsz - s->st_name)
            continue;              /* not terminated inside the table */
        /* of aliases, a global name rather than a local one */
        if (!best || ELF64_ST_BIND(s->st_info) != STB_LOCAL) {
            best = name;
            *start = p->bias + s->st_value;
        }
        if (ELF64_ST_BIND(s->st_info) != STB_LOCAL)
            break;
    }
    return best;
}
