void f(void)
{
    _Defer _Defer;
    _Defer _Defer _Defer;
    _Defer _Defer }
void g(void)
{
    _Defer _Defer _Defer _Defer _Defer _Defer _Defer _Defer (void)0;
    _Defer { _Defer { _Defer { _Defer return; } } }
}
