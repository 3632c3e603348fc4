/// The FTS5 tokenizer of the knowledge base, for English, Japanese and Korean text.
///
/// Normalizes per character (NFKC, case folding, prolonged-sound-mark unification, zero-width removal),
/// then yields:
/// - words of Latin (and other spaced scripts') letters and digits; identifiers joined by `_ . : -`
///   (`permission_denied`, `node:internal`) yield their parts, plus — in `.document` mode — the whole
///   compound as a token colocated with the first part;
/// - overlapping bigrams of Han/hiragana/katakana runs and of Hangul runs (a one-character run yields
///   that character).
///
/// Long-vowel folding: `ー ｰ ―` (and `─`, or `— −` between katakana) are all `ー`. In `.query` mode a
/// trailing `ー` of a katakana word of four or more characters that ends the run is dropped
/// (`サーバー` → `サー ーバ`, like `サーバ`; `エラー` keeps `ラー`). Documents keep every bigram
/// (`サーバー` → `サー ーバ バー`), so both spellings match either spelling as a phrase, and a short word
/// like `エラー` still matches at the end of a katakana compound (`ランタイムエラー`).
///
/// Any bytes are accepted: invalid UTF-8, NUL, emoji, symbols, punctuation and terminal escape sequences
/// (`ESC[31m`, and the remnant `[31m` of a pasted colored log) separate tokens; zero-width characters
/// (U+200B–U+200D, U+2060, U+FEFF, soft hyphen, variation selectors, …) are ignored as if absent.
/// Tokens are at most `maxTokenBytes` bytes (longer words are truncated at a character boundary;
/// compounds longer than that are not emitted whole).
public enum Tokenizer {
    /// The longest token emitted, in UTF-8 bytes.
    public static let maxTokenBytes = 64

    /// Calls `body` once per token. `token` is the normalized token's UTF-8 bytes (valid only during the call);
    /// `start`/`end` are byte offsets into `text` of the source span the token came from; `colocated` = true means
    /// "same position as the previous token" (FTS5_TOKEN_COLOCATED). Return false from body to stop.
    public static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, mode: TokenizeMode,
        _ body: (_ token: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) -> Bool
    ) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        // All working memory on the stack, once per call: scanner queues and memo, compound parts, token bytes.
        let scannerBytes = (TextScanner.scratchByteCount + 15) & ~15
        let partBytes = TokenEmitter.maxParts * MemoryLayout<TokenEmitter.Part>.stride
        let byteCount = scannerBytes + partBytes + TokenEmitter.byteScratchCount
        withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 16) { raw in
            let start = raw.baseAddress!
            let parts = (start + scannerBytes).bindMemory(to: TokenEmitter.Part.self, capacity: TokenEmitter.maxParts)
            let bytes = (start + scannerBytes + partBytes).bindMemory(
                to: UInt8.self, capacity: TokenEmitter.byteScratchCount)
            var scanner = TextScanner(base: base, count: text.count, scratch: start)
            var emitter = TokenEmitter(mode: mode, bytes: bytes, parts: parts)
            var char = NormalizedChar()
            while scanner.next(&char) {
                emitter.feed(char, body)
                if emitter.stopped { return }
            }
            emitter.finish(body)
        }
    }

    /// Convenience for tests and callers: the token strings in order.
    public static func tokens(_ text: String, mode: TokenizeMode = .document) -> [String] {
        var result: [String] = []
        var copy = text
        copy.withUTF8 { buffer in
            tokenize(buffer, mode: mode) { token, _, _, _ in
                result.append(String(decoding: token, as: UTF8.self))
                return true
            }
        }
        return result
    }
}
