/* examples/port/driver.c - exercises the SQLite functions that
 * sqlite-defer.patch converts from goto cleanup to defer, so that the
 * original and the converted amalgamation can be compared.
 *
 * It runs a fixed SQL script (DDL, DML, triggers, ALTER TABLE, foreign keys,
 * JSON, sqlite3_exec with an aborting callback, sqlite3_get_table,
 * incremental blob I/O, errors of each kind) and prints every result:
 *
 *   1. once normally;
 *   2. then once per allocation N, with the Nth allocation failing (SQLite
 *      must fail cleanly and release everything), printing the result codes.
 *
 * After every round the connection is closed and the number of live
 * allocations must be back to zero: a cleanup path that forgets to free
 * something shows up as "LEAK".  Both builds must print the same text.
 *
 *   driver [STRIDE]   fail allocation 1, 1+STRIDE, 1+2*STRIDE, ... until a
 *                     round has no allocation to fail (default 1: every one)
 */
#include "sqlite3.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const script[] = {
    "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL, d BLOB)",
    "CREATE TABLE u(x, y UNIQUE, z DEFAULT 7, FOREIGN KEY(x) REFERENCES t(a) ON DELETE CASCADE)",
    "CREATE INDEX t_b ON t(b)",
    "CREATE UNIQUE INDEX t_bc ON t(b, c DESC) WHERE c > 0",
    "CREATE INDEX t_b ON t(c)",                          /* error: exists */
    "CREATE INDEX nope_i ON nope(a)",                    /* error: no table */
    "CREATE INDEX t_e ON t(a, e)",                       /* error: no column */
    "CREATE INDEX IF NOT EXISTS t_b ON t(c)",
    "PRAGMA foreign_keys = ON",
    "INSERT INTO t(b, c, d) VALUES ('one', 1.5, x'0102'), ('two', 2.5, NULL), ('three', -1, zeroblob(16))",
    "INSERT INTO t(a, b) VALUES (1, 'dup')",             /* error: PRIMARY KEY */
    "INSERT INTO t(q) VALUES (1)",                       /* error: no column */
    "INSERT INTO nope VALUES (1)",                       /* error: no table */
    "INSERT INTO t(b, c) SELECT b || '!', c * 2 FROM t WHERE c > 0",
    "INSERT OR REPLACE INTO t(a, b, c) VALUES (2, 'deux', 22)",
    "INSERT INTO t(b, c) VALUES ('up', 3) ON CONFLICT DO NOTHING",
    "INSERT INTO u(x, y) VALUES (1, 'p'), (2, 'q'), (3, 'r')",
    "INSERT INTO u(x, y) VALUES (99, 's')",              /* error: FOREIGN KEY */
    "CREATE TABLE log(msg TEXT)",
    "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('ins ' || new.b); END",
    "CREATE TRIGGER t_upd BEFORE UPDATE OF c ON t WHEN new.c < 0 BEGIN SELECT RAISE(ABORT, 'negative'); END",
    "CREATE TRIGGER t_del INSTEAD OF DELETE ON t BEGIN SELECT 1; END",   /* error: INSTEAD OF on a table */
    "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN SELECT 1; END",        /* error: exists */
    "CREATE TEMP TRIGGER tt AFTER DELETE ON u BEGIN INSERT INTO log VALUES ('del ' || old.y); END",
    "CREATE VIEW v AS SELECT a, b, c FROM t WHERE c IS NOT NULL",
    "CREATE TRIGGER v_upd INSTEAD OF UPDATE ON v BEGIN UPDATE t SET b = new.b WHERE a = old.a; END",
    "INSERT INTO t(b, c) VALUES ('four', 4)",
    "UPDATE t SET c = c + 1 WHERE b LIKE 't%'",
    "UPDATE t SET c = -5 WHERE a = 1",                   /* error: trigger RAISE */
    "UPDATE t SET q = 1",                                /* error: no column */
    "UPDATE v SET b = 'via view' WHERE a = 1",
    "UPDATE t SET (b, c) = (SELECT 'sub', 9) WHERE a = 3",
    "UPDATE OR IGNORE u SET y = 'p' WHERE x = 2",
    "DELETE FROM u WHERE x = 3",
    "DELETE FROM t WHERE a = 1",                         /* cascades into u */
    "DELETE FROM nope",                                  /* error: no table */
    "DELETE FROM v",                                     /* error: no INSTEAD OF DELETE */
    "DELETE FROM t WHERE b IN (SELECT y FROM u)",
    "ALTER TABLE u RENAME TO w",
    "ALTER TABLE w RENAME TO t",                         /* error: exists */
    "ALTER TABLE nope RENAME TO n2",                     /* error: no table */
    "ALTER TABLE w RENAME COLUMN y TO yy",
    "ALTER TABLE w RENAME COLUMN nope TO n",             /* error: no column */
    "ALTER TABLE t RENAME COLUMN b TO bb",               /* error: breaks trigger v_upd */
    "ALTER TABLE t RENAME COLUMN c TO cc",
    "ALTER TABLE w ADD COLUMN extra TEXT DEFAULT 'e'",
    "ALTER TABLE w DROP COLUMN z",
    "ALTER TABLE w DROP COLUMN yy",                      /* error: UNIQUE */
    "ALTER TABLE w DROP COLUMN nope",                    /* error: no column */
    "ALTER TABLE log DROP COLUMN msg",                   /* error: only column */
    "CREATE TABLE fk(p REFERENCES t(a), q, FOREIGN KEY(q) REFERENCES w(x) ON UPDATE SET NULL)",
    "CREATE TABLE fk2(p, FOREIGN KEY(p, q) REFERENCES t(a))",   /* error: no column q */
    "SELECT json_extract('{\"a\":[1,2,{\"b\":3}]}', '$.a[2].b', '$.a[0]', '$.x')",
    "SELECT json_extract('{\"a\":1}', '$$bad')",         /* error: bad path */
    "SELECT json_remove('[1,2,3,{\"x\":4}]', '$[1]', '$[2].x'), json_remove('{\"a\":1}', 'bad')",
    "SELECT json_remove('{\"a\":1,\"b\":2}', '$.a')",
    "SELECT a, b, cc, hex(d) FROM t ORDER BY a",
    "SELECT * FROM w ORDER BY x",
    "SELECT * FROM log ORDER BY rowid",
    "SELECT name, type FROM sqlite_schema ORDER BY name",
    "PRAGMA integrity_check",
    "PRAGMA foreign_key_check",
    "DROP TRIGGER t_ins",
    "DROP INDEX t_b",
    "DROP TABLE fk",
    NULL,
};

/* --- allocation counting and fault injection ---------------------------- */

static sqlite3_mem_methods real;
static long n_allocs;           /* allocations made in this round */
static long fail_at;            /* fail the allocation with this number (1-based), 0: none */
static int failed;              /* the fault fired in this round */
static long live;               /* blocks allocated and not yet freed */

static void *x_malloc(int n)
{
    if (fail_at && ++n_allocs == fail_at) {
        failed = 1;
        return NULL;
    }
    void *p = real.xMalloc(n);
    if (p)
        live++;
    return p;
}
static void x_free(void *p)
{
    if (p)
        live--;
    real.xFree(p);
}
static void *x_realloc(void *p, int n)
{
    if (fail_at && ++n_allocs == fail_at) {
        failed = 1;
        return NULL;
    }
    void *q = real.xRealloc(p, n);
    if (!p && q)
        live++;
    return q;
}
static int x_size(void *p) { return real.xSize(p); }
static int x_roundup(int n) { return real.xRoundup(n); }
static int x_init(void *a) { return real.xInit(a); }
static void x_shutdown(void *a) { real.xShutdown(a); }

/* --- the script ------------------------------------------------------------ */

static int verbose;
static FILE *out;

static int print_row(void *arg, int n, char **vals, char **names)
{
    int *rows = arg;
    if (verbose) {
        for (int i = 0; i < n; i++)
            fprintf(out, "%s%s=%s", i ? " " : "  ", names[i], vals[i] ? vals[i] : "NULL");
        fputc('\n', out);
    }
    return ++*rows >= 100;      /* abort after 100 rows: exercises SQLITE_ABORT */
}

static void run_script(void)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open(":memory:", &db);
    fprintf(out, "open %d\n", rc);
    if (rc == SQLITE_OK) {
        for (int i = 0; script[i]; i++) {
            char *err = NULL;
            int rows = 0;
            rc = sqlite3_exec(db, script[i], print_row, &rows, &err);
            if (verbose)
                fprintf(out, "[%d] rc=%d rows=%d %s\n", i, rc, rows, err ? err : "");
            else
                fprintf(out, "%d:%d ", i, rc);
            sqlite3_free(err);
        }
        /* sqlite3_exec whose callback aborts */
        char *err = NULL;
        int rows = 98;
        rc = sqlite3_exec(db, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3; SELECT 4",
                          print_row, &rows, &err);
        fprintf(out, "%sabort rc=%d rows=%d %s\n", verbose ? "" : "\n", rc, rows, err ? err : "");
        sqlite3_free(err);
        /* sqlite3_get_table */
        char **table = NULL;
        int nrow = 0, ncol = 0;
        rc = sqlite3_get_table(db, "SELECT a, b FROM t ORDER BY a", &table, &nrow, &ncol, &err);
        fprintf(out, "get_table rc=%d %dx%d", rc, nrow, ncol);
        if (rc == SQLITE_OK && verbose)
            for (int i = 0; i < (nrow + 1) * ncol; i++)
                fprintf(out, " %s", table[i] ? table[i] : "NULL");
        fprintf(out, " %s\n", err ? err : "");
        sqlite3_free(err);
        sqlite3_free_table(table);
        /* incremental blob I/O */
        sqlite3_blob *blob = NULL;
        rc = sqlite3_blob_open(db, "main", "t", "d", 3, 1, &blob);
        fprintf(out, "blob_open rc=%d", rc);
        if (rc == SQLITE_OK) {
            rc = sqlite3_blob_write(blob, "hello", 5, 2);
            char buf[8] = {0};
            int rc2 = sqlite3_blob_read(blob, buf, 7, 0);
            fprintf(out, " write=%d read=%d bytes=%d", rc, rc2, sqlite3_blob_bytes(blob));
            if (verbose)
                fprintf(out, " %02x%02x%c%c%c%c%c", (unsigned char)buf[0], (unsigned char)buf[1],
                        buf[2], buf[3], buf[4], buf[5], buf[6]);
            sqlite3_blob_close(blob);
        }
        fprintf(out, "\n");
        rc = sqlite3_blob_open(db, "main", "t", "nope", 3, 0, &blob);
        fprintf(out, "blob_open(no column) rc=%d %s\n", rc, sqlite3_errmsg(db));
        rc = sqlite3_blob_open(db, "main", "t", "d", 12345, 0, &blob);
        fprintf(out, "blob_open(no row) rc=%d %s\n", rc, sqlite3_errmsg(db));
        /* column metadata */
        const char *type = NULL, *coll = NULL;
        int notnull = 0, pk = 0, autoinc = 0;
        rc = sqlite3_table_column_metadata(db, "main", "t", "a", &type, &coll, &notnull, &pk, &autoinc);
        fprintf(out, "metadata rc=%d %s %s %d %d %d\n", rc, type ? type : "-", coll ? coll : "-",
                notnull, pk, autoinc);
        rc = sqlite3_table_column_metadata(db, "main", "t", "zz", &type, &coll, &notnull, &pk, &autoinc);
        fprintf(out, "metadata(no column) rc=%d\n", rc);
    }
    rc = sqlite3_close(db);
    fprintf(out, "close %d\n", rc);
}

int main(int argc, char **argv)
{
    long stride = argc > 1 ? atol(argv[1]) : 1;
    if (stride < 1)
        stride = 1;
    out = stdout;
    sqlite3_mem_methods m;
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real);
    m = real;
    m.xMalloc = x_malloc;
    m.xFree = x_free;
    m.xRealloc = x_realloc;
    m.xSize = x_size;
    m.xRoundup = x_roundup;
    m.xInit = x_init;
    m.xShutdown = x_shutdown;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);   /* every allocation goes through us */
    sqlite3_initialize();

    printf("== SQLite %s, normal run\n", sqlite3_libversion());
    verbose = 1;
    long before = live;
    run_script();
    printf("%s\n", live == before ? "no leak" : "LEAK");
    int leaks = live != before;

    verbose = 0;
    long rounds = 0;
    for (fail_at = 1;; fail_at += stride) {
        n_allocs = 0;
        failed = 0;
        before = live;
        printf("== allocation %ld fails\n", fail_at);
        run_script();
        if (live != before) {
            printf("LEAK of %ld blocks\n", live - before);
            leaks++;
        }
        rounds++;
        if (!failed)
            break;
    }
    printf("== %ld fault rounds, %d with leaks\n", rounds, leaks);
    return leaks != 0;
}
