#ifndef KB_CSQLITE_SHIM_H
#define KB_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT as a typed constant (the macro is a cast Swift cannot import).
static inline sqlite3_destructor_type kb_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// The FTS5 API of a connection, or NULL when FTS5 is not compiled in.
/// https://www.sqlite.org/fts5.html#extending_fts5
static inline fts5_api *kb_fts5_api(sqlite3 *db) {
    fts5_api *api = 0;
    sqlite3_stmt *stmt = 0;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}
#endif
