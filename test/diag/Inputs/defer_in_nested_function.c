int puts(const char *);
void outer(int c)
{
    void inner(void)
    {
        _Defer puts("inner deferred");
        if (c)
            return;
    }
    _Defer inner();
    inner();
}
