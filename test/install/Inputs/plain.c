/* A C file that uses no defer. */
int plain(int x) { return x + 1; }
