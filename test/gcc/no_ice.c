// No input, valid or not, crashes the compiler (SPEC 3): every case below
// is an error and compiles to a diagnostic, never an internal compiler error.
// Every case is compiled with -fsyntax-only and with -O2 -c (Inputs/each_case_is_error.sh).
// RUN: sh %S/Inputs/each_case_is_error.sh "%gcc-plugin-cc" %s 16

#if CASE == 1 /* _Defer at end of file */
int f(void) { _Defer
#elif CASE == 2 /* _Defer before } */
int f(void) { _Defer }
#elif CASE == 3 /* _Defer declaration */
int f(void) { _Defer int x; return 0; }
#elif CASE == 4 /* _Defer in an expression */
int f(void) { int x = _Defer 1; return x; }
#elif CASE == 5 /* _Defer in a for header */
int f(void) { for (_Defer 1;;) ; }
#elif CASE == 6 /* _Defer in a struct */
int f(void) { struct { _Defer int a; } s; return 0; }
#elif CASE == 7 /* defer of defer of return */
int f(int x) { _Defer { _Defer { return 1; } } return x; }
#elif CASE == 8 /* goto into nested deferred */
int f(int x) { if (x) goto M; _Defer { _Defer { M: x++; } } return x; }
#elif CASE == 9 /* unbalanced braces */
}}} _Defer {{{
#elif CASE == 10 /* hand-written marker */
int f(void) { return __cdefer_mark(); }
#elif CASE == 11 /* marker with arguments */
int f(void) { return __cdefer_mark(1, 2); }
#elif CASE == 12 /* bare pragma */
int f(int x) { _Pragma("cdefer scope extra") return x; } _Pragma("cdefer scope") int g;
#elif CASE == 13 /* missing semicolon */
int f(int x) { _Defer x++ return x; }
#elif CASE == 14 /* continue outside loop */
int f(int x) { _Defer continue; return x; }
#elif CASE == 15 /* duplicate label */
int f(int x) { _Defer L: ; L: return x; }
#elif CASE == 16 /* file scope, braced, at EOF */
_Defer { int a; a = 1; } int x; _Defer
#endif
