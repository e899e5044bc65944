// Code for gotos that leave a chain of defers for many labels grows
// linearly (gcc-plugin/dispatch.cc, docs/PERFORMANCE.md "gotos" axis).
// N x (defer use(i); if (step(i)) goto ti;) with ti outside the block: the
// i-th try/finally is left for N-i distinct labels, and GCC's tree-eh copies
// a finally once per destination (or switches over all of them), so without
// the dispatch the cleanup of defer i was emitted N-i+2 times at -O2: 900
// calls of use() for N=40.  With it, every try/finally has three ways out
// (end of block, the dispatch label, unwinding), so each cleanup is emitted
// exactly three times at -O2 (120 for N=40, 240 for N=80) and once at -O0.
//
// RUN: %gcc-plugin-cc -O2 -c %s -o /dev/null -DN=40 -fdump-tree-eh=%t.40.eh
// RUN: %gcc-plugin-cc -O2 -c %s -o /dev/null -DN=80 -fdump-tree-eh=%t.80.eh
// RUN: grep -c ' use (' %t.40.eh | %FileCheck --check-prefix=C40 %s
// RUN: grep -c ' use (' %t.80.eh | %FileCheck --check-prefix=C80 %s
// C40: {{^}}120{{$}}
// C80: {{^}}240{{$}}
// RUN: %gcc-plugin-cc -O0 -c %s -o /dev/null -DN=80 -fdump-tree-eh=%t.80.O0.eh
// RUN: grep -c ' use (' %t.80.O0.eh | %FileCheck --check-prefix=C80O0 %s
// C80O0: {{^}}80{{$}}
//
// At -O0 tree-eh switches instead of copying: without the dispatch the
// switch after the i-th finally had a case per label (3320 cases for N=80);
// with it, the dispatch's own switch has one per label and each finally's
// switch two (fall-off, dispatch; the default is unwinding): 239.
// RUN: grep -o 'case [0-9]*:' %t.80.O0.eh | wc -l | %FileCheck --check-prefix=CASES %s
// CASES: {{^ *}}239{{$}}
//
// The dump lists the labels the source names, not the dispatch's:
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-dump -c %s -o /dev/null -DN=40 2>&1 | %FileCheck --check-prefix=DUMP %s
// DUMP-LABEL: cdefer: function 'f'
// DUMP-NEXT:  cdefer:   defer {{.*}}: try/finally
// DUMP-NEXT:  cdefer:     exit: end of block
// DUMP-NEXT:  cdefer:     exit: goto 't0'
// DUMP-NEXT:  cdefer:     exit: goto 't1'
// DUMP:       cdefer:     exit: goto 't39'
// DUMP-NEXT:  cdefer:     exit: unwind
// DUMP-NEXT:  cdefer:   defer {{.*}}: try/finally
// DUMP-NEXT:  cdefer:     exit: end of block
// DUMP-NEXT:  cdefer:     exit: goto 't1'
// DUMP-NOT:   goto '?'
//
// The code still does what the source says: every exit runs the reached
// cleanups, last first, then continues at its own label.
// RUN: %gcc-plugin-cc -O2 %s -o %t.exe -DN=40 -DMAIN && %run %t.exe | %FileCheck --check-prefix=OUT %s
// RUN: %gcc-plugin-cc -O0 %s -o %t.exe0 -DN=40 -DMAIN -fplugin-arg-cdefer-gcc-unwind=off && %run %t.exe0 | %FileCheck --check-prefix=OUT %s
// OUT-LABEL: k=-1
// OUT-NEXT: 39 38 37 {{.*}} 2 1 0 r=-1
// OUT-NEXT: k=0
// OUT-NEXT: 0 r=100
// OUT-NEXT: k=1
// OUT-NEXT: 1 0 r=101
// OUT-NEXT: k=17
// OUT-NEXT: 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 r=117
// OUT-NEXT: k=39
// OUT-NEXT: 39 38 37 {{.*}} 2 1 0 r=139
// The same inside a deferred statement, where the gotos stay (GCC only:
// clang-22 -fexceptions, the shared corpus's reference, hangs on it):
// OUT-NEXT: body, step 60 fails
// OUT-NEXT: d0 r=0
// OUT-NEXT: body, step 61 fails
// OUT-NEXT: d1 d0 r=1
// OUT-NEXT: body, step 62 fails
// OUT-NEXT: d2 d1 d0 r=2
// OUT-NEXT: body, step -1 fails
// OUT-NEXT: d2 d1 d0 r=-1
// RUN: %gcc-plugin-cc -O0 -c %s -o /dev/null -DN=40 -DMAIN -fdump-tree-gimple=- | %FileCheck --check-prefix=GIMPLE %s
// GIMPLE-LABEL: int f ()
// GIMPLE:       switch (__cdefer_dest)
// GIMPLE-LABEL: void inside_deferred ()
// GIMPLE:       switch (__cdefer_dest)
#include <stddefer.h>

void use(int i);
int step(int i);

#define S(i) defer use(i); if (step(i)) goto t##i;
#define T(i) t##i: return 100 + i;
#define TEN(m, d) m(d##0) m(d##1) m(d##2) m(d##3) m(d##4) m(d##5) m(d##6) m(d##7) m(d##8) m(d##9)

int f(void)
{
    {
        S(0) S(1) S(2) S(3) S(4) S(5) S(6) S(7) S(8) S(9)
        TEN(S, 1) TEN(S, 2) TEN(S, 3)
#if N > 40
        TEN(S, 4) TEN(S, 5) TEN(S, 6) TEN(S, 7)
#endif
    }
    return -1;
    T(0) T(1) T(2) T(3) T(4) T(5) T(6) T(7) T(8) T(9)
    TEN(T, 1) TEN(T, 2) TEN(T, 3)
#if N > 40
    TEN(T, 4) TEN(T, 5) TEN(T, 6) TEN(T, 7)
#endif
}

#ifdef MAIN
#include <stdio.h>
static int fail_at;
void use(int i) { printf("%d ", i); }
int step(int i) { return i == fail_at; }

void inside_deferred(void)
{
    defer {
        int r = -1;
        {
            defer printf("d0 ");
            if (step(60)) goto e0;
            defer printf("d1 ");
            if (step(61)) goto e1;
            defer printf("d2 ");
            if (step(62)) goto e2;
        }
        goto done;
    e0: r = 0; goto done;
    e1: r = 1; goto done;
    e2: r = 2; goto done;
    done:
        printf("r=%d\n", r);
    }
    printf("body, step %d fails\n", fail_at);
}

int main(void)
{
    static const int ks[] = {-1, 0, 1, 17, 39};
    for (int j = 0; j < 5; j++) {
        fail_at = ks[j];
        printf("k=%d\n", fail_at);
        int r = f();
        printf("r=%d\n", r);
    }
    static const int in[] = {60, 61, 62, -1};
    for (int j = 0; j < 4; j++) {
        fail_at = in[j];
        inside_deferred();
    }
    return 0;
}
#endif
