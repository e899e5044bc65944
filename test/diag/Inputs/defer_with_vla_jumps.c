int puts(const char *);
void f(int n)
{
    goto past;
    {
        int a[n];
        _Defer { int b[n]; b[0] = a[0]; (void)b; }
past:
        a[0] = n;
    }
    _Defer { int c[n]; goto vla; }
vla:
    {
        int d[n];
        _Defer (void)sizeof d;
        _Defer (void)sizeof(int[n]);
    }
}
