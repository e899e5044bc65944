int puts(const char *);
int g = ({ _Defer puts("file scope"); 1; });
int f(int c)
{
    int x = ({ _Defer return 1; 2; });
    int y = ({ _Defer ({ _Defer puts("nested"); 1; }); 3; });
    int z = ({ _Defer break; 4; });
    int w = ({ 5; _Defer; });
    int v = ({ _Defer puts("last"); });
    while (c--)
        x += ({ _Defer continue; 0; });
    return x + y + z + w + v;
}
