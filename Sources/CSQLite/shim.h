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

/// kb_hits(articles_fts, w0, w1, ...): how often the query's phrases occur in the current row, each occurrence
/// weighted by its column's weight (1 for columns without one). It is BM25's term-frequency part alone: kb applies
/// its own IDF and length normalization from statistics it keeps in memory, so unlike bm25() this neither scans
/// every phrase's whole posting list for IDF nor reads the row's size record.
static inline void kb_fts5_hits(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                                sqlite3_value **values) {
    double weights[16];
    int nWeights = nVal < 16 ? nVal : 16;
    for (int i = 0; i < nWeights; i++) weights[i] = sqlite3_value_double(values[i]);
    int count = 0;
    int rc = api->xInstCount(fts, &count);
    double sum = 0;
    for (int i = 0; rc == SQLITE_OK && i < count; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        sum += column < nWeights ? weights[column] : 1.0;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_double(ctx, sum);
}

/// Registers kb's FTS5 auxiliary functions (kb_hits) on a connection's FTS5 API.
static inline int kb_register_fts5_functions(fts5_api *api) {
    return api->xCreateFunction(api, "kb_hits", 0, kb_fts5_hits, 0);
}
#endif
