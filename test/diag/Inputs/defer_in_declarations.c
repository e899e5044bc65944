struct S {
    int a;
    _Defer int x;
};
union U { _Defer; int y; };
enum E { A = _Defer 1, B };
typedef _Defer int T;
void params(int a, _Defer int b) { (void)a; (void)b; }
void param_only(_Defer);
int (*fp)(_Defer int);
_Defer struct S s;
