import CSQLite

/// Registers kb's `Tokenizer` with FTS5 under the name `kb` (used by `articles_fts`, for documents and queries alike).
enum FTS5Tokenizer {
    static let name = "kb"
    /// Bump when tokenization changes: the full-text index is rebuilt on the next ingest.
    static let version = 1

    static func register(on db: OpaquePointer) throws {
        guard let api = kb_fts5_api(db) else {
            throw StoreError(.open, "this SQLite has no FTS5; install a build with FTS5 (Debian: libsqlite3-dev 3.40)")
        }
        var tokenizer = fts5_tokenizer(
            xCreate: { _, _, _, out in
                out?.pointee = OpaquePointer(bitPattern: 0x1)
                return SQLITE_OK
            },
            xDelete: { _ in },
            xTokenize: { _, context, flags, text, count, emit in
                guard let emit, count > 0, let text else { return SQLITE_OK }
                let mode: TokenizeMode = flags & FTS5_TOKENIZE_QUERY != 0 ? .query : .document
                var rc = SQLITE_OK
                text.withMemoryRebound(to: UInt8.self, capacity: Int(count)) { bytes in
                    let buffer = UnsafeBufferPointer(start: bytes, count: Int(count))
                    // A text the ingester tokenized ahead of time, on another thread: replay its tokens.
                    if mode == .document, let ready = PretokenizedSet.current?.tokens(for: buffer) {
                        rc = ready.replay { token, count, start, end, colocated in
                            emit(context, colocated ? FTS5_TOKEN_COLOCATED : 0, token, count, start, end)
                        }
                        return
                    }
                    Tokenizer.tokenize(buffer, mode: mode) { token, start, end, colocated in
                        token.withMemoryRebound(to: CChar.self) { token in
                            rc = emit(context, colocated ? FTS5_TOKEN_COLOCATED : 0, token.baseAddress, Int32(token.count), Int32(start), Int32(end))
                        }
                        return rc == SQLITE_OK
                    }
                }
                return rc
            }
        )
        let result = api.pointee.xCreateTokenizer(api, name, nil, &tokenizer, nil)
        guard result == SQLITE_OK else { throw StoreError.sqlite(result, db, context: "cannot register the kb tokenizer") }
        // kb_hits(): BM25's term frequency alone, for searches that weigh it with kb's own statistics.
        let functions = kb_register_fts5_functions(api)
        guard functions == SQLITE_OK else { throw StoreError.sqlite(functions, db, context: "cannot register kb_hits") }
    }
}
