void f(void)
{
    _Defer { } }
}
}
void g(void)
{
    _Defer { { {
}
