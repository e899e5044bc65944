int puts(const char *);
#define D _Defer
#define DD D D
#define EMPTY
#define STRINGIFY(x) #x
#define STR(x) STRINGIFY(x)
const char *spelled = STR(_Defer);
void f(void)
{
    DD puts("dd");
    D EMPTY puts("d empty");
    _Defer
#if 1
    puts("across a directive");
#endif
    D
}
#undef _Defer
void g(void)
{
    _Defer puts("after undef");
}
#define _Defer 1
void h(void)
{
    int x = _Defer;
    (void)x;
}
