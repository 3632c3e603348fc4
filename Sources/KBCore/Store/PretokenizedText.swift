import Foundation

/// The tokens of a text that is about to be indexed, computed ahead of time: the ingester tokenizes articles on its
/// parsing threads, and the writing thread replays the tokens to FTS5 instead of tokenizing the same text again.
struct PretokenizedText: Sendable {
    struct Token: Sendable {
        /// End of the token's bytes in `bytes` (the start is the previous token's end).
        var end: UInt32
        /// Byte offsets of the source span in the text.
        var start: Int32
        var sourceEnd: Int32
        var isColocated: Bool
    }

    /// The text, compared byte for byte before its tokens are used.
    let text: String
    let bytes: [UInt8]
    let tokens: [Token]

    /// Tokenizes `text` as a document, as kb's FTS5 tokenizer would.
    init(document text: String) {
        var bytes: [UInt8] = []
        var tokens: [Token] = []
        var copy = text
        copy.withUTF8 { buffer in
            bytes.reserveCapacity(buffer.count)
            tokens.reserveCapacity(buffer.count / 5)
            Tokenizer.tokenize(buffer, mode: .document) { token, start, end, colocated in
                bytes.append(contentsOf: token)
                tokens.append(Token(end: UInt32(bytes.count), start: Int32(start), sourceEnd: Int32(end), isColocated: colocated))
                return true
            }
        }
        self.text = copy
        self.bytes = bytes
        self.tokens = tokens
    }
}

extension PretokenizedText {
    /// Calls `emit(token, tokenByteCount, start, end, isColocated)` for each token, stopping at the first result that
    /// is not `SQLITE_OK` (0), which it returns.
    func replay(_ emit: (UnsafePointer<CChar>, Int32, Int32, Int32, Bool) -> Int32) -> Int32 {
        bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return 0 }
                var from = 0
                for token in tokens {
                    let rc = emit(base + from, Int32(Int(token.end) - from), token.start, token.sourceEnd, token.isColocated)
                    if rc != 0 { return rc }
                    from = Int(token.end)
                }
                return 0
            }
        }
    }
}

/// Pretokenized texts made current for one thread while it runs an insert statement (see `withCurrent`).
final class PretokenizedSet {
    private var byLength: [Int: [PretokenizedText]] = [:]

    init(_ texts: some Sequence<PretokenizedText>) {
        for text in texts where !text.text.isEmpty { byLength[text.text.utf8.count, default: []].append(text) }
    }

    /// The tokens of exactly `text`, if they are here.
    func tokens(for text: UnsafeBufferPointer<UInt8>) -> PretokenizedText? {
        guard let candidates = byLength[text.count] else { return nil }
        for candidate in candidates {
            let same = candidate.text.utf8.withContiguousStorageIfAvailable { stored in
                guard let a = stored.baseAddress, let b = text.baseAddress else { return false }
                return memcmp(a, b, text.count) == 0
            }
            if same == true { return candidate }
        }
        return nil
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `body` with this set current on the calling thread: kb's tokenizer, called by SQLite on this thread,
    /// replays the tokens of the texts it holds. Other threads never see it.
    func withCurrent<T>(_ body: () throws -> T) rethrows -> T {
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, nil) }
        return try body()
    }

    /// The set current on this thread, if any.
    static var current: PretokenizedSet? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<PretokenizedSet>.fromOpaque(pointer).takeUnretainedValue()
    }
}
