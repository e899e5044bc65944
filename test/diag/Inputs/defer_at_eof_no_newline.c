void f(void)
{
    _Defer