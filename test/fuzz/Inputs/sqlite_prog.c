/* test/fuzz/Inputs/sqlite_prog.c - a small SQLite program for
 * test/fuzz/sqlite_identity.sh: it is linked with the amalgamation built
 * without and with the cdefer plugin, and both must print the same.  It
 * goes through table creation, inserts in a transaction, an index, joins,
 * aggregates, a recursive CTE, an error path and a rollback.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stdio.h>
#include "sqlite3.h"

static int row(void *arg, int n, char **val, char **col)
{
    (void)arg;
    for (int i = 0; i < n; i++)
        printf("%s%s=%s", i ? " " : "", col[i], val[i] ? val[i] : "NULL");
    printf("\n");
    return 0;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, row, NULL, &err);
    printf("-- rc=%d%s%s\n", rc, err ? " " : "", err ? err : "");
    sqlite3_free(err);
}

int main(void)
{
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return 1;
    exec(db, "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL);"
             "CREATE TABLE u(a INTEGER, d TEXT);");
    exec(db, "BEGIN;"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
             " INSERT INTO t SELECT i, printf('row%05d', i * 7 % 2000), i / 3.0 FROM n;"
             "INSERT INTO u SELECT a, upper(b) FROM t WHERE a % 13 = 0;"
             "COMMIT;");
    exec(db, "CREATE INDEX tb ON t(b);");
    exec(db, "SELECT count(*), sum(a), round(avg(c), 4), min(b), max(b) FROM t;");
    exec(db, "SELECT t.a, t.b, u.d FROM t JOIN u USING(a) WHERE t.a < 120 ORDER BY t.b;");
    exec(db, "SELECT a % 5 AS k, count(*), group_concat(a, ',') FROM t"
             " WHERE a < 40 GROUP BY k ORDER BY k;");
    exec(db, "SELECT * FROM missing;");
    exec(db, "BEGIN; DELETE FROM t WHERE a > 10; ROLLBACK; SELECT count(*) FROM t;");
    exec(db, "UPDATE t SET c = c * 2 WHERE b LIKE 'row00%'; SELECT total(c) FROM t;");
    exec(db, "SELECT json_group_array(a) FROM (SELECT a FROM u ORDER BY a DESC LIMIT 8);");
    sqlite3_close(db);
    return 0;
}
