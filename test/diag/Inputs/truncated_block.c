void f(void)
{
    _Defer {
        int x = 1;
        (void)x;
