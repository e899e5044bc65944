// SPEC 3.3: deferred code may use every variably modified type the enclosing
// function could: multi-dimensional VLAs (local and as a parameter) indexed
// as m[i][j], pointers to VLAs, an outside VLA typedef, casts, a function
// returning a pointer to a VLA, and VLA type names.  A VLA (or typedef)
// declared outside keeps the size it was declared with; a VLA type written
// in the deferred statement reads the sizes as they are when it runs (by
// reference).
#include <stddefer.h>
#include <stdio.h>

static void param_matrix(int n, double m[n][n])
{
    defer {
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                s += m[i][j];
        printf("param: m[1][1] = %.1f, sum = %.1f, sizeof m[0] = %zu\n", m[1][1], s, sizeof m[0]);
    }
    m[1][1] = 50;
    n = 2; /* the loops cover 2 x 2; the rows of m keep 3 elements */
    puts("param: body");
}

static void local_matrix(int n)
{
    int m[n][n + 1];
    for (int i = 0; i < n; i++)
        for (int j = 0; j <= n; j++)
            m[i][j] = i * 10 + j;
    typedef int row[n + 1];
    row *last = &m[n - 1];
    int rows = n;
    defer {
        int (*q)[rows + 1] = m;
        int (*all)[rows][rows + 1] = &m;
        int (*c)[rows + 1] = (int (*)[rows + 1])(void *)m;
        printf("local: m[1][2] = %d, q[2][3] = %d, (*all)[2][0] = %d, c[1][0] = %d, (*last)[1] = %d\n",
               m[1][2], q[2][3], (*all)[2][0], c[1][0], (*last)[1]);
        printf("local: sizeof m = %zu, sizeof m[0] = %zu, sizeof(row) = %zu, sizeof *last = %zu\n",
               sizeof m, sizeof m[0], sizeof(row), sizeof *last);
        printf("local: sizeof(int[n]) = %zu, sizeof(char[n][2]) = %zu\n", sizeof(int[n]), sizeof(char[n][2]));
    }
    m[1][2] = 99;
    n = 7;
    puts("local: body");
}

static void cube(int a, int b, int c)
{
    int t[a][b][c];
    for (int i = 0; i < a; i++)
        for (int j = 0; j < b; j++)
            for (int k = 0; k < c; k++)
                t[i][j][k] = i * 100 + j * 10 + k;
    defer printf("cube: t[1][2][3] = %d, sizeof t = %zu, sizeof t[1] = %zu, sizeof t[1][2] = %zu\n",
                 t[1][2][3], sizeof t, sizeof t[1], sizeof t[1][2]);
    t[1][2][3] = -1;
    a = b = c = 1;
    puts("cube: body");
}

static int grid[3][4] = {{0, 1, 2, 3}, {10, 11, 12, 13}, {20, 21, 22, 23}};
static int (*get_grid(void))[4] { return grid; }

static void function_type(int n)
{
    int (*(*fp)(void))[n] = get_grid; /* a function returning a pointer to a VLA */
    defer printf("function_type: fp()[2][1] = %d, sizeof *fp() = %zu\n", fp()[2][1], sizeof *fp());
    n = 1;
    puts("function_type: body");
}

static void nested(int n)
{
    int v[n][2];
    for (int i = 0; i < n; i++) {
        v[i][0] = i;
        v[i][1] = -i;
    }
    defer {
        defer printf("nested inner: v[2][1] = %d, sizeof v = %zu\n", v[2][1], sizeof v);
        printf("nested outer: v[1][0] = %d\n", v[1][0]);
    }
    v[2][1] = 42;
    n = 0;
    puts("nested: body");
}

int main(void)
{
    double m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    param_matrix(3, m);
    local_matrix(3);
    cube(2, 3, 4);
    function_type(4);
    nested(3);
    return 0;
}
