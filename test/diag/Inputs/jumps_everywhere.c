int puts(const char *);
int f(int c)
{
    void *p = &&inside;
    goto inside;
    switch (c) {
    case 0:
        _Defer {
        case 1:
inside:
            if (c) return 1;
            goto after;
            for (;;) { _Defer break; _Defer continue; }
            goto *p;
        }
    case 2:
        _Defer _Defer return 2;
    default:
        _Defer L: M: N: puts("labels");
    }
after:
    _Defer { goto after; }
    _Defer { switch (c) { _Defer case 3: break; } }
    return 0;
}
