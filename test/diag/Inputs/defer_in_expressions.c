int g(int);
int global = (_Defer 1, 2);
int global2 = sizeof(_Defer);
int f(int n)
{
    int x = _Defer 1;
    int y = sizeof(_Defer 1);
    int z = sizeof(int[({ _Defer (void)0; 3; })]);
    g(_Defer 2);
    int a[n + (_Defer 1)];
    (void)a;
    (void)y;
    (void)z;
    return x + _Defer 3;
}
