/// The normalized form of one error message, used to match pasted errors with the
/// articles that explain them.
///
/// Like the templates of crash groupers and log miners, a signature keeps the words
/// of a message and masks its variable parts (numbers, ids, paths, URLs, quoted
/// values, image names), so that the same error meets itself across machines,
/// projects and runs:
///
/// ```swift
/// let a = ErrorSignature(line: "2024-05-28T00:20:04Z TypeError: \"foo\" is not a function")!
/// let b = ErrorSignature(line: "TypeError: 'bar' is not a function")!
/// a.text == "typeerror: ‹str› is not a function"   // true
/// a.hash == b.hash                                 // true
/// a.tokens                                         // ["typeerror", "is", "not", "function"]
/// a.clues                                          // ["foo"]
/// ```
///
/// Articles and queries must be normalized by the same code: signatures stored at
/// ingest carry ``version`` and are recomputed when it changes.
///
/// Equality compares every property, clues included; group signatures by ``hash``
/// (or ``text``) to treat messages that differ only in masked values as one.
public struct ErrorSignature: Hashable, Sendable {
    /// The version of the normalization. It is bumped whenever ``text``, ``tokens`` or
    /// ``clues`` would change for some input, so that stored signatures are recomputed.
    public static let version: Int = 2

    /// The normalized template, such as `typeerror: ‹str› is not a function`.
    ///
    /// Lower case, whitespace collapsed, with ``Mask`` placeholders where variable
    /// values were, and without trailing sentence punctuation.
    public let text: String

    /// A 64-bit FNV-1a hash of the UTF-8 bytes of ``text``: stable across runs,
    /// processes and machines (unlike `Hasher`), so it can be stored.
    public let hash: UInt64

    /// The distinct meaningful tokens of ``text``, in order of first appearance:
    /// words split on anything that is not a letter, digit or `_`, lower-cased,
    /// without placeholders and single ASCII letters. Chinese, Japanese and Korean
    /// runs become overlapping character bigrams.
    public let tokens: [String]

    /// The masked values (quoted values, numbers, versions, hosts, image names),
    /// lower-cased and distinct. They are weak evidence: the quoted value is
    /// sometimes the meaning of a message (`"undefined" is not valid JSON`).
    /// Paths, URLs, e-mail addresses, IPs, timestamps and random ids are not kept.
    public let clues: [String]

    /// Normalizes one line of error output.
    ///
    /// Strips ANSI escapes, CI timestamps, BuildKit step numbers, log levels and
    /// wrapper prefixes (`Error:`, `fatal:`, `npm ERR!`), masks variable values and
    /// folds case. Returns `nil` when nothing meaningful remains, as for a line of only
    /// numbers, paths or punctuation. Lines longer than 4 KiB are cut first.
    public init?(line: some StringProtocol) {
        let result: SignatureNormalizer.Result =
            line.utf8.withContiguousStorageIfAvailable { SignatureNormalizer.normalize($0) }
            ?? Array(line.utf8).withUnsafeBufferPointer { SignatureNormalizer.normalize($0) }
        self.init(normalized: result)
    }

    /// Normalizes a line given as UTF-8 bytes (used by ``Triage`` to avoid copies).
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        self.init(normalized: SignatureNormalizer.normalize(bytes))
    }

    private init?(normalized result: SignatureNormalizer.Result) {
        let tokens = SignatureTokenizer.tokens(ofTemplate: result.text)
        guard !tokens.isEmpty else { return nil }
        self.text = result.text
        self.hash = Self.fnv1a64(result.text)
        self.tokens = tokens
        self.clues = result.clues
    }

    /// Splits raw text into tokens exactly as ``tokens`` are made from a template:
    /// letters, digits and `_` form words, which are lower-cased; single ASCII letters
    /// and `‹…›` placeholders are dropped; Chinese, Japanese and Korean runs become
    /// overlapping bigrams. Tokens are distinct and in order of first appearance.
    ///
    /// ```swift
    /// ErrorSignature.tokens(of: "GHCR への push が権限エラー")
    /// // ["ghcr", "への", "push", "が権", "権限", "限エ", "エラ", "ラー"]
    /// ```
    public static func tokens(of text: some StringProtocol) -> [String] {
        SignatureTokenizer.tokens(of: text)
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension ErrorSignature {
    /// The kinds of variable values that normalization masks, and the placeholder
    /// word each one leaves in ``ErrorSignature/text``.
    public enum Mask: String, CaseIterable, Sendable {
        /// A quoted value: `'x'`, `"foo"`, `` `bar` ``, `` `bar' ``, `“x”`, `‘x’`, `«x»`. Quotes in CJK prose
        /// (「x」, or a quote followed by CJK text) mark phrases and are left as words.
        case str
        /// A number, with an optional sign and unit: `42`, `-1`, `1.5`, `12ms`, `1.2MB`.
        case num
        /// A version: `1.2.3`, `v0.0.10`, `2.0.0-beta.1`.
        case ver
        /// A hexadecimal id or address: `9eb82f04c782`, `0x1d`.
        case hex
        /// A content digest: `sha256:…`.
        case digest
        /// A UUID.
        case uuid
        /// A date or time inside the message.
        case time
        /// A URL, or an SSH remote such as `git@github.com:acme/api.git`.
        case url
        /// A host name, optionally with a port: `registry.npmjs.org`, `localhost:3000`.
        case host
        /// An IPv4 address, optionally with a port.
        case ip
        /// An e-mail address.
        case email
        /// A file path, optionally with `:line:col`: `/app/index.js:4:8`, `C:\x\y`,
        /// `src/main.rs:4:5`, `node:internal/modules/cjs/loader:1521:14`.
        case path
        /// An image or repository name: `ghcr.io/acme/api:latest`, `acme/api:v1`, `node:20-alpine`.
        case image
        /// A regular expression literal quoted by an engine: `/[z-a]/u`.
        case regex

        /// The placeholder written into the template, such as `‹str›`.
        public var placeholder: String { "‹\(rawValue)›" }

        var placeholderUTF8: [UInt8] {
            switch self {
            case .str: Self.bytes.str
            case .num: Self.bytes.num
            case .ver: Self.bytes.ver
            case .hex: Self.bytes.hex
            case .digest: Self.bytes.digest
            case .uuid: Self.bytes.uuid
            case .time: Self.bytes.time
            case .url: Self.bytes.url
            case .host: Self.bytes.host
            case .ip: Self.bytes.ip
            case .email: Self.bytes.email
            case .path: Self.bytes.path
            case .image: Self.bytes.image
            case .regex: Self.bytes.regex
            }
        }

        private struct Bytes: Sendable {
            let str = Array("‹str›".utf8)
            let num = Array("‹num›".utf8)
            let ver = Array("‹ver›".utf8)
            let hex = Array("‹hex›".utf8)
            let digest = Array("‹digest›".utf8)
            let uuid = Array("‹uuid›".utf8)
            let time = Array("‹time›".utf8)
            let url = Array("‹url›".utf8)
            let host = Array("‹host›".utf8)
            let ip = Array("‹ip›".utf8)
            let email = Array("‹email›".utf8)
            let path = Array("‹path›".utf8)
            let image = Array("‹image›".utf8)
            let regex = Array("‹regex›".utf8)
        }

        private static let bytes = Bytes()
    }
}
