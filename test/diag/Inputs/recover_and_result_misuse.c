int puts(const char *);
void *recover(void);
void f(void)
{
    recover();
    _Defer recover();
    _Defer { if (recover()) puts("recovered"); }
}
int g(void) __attribute__((cleanup));
int h(void)
{
    int r __attribute__((cleanup(h)));
    _Defer r = 1;
    return r;
}
