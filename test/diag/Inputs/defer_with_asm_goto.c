int puts(const char *);
void f(int c)
{
    _Defer {
        asm goto("" :::: out);
        puts("not jumped");
    }
    if (c) {
        _Defer puts("deferred");
        asm goto("" :::: out);
    }
out:
    puts("out");
}
