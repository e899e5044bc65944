void f(void)
{
    _Defer @ # $;
    _Defer ) ;
    _Defer ];
    _Defer ,;
    _Defer else;
    _Defer 1 2 3;
    _Defer "unterminated;
}
