int puts(const char *);
void f(int c)
{
    for (_Defer puts("init"); c; c--)
        ;
    while (_Defer c)
        ;
    if (_Defer c) { }
    switch (_Defer c) { }
    else _Defer puts("stray else");
    do _Defer puts("x"); while (_Defer 0);
}
